-- sqlalchemy-migrate 003 of freezer-api <= 13.0.0: actions.src_file becomes path_to_backup.
ALTER TABLE actions RENAME COLUMN src_file TO path_to_backup;
