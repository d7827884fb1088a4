-- A database at sqlalchemy-migrate version 3 (freezer-api 13.0.0, Zed) differs from alembic
-- revision e74c32f034c5 only in column sizes, clients.hostname being required, and MySQL tables
-- in utf8 (3-byte) instead of the database's utf8mb4. Upstream stamps such a database at
-- 1333cef214d9 and then fails renaming src_file again; this brings it to e74c32f034c5 itself.
/*mysql*/ ALTER TABLE clients MODIFY user_id VARCHAR(64) NOT NULL, MODIFY hostname VARCHAR(255) NULL;
/*mysql*/ ALTER TABLE actions MODIFY user_id VARCHAR(64) NOT NULL;
/*mysql*/ ALTER TABLE action_reports MODIFY user_id VARCHAR(64) NOT NULL;
/*mysql*/ ALTER TABLE clients CONVERT TO CHARACTER SET utf8mb4;
/*mysql*/ ALTER TABLE sessions CONVERT TO CHARACTER SET utf8mb4;
/*mysql*/ ALTER TABLE jobs CONVERT TO CHARACTER SET utf8mb4;
/*mysql*/ ALTER TABLE actions CONVERT TO CHARACTER SET utf8mb4;
/*mysql*/ ALTER TABLE action_reports CONVERT TO CHARACTER SET utf8mb4;
/*mysql*/ ALTER TABLE backups CONVERT TO CHARACTER SET utf8mb4;
-- SQLite cannot drop a NOT NULL constraint in place: the clients table is rebuilt.
/*sqlite*/ CREATE TABLE clients_upgraded (id VARCHAR(255) NOT NULL PRIMARY KEY,
  project_id VARCHAR(36) NULL, user_id VARCHAR(64) NOT NULL, client_id VARCHAR(255) NOT NULL,
  hostname VARCHAR(255) NULL, description VARCHAR(255) NULL, uuid VARCHAR(36) NOT NULL,
  deleted_at DATETIME NULL, deleted BOOLEAN NULL, created_at DATETIME NULL,
  updated_at DATETIME NULL);
/*sqlite*/ INSERT INTO clients_upgraded (id, project_id, user_id, client_id, hostname,
  description, uuid, deleted_at, deleted, created_at, updated_at)
  SELECT id, project_id, user_id, client_id, hostname, description, uuid, deleted_at, deleted,
  created_at, updated_at FROM clients;
/*sqlite*/ DROP TABLE clients;
/*sqlite*/ ALTER TABLE clients_upgraded RENAME TO clients;
