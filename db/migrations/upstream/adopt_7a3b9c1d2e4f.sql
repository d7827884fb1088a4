-- Adopts a database created by upstream freezer-api (alembic head 7a3b9c1d2e4f): after these
-- statements it is this project's schema version 1, rows untouched. Statements starting with
-- /*mysql*/ run on MySQL only (SQLite does not enforce VARCHAR lengths).
ALTER TABLE user_credentials ADD COLUMN decrypt_method VARCHAR(64) NOT NULL DEFAULT 'none';
/*mysql*/ ALTER TABLE user_credentials MODIFY trust_id VARCHAR(512) NOT NULL;
/*mysql*/ ALTER TABLE clients MODIFY project_id VARCHAR(64) NULL;
/*mysql*/ ALTER TABLE actions MODIFY project_id VARCHAR(64) NULL;
/*mysql*/ ALTER TABLE action_reports MODIFY project_id VARCHAR(64) NULL;
/*mysql*/ ALTER TABLE sessions MODIFY project_id VARCHAR(64) NULL;
/*mysql*/ ALTER TABLE jobs MODIFY project_id VARCHAR(64) NULL;
/*mysql*/ ALTER TABLE backups MODIFY project_id VARCHAR(64) NULL;
CREATE INDEX ix_clients_project_id ON clients (project_id, deleted, id);
CREATE INDEX ix_clients_client_id ON clients (client_id, deleted);
CREATE INDEX ix_clients_is_central ON clients (is_central, deleted, id);
CREATE INDEX ix_actions_project_id ON actions (project_id, deleted, id);
CREATE INDEX ix_sessions_project_id ON sessions (project_id, deleted, id);
CREATE INDEX ix_jobs_project_id ON jobs (project_id, deleted, id);
CREATE INDEX ix_jobs_deleted_id ON jobs (deleted, id);
CREATE INDEX ix_jobs_client_id ON jobs (client_id, deleted);
CREATE INDEX ix_backups_project_id ON backups (project_id, deleted, id);
CREATE INDEX ix_backups_job_id ON backups (job_id);
CREATE INDEX ix_user_credentials_job_id ON user_credentials (job_id, deleted);
CREATE INDEX ix_user_credentials_trustor ON user_credentials (trustor_user_id, deleted);
