-- alembic e74c32f034c5 (from 1333cef214d9): actions.src_file becomes path_to_backup.
ALTER TABLE actions RENAME COLUMN src_file TO path_to_backup;
