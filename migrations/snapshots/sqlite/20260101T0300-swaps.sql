-- up
create table "swap_records" ("id" char(36) not null, "source_faculty_id" char(36) not null, "source_week" date not null, "target_faculty_id" char(36) not null, "target_week" date, "swap_type" varchar(20) not null, "status" varchar(20) default 'pending' not null, "requested_at" datetime default (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) not null, "requested_by_id" char(36), "approved_at" datetime, "approved_by_id" char(36), "executed_at" datetime, "executed_by_id" char(36), "rolled_back_at" datetime, "rolled_back_by_id" char(36), "rollback_reason" text, "reason" text, "notes" text, constraint "swap_records_pkey" primary key ("id"), constraint "fk_swap_records_source_faculty_id" foreign key ("source_faculty_id") references "people" ("id"), constraint "fk_swap_records_approved_by_id" foreign key ("approved_by_id") references "users" ("id"), constraint "fk_swap_records_target_faculty_id" foreign key ("target_faculty_id") references "people" ("id"), constraint "fk_swap_records_executed_by_id" foreign key ("executed_by_id") references "users" ("id"), constraint "fk_swap_records_rolled_back_by_id" foreign key ("rolled_back_by_id") references "users" ("id"), constraint "fk_swap_records_requested_by_id" foreign key ("requested_by_id") references "users" ("id"), constraint "uq_swap_record_pair" unique ("source_faculty_id", "source_week", "target_faculty_id", "target_week", "swap_type"), constraint "check_swap_records_swap_type" check (swap_type IN ('one_to_one', 'absorb')), constraint "check_swap_records_status" check (status IN ('pending', 'approved', 'executed', 'rejected', 'cancelled', 'rolled_back')));
create index "idx_swap_requested_by" on "swap_records" ("requested_by_id");
create index "idx_swap_source_faculty" on "swap_records" ("source_faculty_id");
create index "idx_swap_target_faculty" on "swap_records" ("target_faculty_id");
create index "ix_swap_records_approved_by_id" on "swap_records" ("approved_by_id");
create index "ix_swap_records_executed_by_id" on "swap_records" ("executed_by_id");
create index "ix_swap_records_rolled_back_by_id" on "swap_records" ("rolled_back_by_id");
create index "ix_swap_records_source_week" on "swap_records" ("source_week");
create index "ix_swap_records_status" on "swap_records" ("status");
create table "swap_approvals" ("id" char(36) not null, "swap_id" char(36) not null, "faculty_id" char(36) not null, "role" varchar(20) not null, "approved" boolean, "responded_at" datetime, "response_notes" text, constraint "swap_approvals_pkey" primary key ("id"), constraint "fk_swap_approvals_faculty_id" foreign key ("faculty_id") references "people" ("id"), constraint "fk_swap_approvals_swap_id" foreign key ("swap_id") references "swap_records" ("id"));
create index "ix_swap_approvals_faculty_id" on "swap_approvals" ("faculty_id");
create index "ix_swap_approvals_swap_id" on "swap_approvals" ("swap_id");

-- down
drop table "swap_approvals";
drop table "swap_records";
