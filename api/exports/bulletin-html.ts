import { campaignDateTime } from '../../shared/domain/campaign-clock';
import type { Bulletin } from '../../shared/supervision/bulletin';
import { BULLETIN_COLUMNS, RANKING_RULE_TEXT, SLOW_REASON_LABELS, hours, periodText, titleOf } from './bulletin-labels';

// The bulletin as a printable page: plain HTML and CSS, no script. Every value that came from data
// (unit names above all, which an admin typed) goes through `escapeHtml`, text and attributes alike.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (value: string | number): string => String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);

const STYLE = `
  body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
         margin: 2rem; color: #111; }
  h1 { font-size: 1.5rem; text-align: center; margin-bottom: 0.25rem; }
  .meta { text-align: center; color: #444; margin-top: 0; }
  table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
  th, td { border: 1px solid #999; padding: 0.3rem 0.4rem; text-align: center; }
  th { background: #eee; }
  td.text { text-align: left; }
  tr.slow td { background: #fff3f0; }
  tfoot td { font-weight: bold; }
  .rule { font-size: 0.8rem; color: #444; }
  @page { size: A4 landscape; margin: 12mm; }
  @media print {
    body { margin: 0; }
    th, tr.slow td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    thead { display: table-header-group; }
    tr { page-break-inside: avoid; }
  }`;

/** An ideographic space between the two facts, as Chinese documents set them. */
const GAP = '\u3000';

const cell = (value: string | number, className?: string) =>
  `<td${className ? ` class="${className}"` : ''}>${escapeHtml(value)}</td>`;

function unitRows(b: Bulletin): string {
  return b.units
    .map((u) => {
      const cells = BULLETIN_COLUMNS.map((c) => cell(c.value(u), c.text ? 'text' : undefined));
      return `<tr${u.slowReasons.length > 0 ? ' class="slow"' : ''}>${cells.join('')}</tr>`;
    })
    .join('\n');
}

function totalsRow(b: Bulletin): string {
  const t = b.totals;
  const values = ['', '合计', t.assigned, t.accepted, t.pendingAccept, t.inProgress, t.resolved, '', t.overdue];
  const rest = [t.missedReports, t.escalations, hours(t.medianAcceptSeconds), hours(t.medianResolveSeconds), ''];
  return `<tr>${[...values, ...rest].map((v) => cell(v)).join('')}</tr>`;
}

function slowList(b: Bulletin): string {
  if (b.slowUnits.length === 0) return '<p>本期无进度较慢单位。</p>';
  const items = b.slowUnits.map(
    (u) =>
      `<li>${escapeHtml(u.unitName ?? u.unitId)}：${escapeHtml(u.reasons.map((r) => SLOW_REASON_LABELS[r]).join('、'))}</li>`,
  );
  return `<ul>${items.join('')}</ul>`;
}

export function renderBulletinHtml(b: Bulletin): string {
  const title = titleOf(b);
  const status = b.complete ? '' : '（本期尚未结束，数据截至统计时间）';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">统计周期：${escapeHtml(periodText(b))}${GAP}统计时间：${escapeHtml(campaignDateTime(b.computedAt))}${escapeHtml(status)}</p>
<h2>一、各单位办理情况</h2>
<table>
<thead><tr>${BULLETIN_COLUMNS.map((c) => `<th>${escapeHtml(c.header)}</th>`).join('')}</tr></thead>
<tbody>
${unitRows(b)}
</tbody>
<tfoot>${totalsRow(b)}</tfoot>
</table>
<h2>二、进度较慢单位</h2>
${slowList(b)}
<p class="rule">${escapeHtml(RANKING_RULE_TEXT)}</p>
</body>
</html>
`;
}
