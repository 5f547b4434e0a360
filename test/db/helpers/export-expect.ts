// Reading exports back, and what each printed line should say, derived independently of the
// export code from the ledger list and the generated reference data.
import { PassThrough, type Writable } from 'node:stream';
import type { LedgerItem } from '../../../shared/db/ledger';
import type { Sql } from '../../../shared/db/sql';
import { categoryName, localityPath, unitName } from './ledger-city';

/** A sink that collects everything written to it. */
export function collector(): { stream: Writable; bytes(): Buffer } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, bytes: () => Buffer.concat(chunks) };
}

/** RFC 4180: fields separated by commas, records by CRLF, quotes doubled inside quoted fields. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted) {
      if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      field = '';
      record = [];
      i++;
    } else if (ch === '\n' || ch === '\r') {
      throw new Error(`bare line break at ${i}: RFC 4180 wants CRLF or quotes`);
    } else {
      field += ch;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end with CRLF');
  return records;
}

const STATUS: Record<string, string> = {
  triage: '待分办',
  queued: '待交办',
  assigned: '已交办待签收',
  in_progress: '办理中',
  verifying: '已办结待回访',
  closed: '已办结',
};
const CLOSED: Record<string, string> = { on_spot: '已办结（当场解决）', resolved: '已办结' };
const KIND: Record<string, string> = {
  problem_clue: '问题线索',
  suggestion: '意见建议',
  conflict_risk: '矛盾风险',
  hardship: '群众困难',
};
const LEVEL = ['无', '一级督办', '二级督办'];

/** The calendar day in Beijing (UTC+8, no daylight saving). */
const day = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10) : '');

/** The fifteen cells each listed case should print as, in order. */
export async function expectedLines(sql: Sql, items: LedgerItem[]): Promise<string[][]> {
  const extra = new Map(
    (
      await sql<
        {
          id: string;
          measures: string | null;
          summary: string | null;
          percent: number | null;
          lastAt: Date | null;
          visit: boolean;
          role: string;
        }[]
      >`
        SELECT id, measures, last_report_summary AS summary, last_report_percent AS percent, last_report_at AS "lastAt",
               visit_id IS NOT NULL AS visit, reported_by ->> 'role' AS role
        FROM cases WHERE id = ANY(${items.map((i) => i.id)}::text[])`
    ).map((r) => [r.id, r]),
  );
  return items.map((item, i) => {
    const x = extra.get(item.id)!;
    const channel = x.visit || x.role === 'visitor' ? '大走访' : x.role === 'office' ? '活动办' : '其他';
    return [
      String(i + 1),
      `${channel}·${KIND[item.kind]}`,
      item.reporter ? [item.reporter.name, item.reporter.phone].filter(Boolean).join(' ') : '',
      `【${item.title}】${item.description}`,
      categoryName(item.category),
      localityPath(item.locality),
      unitName(item.lead),
      item.coHandlers.map(unitName).join('、'),
      day(item.assignedAt),
      day(item.deadline),
      x.measures ?? '',
      x.summary ? `${day(x.lastAt)}：${x.summary}${x.percent === null ? '' : `（完成${x.percent}%）`}` : '',
      item.status === 'closed' && item.closeReason ? CLOSED[item.closeReason]! : STATUS[item.status]!,
      item.overdue ? '是' : '否',
      LEVEL[item.escalationLevel]!,
    ];
  });
}
