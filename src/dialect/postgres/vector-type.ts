/**
 * What the server says about vectors: the OID of pgvector's `vector` type when
 * the extension is installed, and whether the migrations gave vector columns
 * pgvector's type (one migration run makes one choice for all of them; without
 * pgvector they are real[]).
 */
export const VECTOR_STATE_SQL = `select
  (select oid from pg_type where typname = 'vector' and typtype = 'b' limit 1) as vector_oid,
  exists (select 1 from information_schema.columns
    where table_schema = current_schema() and udt_name = 'vector') as pgvector_columns,
  exists (select 1 from information_schema.columns
    where table_schema = current_schema() and table_name = 'agent_embeddings' and column_name = 'embedding') as vector_columns`

export interface VectorStateRow {
  vector_oid: number | string | null
  pgvector_columns: boolean
  vector_columns: boolean
}

/** The vector facts of a VECTOR_STATE_SQL row. */
export function readVectorState(row: VectorStateRow | undefined): {
  vectorOid: number | undefined
  pgvectorColumns: boolean
  vectorColumns: boolean
} {
  return {
    vectorColumns: row?.vector_columns === true,
    vectorOid: row?.vector_oid == null ? undefined : Number(row.vector_oid),
    pgvectorColumns: row?.pgvector_columns === true,
  }
}
