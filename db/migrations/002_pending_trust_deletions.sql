-- Keystone trusts whose deletion failed when their last job was deleted; retried later.
CREATE TABLE pending_trust_deletions (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  decrypt_method VARCHAR(64) NOT NULL DEFAULT 'none',
  trust_id VARCHAR(512) NOT NULL,
  project_id VARCHAR(64) NULL,
  created_at DATETIME NULL
) /*TABLE_OPTIONS*/;
