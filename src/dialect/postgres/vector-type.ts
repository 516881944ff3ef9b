/** The OID of pgvector's `vector` type in the current database, when the extension is installed. */
export const VECTOR_OID_SQL = "select oid from pg_type where typname = 'vector' and typtype = 'b' limit 1"
