import { type CompiledQuery, RawNode } from 'kysely'

/** At most this many statements' secret positions are kept (the oldest go first). */
const MAX_STATEMENTS = 1000

/**
 * Which parameters of a compiled statement hold the value of a secret column
 * (see `isSecretColumn`), recorded by the codec compiler as it binds them, by
 * SQL text: one text always binds the same columns at the same positions, so a
 * copy of the compiled query with new parameters is redacted too. Values bound
 * without a known column (raw `sql` parameters) are not recognised.
 */
export class SecretParameters {
  readonly #bySql = new Map<string, readonly number[]>()

  record(sql: string, positions: readonly number[]): void {
    if (positions.length === 0) return
    if (!this.#bySql.has(sql) && this.#bySql.size >= MAX_STATEMENTS) this.#bySql.delete(this.#bySql.keys().next().value!)
    this.#bySql.set(sql, positions.slice())
  }

  /**
   * `query` with each secret parameter replaced by '***' (itself when it has
   * none). Its operation node tree, which holds the values as written, is
   * replaced by the SQL text (a RawNode).
   */
  redact(query: CompiledQuery): CompiledQuery {
    const positions = this.#bySql.get(query.sql)
    if (positions === undefined) return query
    const parameters = query.parameters.slice()
    for (const i of positions) if (i < parameters.length && parameters[i] !== null) parameters[i] = '***'
    return { ...query, query: RawNode.createWithSql(query.sql), parameters }
  }
}
