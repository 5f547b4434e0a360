import type { Role } from './enums';

/** What scoping needs to know about the caller. */
export interface Viewer {
  tokenId: string;
  role: Role;
  unitId: string | null;
}

/** What scoping needs to know about a case. */
export interface ScopedCase {
  leadUnitId: string | null;
  coHandlers: string[];
  reportedBy: { id: string };
}

/**
 * docs/domain.md "Who does what": the office, leaders and admins see every case; a unit sees the cases
 * it leads or co-handles; a visitor sees the cases it reported. Outside scope answers 404.
 */
export function canSeeCase(viewer: Viewer, c: ScopedCase): boolean {
  switch (viewer.role) {
    case 'office':
    case 'leader':
    case 'admin':
      return true;
    case 'unit':
      return viewer.unitId !== null && (c.leadUnitId === viewer.unitId || c.coHandlers.includes(viewer.unitId));
    case 'visitor':
      return c.reportedBy.id === viewer.tokenId;
  }
}

/** Only the office, admins and the case's lead unit see a reporter's name and phone unmasked. */
export function mayUnmaskReporter(viewer: Viewer, c: ScopedCase): boolean {
  if (viewer.role === 'office' || viewer.role === 'admin') return true;
  return viewer.role === 'unit' && viewer.unitId !== null && viewer.unitId === c.leadUnitId;
}

const HONORIFIC = /(先生|女士|小姐|老师|师傅)$/;

/** Masks a name the way the press does: 周建国 → 周某某, 曾丽 → 曾某; 周先生 stays as it is. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (HONORIFIC.test(name)) return name.trim();
  if (/^[\u4e00-\u9fff]/.test(chars[0]!)) return chars[0]! + '某'.repeat(Math.min(2, Math.max(1, chars.length - 1)));
  return `${chars[0]}***`;
}

/** Keeps the last four digits: 138****1234 style, so a caller can still tell two reporters apart. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length <= 4 ? '****' : `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}
