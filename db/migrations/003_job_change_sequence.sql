-- Each write of a job (or of what its document shows: its actions, its trust) stamps it with
-- a new change sequence, deletions included, so that a scheduler can ask only for the jobs
-- that changed since its last poll (GET /v2/{project_id}/jobs?changes_since=N).
ALTER TABLE jobs ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX ix_jobs_change_seq ON jobs (change_seq);
