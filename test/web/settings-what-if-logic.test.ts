// The settings desk's what-if preview without a browser: the NDJSON stream read whatever the chunks
// cut, the figures said with names (never codes), and which publish refusals mean "preview again".
import { describe, expect, it } from 'vitest';
import {
  filterInWords,
  filterOf,
  ndjsonLines,
  progressPercent,
  publishRefusalKind,
  sideInWords,
  unitShiftRows,
} from '../../web/src/desks/settings/what-if';

const UNITS = new Map([
  ['city-management', '综合行政执法局'],
  ['xingtai-street', '兴泰街道办事处'],
]);

/** A body that arrives in these chunks, as a slow network would cut it. */
function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function linesOf(chunks: string[]): Promise<unknown[]> {
  const lines: unknown[] = [];
  for await (const line of ndjsonLines(streamOf(chunks))) lines.push(line);
  return lines;
}

describe('the what-if stream', () => {
  it('yields each line once it is whole, a line cut across chunks (and a character cut in two) included', async () => {
    const text = '{"type":"progress","done":1,"total":2}\n{"type":"result","note":"兴泰"}\n';
    const bytes = new TextEncoder().encode(text);
    // Cut inside the progress line and inside the three bytes of 兴.
    const cut = [text.slice(0, 10), text.slice(10)];
    expect(await linesOf(cut)).toEqual([
      { type: 'progress', done: 1, total: 2 },
      { type: 'result', note: '兴泰' },
    ]);
    const at = bytes.indexOf(0xe5);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, at + 1));
        controller.enqueue(bytes.slice(at + 1));
        controller.close();
      },
    });
    const lines: unknown[] = [];
    for await (const line of ndjsonLines(stream)) lines.push(line);
    expect(lines.at(-1)).toEqual({ type: 'result', note: '兴泰' });
  });

  it('reads a last line without its newline, and skips blank lines', async () => {
    expect(await linesOf(['\n{"a":1}\n\n', '{"b":2}'])).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('turns blocks read into a percentage, an empty ledger at 0', () => {
    expect(progressPercent({ done: 3, total: 16, cases: 10 })).toBe(19);
    expect(progressPercent({ done: 16, total: 16, cases: 10 })).toBe(100);
    expect(progressPercent({ done: 0, total: 0, cases: 0 })).toBe(0);
    expect(progressPercent(null)).toBe(0);
  });
});

describe('the preview in words', () => {
  it('names each side: triage, the principles, units by name', () => {
    expect(sideInWords({ lead: null, coHandlers: [], ruleId: null, explanation: [] }, UNITS)).toEqual({
      lead: '转人工分诊',
      coHandlers: '无',
    });
    expect(
      sideInWords(
        { lead: 'xingtai-street', coHandlers: ['city-management', 'business_owner'], ruleId: 'r', explanation: [] },
        UNITS,
      ),
    ).toEqual({ lead: '兴泰街道办事处', coHandlers: '综合行政执法局、业务主管单位' });
    // A unit gone from the list is not shown as its code.
    expect(sideInWords({ lead: 'gone', coHandlers: [], ruleId: null, explanation: [] }, UNITS).lead).not.toContain(
      'gone',
    );
  });

  it('marks which of a unit’s counts moved, in the API’s order', () => {
    const rows = unitShiftRows(
      [
        { unitId: 'city-management', before: 6, after: 2, coHandlingBefore: 0, coHandlingAfter: 4 },
        { unitId: 'xingtai-street', before: 1, after: 1, coHandlingBefore: 4, coHandlingAfter: 0 },
      ],
      UNITS,
    );
    expect(rows.map((row) => [row.name, row.leadChanged, row.coHandlingChanged])).toEqual([
      ['综合行政执法局', true, true],
      ['兴泰街道办事处', false, true],
    ]);
  });

  it('sends only the filters filled in, and says a preview’s filter in Chinese', () => {
    expect(filterOf({ period: null, statuses: [] })).toEqual({});
    const filter = filterOf({ period: ['2026-03-01', '2026-03-31'], statuses: ['in_progress'] });
    expect(filter).toEqual({ reportedFrom: '2026-03-01', reportedTo: '2026-03-31', status: ['in_progress'] });
    expect(filterInWords(filter, { in_progress: '办理中' })).toBe('上报于2026年3月1日至2026年3月31日，状态为办理中');
    expect(filterInWords({}, {})).toBe('全部历史案件');
  });
});

describe('a publish after a preview, refused', () => {
  it('tells "preview again" (published since, or another draft) from refused rules', () => {
    expect(publishRefusalKind(409)).toBe('stale');
    expect(publishRefusalKind(422, [{ path: 'body.previewId' }])).toBe('edited');
    expect(publishRefusalKind(422, [{ path: 'body.rules[r-1]' }])).toBe('rules');
    expect(publishRefusalKind(400, [{ path: 'body.rules.2.lead' }])).toBe('rules');
    expect(publishRefusalKind(403)).toBe('other');
  });
});
