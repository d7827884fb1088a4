-- A database as upstream freezer-api leaves it at alembic head 7a3b9c1d2e4f (its schema of
-- spec §8, SQL that SQLite and MySQL both accept), with a few rows of each kind.
CREATE TABLE clients (id VARCHAR(255) NOT NULL PRIMARY KEY, project_id VARCHAR(36) NULL,
  user_id VARCHAR(64) NOT NULL, client_id VARCHAR(255) NOT NULL, hostname VARCHAR(128) NULL,
  description VARCHAR(255) NULL, uuid VARCHAR(36) NOT NULL, created_at DATETIME NULL,
  updated_at DATETIME NULL, deleted_at DATETIME NULL, deleted BOOLEAN NULL,
  supported_actions VARCHAR(255) NULL, supported_modes VARCHAR(255) NULL,
  supported_storages VARCHAR(255) NULL, supported_engines VARCHAR(255) NULL,
  is_central BOOLEAN NOT NULL DEFAULT 0);
CREATE TABLE actions (id VARCHAR(36) NOT NULL PRIMARY KEY, action VARCHAR(255) NOT NULL,
  project_id VARCHAR(36) NULL, user_id VARCHAR(64) NOT NULL, actionmode VARCHAR(255) NULL,
  path_to_backup VARCHAR(255) NULL, backup_name VARCHAR(255) NULL, container VARCHAR(255) NULL,
  timeout INTEGER NULL, priority INTEGER NULL, max_retries_interval INTEGER NULL,
  max_retries INTEGER NULL, mandatory BOOLEAN NULL, log_file VARCHAR(255) NULL,
  backup_metadata TEXT NULL, created_at DATETIME NULL, updated_at DATETIME NULL,
  deleted_at DATETIME NULL, deleted BOOLEAN NULL);
CREATE TABLE action_reports (id VARCHAR(36) NOT NULL PRIMARY KEY, project_id VARCHAR(36) NULL,
  user_id VARCHAR(64) NOT NULL, result VARCHAR(255) NULL, time_elapsed VARCHAR(255) NULL,
  report_date TIMESTAMP NULL, log BLOB NULL, created_at DATETIME NULL, updated_at DATETIME NULL,
  deleted_at DATETIME NULL, deleted BOOLEAN NULL);
CREATE TABLE backups (id VARCHAR(36) NOT NULL PRIMARY KEY, job_id VARCHAR(36) NULL,
  project_id VARCHAR(36) NULL, user_id VARCHAR(64) NOT NULL, backup_metadata TEXT NULL,
  created_at DATETIME NULL, updated_at DATETIME NULL, deleted_at DATETIME NULL,
  deleted BOOLEAN NULL, status VARCHAR(64) NOT NULL DEFAULT 'available');
CREATE TABLE sessions (id VARCHAR(36) NOT NULL PRIMARY KEY, session_tag INTEGER NULL,
  description VARCHAR(255) NULL, hold_off INTEGER NULL, schedule TEXT NULL, job TEXT NULL,
  project_id VARCHAR(36) NULL, user_id VARCHAR(64) NOT NULL, time_start INTEGER NULL,
  time_end INTEGER NULL, time_started INTEGER NULL, time_ended INTEGER NULL,
  status VARCHAR(255) NULL, result VARCHAR(255) NULL, created_at DATETIME NULL,
  updated_at DATETIME NULL, deleted_at DATETIME NULL, deleted BOOLEAN NULL);
CREATE TABLE jobs (id VARCHAR(36) NOT NULL PRIMARY KEY, project_id VARCHAR(36) NULL,
  user_id VARCHAR(64) NOT NULL, schedule TEXT NULL, client_id VARCHAR(255) NOT NULL,
  session_id VARCHAR(36) NULL, session_tag INTEGER NULL, description VARCHAR(255) NULL,
  created_at DATETIME NULL, updated_at DATETIME NULL, deleted_at DATETIME NULL, deleted BOOLEAN NULL);
CREATE TABLE user_credentials (id VARCHAR(36) NOT NULL PRIMARY KEY, trust_id VARCHAR(255) NOT NULL,
  trustor_user_id VARCHAR(64) NOT NULL, job_id VARCHAR(36) NOT NULL, created_at DATETIME NULL,
  updated_at DATETIME NULL, deleted_at DATETIME NULL, deleted BOOLEAN NULL);
CREATE TABLE job_actions (id VARCHAR(36) NOT NULL PRIMARY KEY, job_id VARCHAR(36) NOT NULL,
  action_id VARCHAR(36) NOT NULL, position INTEGER NULL, created_at DATETIME NULL,
  updated_at DATETIME NULL, deleted_at DATETIME NULL, deleted BOOLEAN NULL,
  FOREIGN KEY (job_id) REFERENCES jobs (id), FOREIGN KEY (action_id) REFERENCES actions (id));
CREATE INDEX ix_job_actions_job_id ON job_actions (job_id);
CREATE INDEX ix_job_actions_action_id ON job_actions (action_id);
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);
INSERT INTO alembic_version VALUES ('7a3b9c1d2e4f');
INSERT INTO clients VALUES ('c0ffee00c0ffee00c0ffee00c0ffee00', 'legacyproject', 'u1', 'legacy_node1',
  'node1', 'from upstream', 'c0ffee00c0ffee00c0ffee00c0ffee00', '2026-01-01 00:00:00', NULL, NULL, 0,
  '["backup", "restore", "info", "admin", "exec"]', '["fs", "mysql"]',
  '["local", "swift", "ssh", "s3", "ftp", "ftps"]', '["tar", "rsync", "rsyncv2", "nova", "osbrick", "glance"]', 0);
INSERT INTO actions VALUES ('a0000000000000000000000000000001', 'backup', 'legacyproject', 'u1', 'fs',
  '/etc', 'etc', 'c', NULL, NULL, 60, 3, 0, NULL,
  '{"action": "backup", "mode": "fs", "path_to_backup": "/etc", "backup_name": "etc", "container": "c", "no_incremental": true}',
  '2026-01-01 00:00:00', NULL, NULL, 0);
INSERT INTO jobs VALUES ('b0000000000000000000000000000001', 'legacyproject', 'u1',
  '{"schedule_interval": "1 days", "status": "scheduled", "time_created": 1767225600, "time_started": -1, "time_ended": -1}',
  'legacy_node1', '', 0, 'upstream job', '2026-01-01 00:00:00', NULL, NULL, 0);
INSERT INTO job_actions VALUES ('d0000000000000000000000000000001', 'b0000000000000000000000000000001',
  'a0000000000000000000000000000001', 0, '2026-01-01 00:00:00', NULL, NULL, 0);
INSERT INTO user_credentials VALUES ('e0000000000000000000000000000001', 'upstreamtrust0001', 'u1',
  'b0000000000000000000000000000001', '2026-01-01 00:00:00', NULL, NULL, 0);
INSERT INTO sessions VALUES ('f0000000000000000000000000000001', 0, 'upstream session', 30,
  '{"schedule_interval": "1 days"}', NULL, 'legacyproject', 'u1', -1, -1, -1, -1, 'active', NULL,
  '2026-01-01 00:00:00', NULL, NULL, 0);
INSERT INTO backups VALUES ('90000000000000000000000000000001', 'b0000000000000000000000000000001',
  'legacyproject', 'u1', '{"container": "c", "hostname": "node1", "backup_name": "etc", "level": 0}',
  '2026-01-01 00:00:00', NULL, NULL, 0, 'available');
