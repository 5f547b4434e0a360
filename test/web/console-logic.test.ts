// The console's pure rules, without a browser: Beijing time whatever the machine's zone, the Chinese
// message of each API refusal and its field errors, and one Idempotency-Key per submission until its
// body changes (so a retry applies once and an edited form is a new submission).
import { describe, expect, it } from 'vitest';
import { chineseMessage, fieldErrorsOf } from '../../web/src/api/problems';
import { newIdempotencyKey, newSubmission } from '../../web/src/api/submission';
import { beijingDate, beijingDateTime, beijingWallClockToInstant } from '../../web/src/lib/beijing-time';

describe('Beijing time', () => {
  it('shows an instant as Beijing’s date and time, month and day without a leading zero', () => {
    // 09:00 UTC is 17:00 in Beijing; 16:30 UTC on the 2nd is already the 3rd there.
    expect(beijingDateTime('2026-12-03T09:00:00.000Z')).toBe('2026年12月3日 17:00');
    expect(beijingDate('2026-12-02T16:30:00Z')).toBe('2026年12月3日');
    expect(beijingDateTime('2027-01-05T01:05:00+08:00')).toBe('2027年1月5日 01:05');
    expect(beijingDateTime(null)).toBe('—');
  });

  it('reads a time typed into a form as Beijing wall-clock time', () => {
    expect(beijingWallClockToInstant('2026-12-10T17:00')).toBe('2026-12-10T17:00:00+08:00');
    expect(Date.parse(beijingWallClockToInstant('2026-12-10T17:00'))).toBe(Date.parse('2026-12-10T09:00:00Z'));
  });
});

describe('the API’s refusals in Chinese', () => {
  it('names the case’s status now in a 409 and keeps the API’s detail', () => {
    const message = chineseMessage(
      {
        status: 409,
        code: 'INVALID_STATE',
        caseStatus: 'in_progress',
        detail: 'cannot accept a case that is in_progress',
      },
      null,
    );
    expect(message).toBe(
      '案件状态已变化，此操作已不可用，案件当前状态：办理中（cannot accept a case that is in_progress）',
    );
  });

  it('says when to retry a 429 or a 503, and what a lost network means', () => {
    expect(chineseMessage({ status: 503 }, 5)).toBe('服务暂时不可用，请稍后重试（约 5 秒后）');
    expect(chineseMessage({ status: 429 }, 30)).toBe('请求过于频繁，请稍后重试（约 30 秒后）');
    expect(chineseMessage({ status: 0 }, null)).toBe('无法连接服务器，请检查网络后重试');
  });

  it('puts each validation error on the body field it names', () => {
    const problem = {
      status: 422,
      errors: [
        { path: 'body.until', message: '须晚于当前期限' },
        { path: 'body.reason', message: 'Too small' },
        { path: 'body.reason', message: 'must not contain U+0000 (NUL)' },
      ],
    };
    expect(fieldErrorsOf(problem)).toEqual({
      until: '须晚于当前期限',
      reason: 'Too small；must not contain U+0000 (NUL)',
    });
  });
});

describe('Idempotency-Key of a submission', () => {
  it('is kept while the body is the same, new for a changed body and after a success', () => {
    const submission = newSubmission();
    const first = submission.keyFor({ reason: '不属于本单位职责' });
    expect(submission.keyFor({ reason: '不属于本单位职责' })).toBe(first);
    const edited = submission.keyFor({ reason: '不属于本单位职责，请改派' });
    expect(edited).not.toBe(first);
    submission.done();
    expect(submission.keyFor({ reason: '不属于本单位职责，请改派' })).not.toBe(edited);
  });

  it('is a version 4 UUID, from getRandomValues where randomUUID is not allowed', () => {
    // Under Node there is no secure context: this is the fallback a page on plain HTTP uses.
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
