// The one rule a password must meet (docs/accounts.md), for the API, the CLI and the bootstrap admin alike.

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export const WEAK_PASSWORD_MESSAGE =
  `密码至少 ${PASSWORD_MIN_LENGTH} 个字符，须含至少两类字符（小写字母、大写字母、数字、其他字符），且不得包含登录名。` +
  ` A password needs at least ${PASSWORD_MIN_LENGTH} characters of at least two kinds` +
  ' (lowercase, uppercase, digits, others) and must not contain the login.';

const CHARACTER_CLASSES = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];

/**
 * Null when `password` is acceptable for `login`, else why not (one message, in Chinese and English).
 * Length first: it is what resists guessing; two classes and no login inside refuse the commonest weak
 * choices (`aaaaaaaaaa`, `1234567890`, `zhangwei2026`) without a dictionary to keep current.
 */
export function passwordWeakness(password: string, login: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) return WEAK_PASSWORD_MESSAGE;
  const classes = CHARACTER_CLASSES.filter((pattern) => pattern.test(password)).length;
  if (classes < 2) return WEAK_PASSWORD_MESSAGE;
  if (login.length >= 3 && password.toLowerCase().includes(login.toLowerCase())) return WEAK_PASSWORD_MESSAGE;
  return null;
}
