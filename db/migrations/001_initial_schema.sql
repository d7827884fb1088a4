-- The whole schema of freezer-api (alembic head 7a3b9c1d2e4f) plus this project's additions:
-- user_credentials.decrypt_method, and the indexes that keep every list query
-- inside one project's rows. /*TABLE_OPTIONS*/ is replaced per dialect.

CREATE TABLE clients (
  id VARCHAR(255) NOT NULL PRIMARY KEY,
  project_id VARCHAR(64) NULL,
  user_id VARCHAR(64) NOT NULL,
  client_id VARCHAR(255) NOT NULL,
  hostname VARCHAR(128) NULL,
  description VARCHAR(255) NULL,
  uuid VARCHAR(36) NOT NULL,
  supported_actions VARCHAR(255) NULL,
  supported_modes VARCHAR(255) NULL,
  supported_storages VARCHAR(255) NULL,
  supported_engines VARCHAR(255) NULL,
  is_central BOOLEAN NOT NULL DEFAULT 0,
  created_at DATETIME NULL,
  updated_at DATETIME NULL,
  deleted_at DATETIME NULL,
  deleted BOOLEAN NOT NULL DEFAULT 0
) /*TABLE_OPTIONS*/;
CREATE INDEX ix_clients_project_id ON clients (project_id, deleted, id);
CREATE INDEX ix_clients_client_id ON clients (client_id, deleted);
CREATE INDEX ix_clients_is_central ON clients (is_central, deleted, id);

CREATE TABLE actions (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  action VARCHAR(255) NOT NULL,
  project_id VARCHAR(64) NULL,
  user_id VARCHAR(64) NOT NULL,
  actionmode VARCHAR(255) NULL,
  path_to_backup VARCHAR(255) NULL,
  backup_name VARCHAR(255) NULL,
  container VARCHAR(255) NULL,
  timeout INTEGER NULL,
  priority INTEGER NULL,
  max_retries_interval INTEGER NULL,
  max_retries INTEGER NULL,
  mandatory BOOLEAN NULL,
  log_file VARCHAR(255) NULL,
  backup_metadata TEXT NULL,
  created_at DATETIME NULL,
  updated_at DATETIME NULL,
  deleted_at DATETIME NULL,
  deleted BOOLEAN NOT NULL DEFAULT 0
) /*TABLE_OPTIONS*/;
CREATE INDEX ix_actions_project_id ON actions (project_id, deleted, id);

CREATE TABLE action_reports (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(64) NULL,
  user_id VARCHAR(64) NOT NULL,
  result VARCHAR(255) NULL,
  time_elapsed VARCHAR(255) NULL,
  report_date TIMESTAMP NULL,
  log BLOB NULL,
  created_at DATETIME NULL,
  updated_at DATETIME NULL,
  deleted_at DATETIME NULL,
  deleted BOOLEAN NOT NULL DEFAULT 0
) /*TABLE_OPTIONS*/;

CREATE TABLE sessions (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  session_tag INTEGER NULL DEFAULT 0,
  description VARCHAR(255) NULL,
  hold_off INTEGER NULL DEFAULT 30,
  schedule TEXT NULL,
  job TEXT NULL,
  project_id VARCHAR(64) NULL,
  user_id VARCHAR(64) NOT NULL,
  time_start INTEGER NULL DEFAULT -1,
  time_end INTEGER NULL DEFAULT -1,
  time_started INTEGER NULL DEFAULT -1,
  time_ended INTEGER NULL DEFAULT -1,
  status VARCHAR(255) NULL,
  result VARCHAR(255) NULL,
  created_at DATETIME NULL,
  updated_at DATETIME NULL,
  deleted_at DATETIME NULL,
  deleted BOOLEAN NOT NULL DEFAULT 0
) /*TABLE_OPTIONS*/;
CREATE INDEX ix_sessions_project_id ON sessions (project_id, deleted, id);

CREATE TABLE jobs (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  project_id VARCHAR(64) NULL,
  user_id VARCHAR(64) NOT NULL,
  schedule TEXT NULL,
  client_id VARCHAR(255) NOT NULL,
  session_id VARCHAR(36) NULL DEFAULT '',
  session_tag INTEGER NULL DEFAULT 0,
  description VARCHAR(255) NULL,
  created_at DATETIME NULL,
  updated_at DATETIME NULL,
  deleted_at DATETIME NULL,
  deleted BOOLEAN NOT NULL DEFAULT 0
) /*TABLE_OPTIONS*/;
CREATE INDEX ix_jobs_project_id ON jobs (project_id, deleted, id);
CREATE INDEX ix_jobs_deleted_id ON jobs (deleted, id);
CREATE INDEX ix_jobs_client_id ON jobs (client_id, deleted);

CREATE TABLE job_actions (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  job_id VARCHAR(36) NOT NULL,
  action_id VARCHAR(36) NOT NULL,
  position INTEGER NULL,
  created_at DATETIME NULL,
  updated_at DATETIME NULL,
  deleted_at DATETIME NULL,
  deleted BOOLEAN NOT NULL DEFAULT 0,
  CONSTRAINT fk_job_actions_job_id FOREIGN KEY (job_id) REFERENCES jobs (id),
  CONSTRAINT fk_job_actions_action_id FOREIGN KEY (action_id) REFERENCES actions (id)
) /*TABLE_OPTIONS*/;
CREATE INDEX ix_job_actions_job_id ON job_actions (job_id);
CREATE INDEX ix_job_actions_action_id ON job_actions (action_id);

CREATE TABLE backups (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  job_id VARCHAR(36) NULL,
  project_id VARCHAR(64) NULL,
  user_id VARCHAR(64) NOT NULL,
  backup_metadata TEXT NULL,
  status VARCHAR(64) NOT NULL DEFAULT 'available',
  created_at DATETIME NULL,
  updated_at DATETIME NULL,
  deleted_at DATETIME NULL,
  deleted BOOLEAN NOT NULL DEFAULT 0
) /*TABLE_OPTIONS*/;
CREATE INDEX ix_backups_project_id ON backups (project_id, deleted, id);
CREATE INDEX ix_backups_job_id ON backups (job_id);

CREATE TABLE user_credentials (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  decrypt_method VARCHAR(64) NOT NULL DEFAULT 'none',
  trust_id VARCHAR(512) NOT NULL,
  trustor_user_id VARCHAR(64) NOT NULL,
  job_id VARCHAR(36) NOT NULL,
  created_at DATETIME NULL,
  updated_at DATETIME NULL,
  deleted_at DATETIME NULL,
  deleted BOOLEAN NOT NULL DEFAULT 0
) /*TABLE_OPTIONS*/;
CREATE INDEX ix_user_credentials_job_id ON user_credentials (job_id, deleted);
CREATE INDEX ix_user_credentials_trustor ON user_credentials (trustor_user_id, deleted);
