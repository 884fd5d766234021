-- A claimed export belongs to its instance until lease_until (progress renews it); after
-- that any instance takes it over, so a crashed instance's job is retried and a live
-- instance's job is never run twice.
alter table task_exports add column lease_until timestamptz;
