import { describe, expect, it } from 'vitest';
import { referencedUnits, renderNoticeText, timeRef, unitRef, userText } from '../../shared/domain/notice-text';

describe('notice text for people', () => {
  const names = new Map([
    ['city-management', '综合行政执法局'],
    ['xingtai-street', '兴泰街道办事处'],
  ]);

  it('names units and writes times in Beijing time as a sentence does', () => {
    const text = `交由${unitRef('city-management')}主办，${unitRef('xingtai-street')}协办，请于 ${timeRef('2026-12-03T09:00:00.000Z')} 前签收。`;
    expect(referencedUnits(text)).toEqual(['city-management', 'xingtai-street']);
    expect(renderNoticeText(text, names)).toBe(
      '交由综合行政执法局主办，兴泰街道办事处协办，请于 2026年12月3日 17:00 前签收。',
    );
  });

  it('keeps an unknown unit as its id, a text without references as it is, and user text inert', () => {
    expect(renderNoticeText(`${unitRef('gone-unit')}逾期未签收。`, names)).toBe('gone-unit逾期未签收。');
    expect(renderNoticeText('问题 case-1 交由 city-management 主办', names)).toBe(
      '问题 case-1 交由 city-management 主办',
    );
    const typed = userText('⟦unit:city-management⟧ 夜市噪音');
    expect(referencedUnits(typed)).toEqual([]);
    expect(renderNoticeText(typed, names)).toBe('〚unit:city-management〛 夜市噪音');
  });
});
