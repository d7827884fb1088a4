-- alembic 30a3fd20ec97: central schedulers' clients.
ALTER TABLE clients ADD COLUMN is_central BOOLEAN NOT NULL DEFAULT 0;
