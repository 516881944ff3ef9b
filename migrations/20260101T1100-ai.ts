import type { Kysely } from 'kysely'
import type { MigrationDialect } from './migration-dialect.js'
import { ddlTypes } from './support/v1/ddl-types.js'

export async function up(db: Kysely<any>, dialect: MigrationDialect): Promise<void> {
  const d = ddlTypes(dialect)

  await db.schema
    .createTable('agent_embeddings')
    .addColumn('agent_name', d.type({ type: 'text' }), (c) => c.notNull())
    .addColumn('embedding', d.type({ type: 'vector', dimensions: 384 }), (c) => c.notNull())
    .addColumn('spec_hash', d.type({ type: 'text' }), (c) => c.notNull())
    .addColumn('capabilities', d.type({ type: 'text' }))
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('agent_embeddings_pkey', ['agent_name'])
    .execute()

  await db.schema
    .createTable('model_tiers')
    .addColumn('agent_name', d.type({ type: 'text' }), (c) => c.notNull())
    .addColumn('default_model', d.type({ type: 'text' }), (c) => c.notNull())
    .addColumn('updated_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addColumn('notes', d.type({ type: 'text' }))
    .addPrimaryKeyConstraint('model_tiers_pkey', ['agent_name'])
    .execute()

  await db.schema
    .createTable('rag_documents')
    .addColumn('id', d.type({ type: 'uuid' }), (c) => c.notNull())
    .addColumn('content', d.type({ type: 'text' }), (c) => c.notNull())
    .addColumn('embedding', d.type({ type: 'vector', dimensions: 384 }), (c) => c.notNull())
    .addColumn('doc_type', d.type({ type: 'varchar', length: 100 }), (c) => c.notNull())
    .addColumn('metadata_', d.type({ type: 'json' }), (c) => c.notNull())
    .addColumn('created_at', d.type({ type: 'timestamptz' }), (c) => c.notNull().defaultTo(d.now('timestamptz')))
    .addColumn('updated_at', d.type({ type: 'timestamptz' }), (c) => c.notNull().defaultTo(d.now('timestamptz')))
    .addPrimaryKeyConstraint('rag_documents_pkey', ['id'])
    .execute()
  await db.schema.createIndex('ix_rag_documents_doc_type').on('rag_documents').columns(['doc_type']).execute()
  await db.schema.createIndex('ix_rag_documents_embedding_hnsw').on('rag_documents').columns(['embedding']).execute()
  await db.schema.createIndex('ix_rag_documents_embedding_ivfflat').on('rag_documents').columns(['embedding']).execute()
  await db.schema.createIndex('ix_rag_documents_metadata').on('rag_documents').columns(['metadata_']).execute()

  await db.schema
    .createTable('task_history')
    .addColumn('id', d.type({ type: 'integer' }), (c) => c.notNull())
    .addColumn('task_description', d.type({ type: 'text' }), (c) => c.notNull())
    .addColumn('embedding', d.type({ type: 'vector', dimensions: 384 }))
    .addColumn('agent_used', d.type({ type: 'text' }), (c) => c.notNull())
    .addColumn('model_used', d.type({ type: 'text' }), (c) => c.notNull())
    .addColumn('success', d.type({ type: 'boolean' }), (c) => c.notNull())
    .addColumn('duration_ms', d.type({ type: 'integer' }))
    .addColumn('session_id', d.type({ type: 'text' }))
    .addColumn('created_at', d.type({ type: 'timestamp' }), (c) => c.notNull().defaultTo(d.now('timestamp')))
    .addPrimaryKeyConstraint('task_history_pkey', ['id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  // reverse creation order: no table is dropped while a later one still references it
  for (const table of ['task_history', 'rag_documents', 'model_tiers', 'agent_embeddings']) {
    await db.schema.dropTable(table).execute()
  }
}
