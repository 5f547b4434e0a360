import { createHash } from 'node:crypto';

/**
 * Bearers (service tokens, sessions) are stored as SHA-256 digests: a leaked table does not leak a
 * usable bearer. Generated bearers carry 24 or 32 random bytes, which need no salt or stretching;
 * an operator-chosen DUBAN_ADMIN_TOKEN is the exception, and it expires (docs/accounts.md).
 */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
