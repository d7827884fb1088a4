-- alembic 4f8c679a1d3b: backups no longer keep the user's name.
ALTER TABLE backups DROP COLUMN user_name;
