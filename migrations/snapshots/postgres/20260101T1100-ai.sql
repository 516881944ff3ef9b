-- up
create table "agent_embeddings" ("agent_name" text not null, "embedding" real[] not null, "spec_hash" text not null, "capabilities" text, "updated_at" timestamp default (now() at time zone 'utc') not null, constraint "agent_embeddings_pkey" primary key ("agent_name"));
create table "model_tiers" ("agent_name" text not null, "default_model" text not null, "updated_at" timestamp default (now() at time zone 'utc') not null, "notes" text, constraint "model_tiers_pkey" primary key ("agent_name"));
create table "rag_documents" ("id" uuid not null, "content" text not null, "embedding" real[] not null, "doc_type" varchar(100) not null, "metadata_" jsonb not null, "created_at" timestamptz default now() not null, "updated_at" timestamptz default now() not null, constraint "rag_documents_pkey" primary key ("id"));
create index "ix_rag_documents_doc_type" on "rag_documents" ("doc_type");
create index "ix_rag_documents_embedding_hnsw" on "rag_documents" ("embedding");
create index "ix_rag_documents_embedding_ivfflat" on "rag_documents" ("embedding");
create index "ix_rag_documents_metadata" on "rag_documents" ("metadata_");
create table "task_history" ("id" integer not null, "task_description" text not null, "embedding" real[], "agent_used" text not null, "model_used" text not null, "success" boolean not null, "duration_ms" integer, "session_id" text, "created_at" timestamp default (now() at time zone 'utc') not null, constraint "task_history_pkey" primary key ("id"));

-- down
drop table "task_history";
drop table "rag_documents";
drop table "model_tiers";
drop table "agent_embeddings";
