/**
 * Which columns hold a secret: a credential (a password, a secret, a token, an
 * authorization code) or a hash of one. The codec layer never quotes their
 * values in an error message, and the database errors about their rows are
 * redacted (`src/codec/secret-columns.ts`).
 *
 * The rule, on the column's name: it is, or ends in, `password`, `secret` or
 * `token` as a whole word (`hashed_password`, `secret`, `token`), or ends in
 * `key_hash`, `secret_hash` or `signature_hash` (hashes of API keys, client
 * secrets and request signatures); plus the one credential whose name says
 * nothing of it, `oauth2_authorization_codes.code`. Hashes of content
 * (`audit_hash`, `body_hash`, `model_hash`) and names that merely mention a
 * token (`token_type`, `access_token_lifetime_seconds`) are not secrets.
 */
const SECRET_NAME = /(^|_)(password|secret|token)$|(^|_)(key|secret|signature)_hash$/

const NAMED_SECRETS = new Set(['oauth2_authorization_codes.code'])

export function isSecretColumn(table: string, column: string): boolean {
  const base = table.endsWith('_version') ? table.slice(0, -'_version'.length) : table
  return SECRET_NAME.test(column) || NAMED_SECRETS.has(`${base}.${column}`)
}
