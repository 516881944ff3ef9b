-- up
create table "users" ("id" char(36) not null, "username" varchar(100) not null, "email" varchar(255) not null, "hashed_password" varchar(255) not null, "role" varchar(50) default 'coordinator' not null, "is_active" boolean default 1, "created_at" datetime default (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), "updated_at" datetime default (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), "last_login" datetime, constraint "users_pkey" primary key ("id"), constraint "uq_users_email" unique ("email"), constraint "uq_users_username" unique ("username"), constraint "check_user_role" check (role IN ('admin', 'coordinator', 'faculty', 'clinical_staff', 'rn', 'lpn', 'msa', 'resident')));
create unique index "ix_users_username" on "users" ("username");

-- down
drop table "users";
