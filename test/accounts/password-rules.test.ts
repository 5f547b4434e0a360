// Issue 13, accounts: the password rule, the lockout's backoff, and scrypt hashes that say how they were made.
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyNothing, verifyPassword } from '../../shared/accounts/password-hash';
import { FREE_FAILED_LOGINS, lockMsAfter } from '../../shared/domain/lockout';
import { passwordWeakness, WEAK_PASSWORD_MESSAGE } from '../../shared/domain/password-policy';

describe('the password rule', () => {
  it.each([
    ['shorter than ten characters', 'Ab3-xyz'],
    ['one kind of character only', 'aaaaaaaaaaaa'],
    ['digits only', '1234567890123'],
    ['the login inside it, whatever the case', 'ZhangWei-2026'],
  ])('refuses a password %s, saying why in Chinese and English', (_why, password) => {
    expect(passwordWeakness(password, 'zhangwei')).toBe(WEAK_PASSWORD_MESSAGE);
    expect(WEAK_PASSWORD_MESSAGE).toMatch(/密码至少 10 个字符.*A password needs at least 10 characters/);
  });

  it.each([['horse battery 7'], ['七舍镇马革闹村2026'], ['Tr0ub4dor&3x']])('accepts %s', (password) => {
    expect(passwordWeakness(password, 'zhangwei')).toBeNull();
  });
});

describe('lockout with backoff', () => {
  it('locks from the fifth failure in a row: one minute, doubling, at most an hour', () => {
    expect(FREE_FAILED_LOGINS).toBe(5);
    expect([1, 2, 3, 4].map(lockMsAfter)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map(lockMsAfter)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(lockMsAfter(11)).toBe(3_600_000);
    expect(lockMsAfter(40)).toBe(3_600_000);
  });
});

describe('scrypt password hashes', () => {
  it('are salted, self-describing, and verify only the password they were made from', async () => {
    const [first, second] = [await hashPassword('horse battery 7'), await hashPassword('horse battery 7')];
    expect(first).toMatch(/^scrypt\$N=32768,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    expect(second).not.toBe(first);
    expect(await verifyPassword('horse battery 7', first)).toBe(true);
    expect(await verifyPassword('horse battery 8', first)).toBe(false);
  });

  it('refuse a stored hash that is malformed or asks for more memory than allowed', async () => {
    const good = await hashPassword('horse battery 7');
    expect(await verifyPassword('horse battery 7', good.replace('N=32768', 'N=4194304'))).toBe(false);
    expect(await verifyPassword('horse battery 7', 'sha256$abc')).toBe(false);
    expect(await verifyNothing('horse battery 7')).toBe(false);
  });
});
