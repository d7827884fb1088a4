-- alembic 7a3b9c1d2e4f: user ids as long as Keystone's (SQLite does not enforce lengths).
/*mysql*/ ALTER TABLE jobs MODIFY user_id VARCHAR(64) NOT NULL;
/*mysql*/ ALTER TABLE sessions MODIFY user_id VARCHAR(64) NOT NULL;
