-- People, not only tokens (issue 13; docs/accounts.md): an account per person, sessions that expire,
-- service tokens that may expire, and which token the bootstrap admin is.

CREATE TABLE accounts (
  id uuid PRIMARY KEY,
  login text NOT NULL CHECK (login ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$'),
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'office', 'leader', 'unit', 'visitor')),
  unit_id text CONSTRAINT accounts_unit_id_fkey REFERENCES units (id),
  active boolean NOT NULL DEFAULT true,
  -- scrypt$<params>$<salt>$<hash> (shared/accounts/password-hash.ts): the parameters travel with the hash.
  password_hash text NOT NULL,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- A unit account acts for its unit; a visitor may belong to one (its visits count for it); no other role has one.
  CHECK (role <> 'unit' OR unit_id IS NOT NULL),
  CHECK (role IN ('unit', 'visitor') OR unit_id IS NULL)
);
-- Logins are unique whatever their case: "Zhang.Wei" and "zhang.wei" are one person.
CREATE UNIQUE INDEX accounts_login_key ON accounts (lower(login));

CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  -- SHA-256 of the bearer: 32 random bytes need no salt or stretching, and a leaked table is no login.
  token_hash text NOT NULL UNIQUE,
  account_id uuid NOT NULL REFERENCES accounts (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX sessions_open_by_account ON sessions (account_id) WHERE ended_at IS NULL;

-- Older tokens keep no expiry (NULL): old clients keep working until an admin revokes them.
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
-- The token DUBAN_ADMIN_TOKEN registers: retired when the variable changes or goes away.
ALTER TABLE api_tokens ADD COLUMN bootstrap boolean NOT NULL DEFAULT false;
UPDATE api_tokens SET bootstrap = true WHERE name = 'bootstrap admin';
