/**
 * What the server says about vectors: the OID of pgvector's `vector` type when
 * the extension is installed, and the physical type the migrations gave the
 * vector columns ('vector', or '_float4' for the real[] fallback; null before
 * they exist).
 */
export const VECTOR_STATE_SQL = `select
  (select oid from pg_type where typname = 'vector' and typtype = 'b' limit 1) as vector_oid,
  (select udt_name from information_schema.columns
    where table_schema = current_schema() and table_name = 'agent_embeddings' and column_name = 'embedding') as vector_column`

export interface VectorStateRow {
  vector_oid: number | string | null
  vector_column: string | null
}

/** The vector facts of a VECTOR_STATE_SQL row. */
export function readVectorState(row: VectorStateRow | undefined): { vectorOid: number | undefined; pgvectorColumns: boolean } {
  return {
    vectorOid: row?.vector_oid == null ? undefined : Number(row.vector_oid),
    pgvectorColumns: row?.vector_column === 'vector',
  }
}
