-- The sandbox forgets idempotency keys after 24 hours and its request log after a week
-- (SandboxHousekeeping); these indexes keep those deletes from scanning the tables.
create index sandbox_psp_requests_received on sandbox_psp_requests (received_at);
create index sandbox_psp_idempotency_keys_created on sandbox_psp_idempotency_keys (created_at);
