-- alembic 29a2fd19eb86: the trusts jobs are run through by a central scheduler.
CREATE TABLE user_credentials (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  trust_id VARCHAR(255) NOT NULL,
  trustor_user_id VARCHAR(64) NOT NULL,
  job_id VARCHAR(36) NOT NULL,
  created_at DATETIME NULL,
  updated_at DATETIME NULL,
  deleted_at DATETIME NULL,
  deleted BOOLEAN NULL
) /*TABLE_OPTIONS*/;
