-- up
create unique index "uq_swap_record_absorb" on "swap_records" ("source_faculty_id", "source_week", "target_faculty_id", "swap_type") where "target_week" is null;

-- down
drop index "uq_swap_record_absorb";
