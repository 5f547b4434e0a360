import { z } from 'zod';

/**
 * What String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator, the same set as \s), as
 * the inside of a character class: spelled out so that a pattern in /openapi.json means the same in any
 * regex engine, not only in JavaScript's (Python's \s, for one, differs).
 */
export const WHITE_SPACE = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const NOT_BLANK = new RegExp(`[^${WHITE_SPACE}]`);

/**
 * Free text: trimmed, then 1 to `max` characters. The pattern, rather than `min(1)` after the trim,
 * says "not blank" so that /openapi.json says it too: a lone "\u000b" has length 1, yet is refused.
 */
export const text = (max: number) => z.string().trim().max(max).regex(NOT_BLANK, 'must not be blank');
