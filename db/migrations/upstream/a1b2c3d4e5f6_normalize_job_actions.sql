-- alembic a1b2c3d4e5f6: a job's actions become rows of job_actions pointing at actions. The
-- rows of jobs.job_actions (JSON) are moved by code (db/sql/job_actions_normalization.cc),
-- which then drops that column. On MySQL the linked tables must share job_actions' character
-- set for its foreign keys.
/*mysql*/ ALTER TABLE jobs CONVERT TO CHARACTER SET utf8mb4;
/*mysql*/ ALTER TABLE actions CONVERT TO CHARACTER SET utf8mb4;
CREATE TABLE job_actions (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  job_id VARCHAR(36) NOT NULL,
  action_id VARCHAR(36) NOT NULL,
  position INTEGER NULL,
  deleted_at DATETIME NULL,
  deleted BOOLEAN NULL,
  created_at DATETIME NULL,
  updated_at DATETIME NULL,
  FOREIGN KEY (job_id) REFERENCES jobs (id),
  FOREIGN KEY (action_id) REFERENCES actions (id)
) /*TABLE_OPTIONS*/;
CREATE INDEX ix_job_actions_job_id ON job_actions (job_id);
CREATE INDEX ix_job_actions_action_id ON job_actions (action_id);
