-- alembic 5c9d21e87f34: a backup's status.
ALTER TABLE backups ADD COLUMN status VARCHAR(64) NOT NULL DEFAULT 'available';
