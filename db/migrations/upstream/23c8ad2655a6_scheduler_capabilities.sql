-- alembic 23c8ad2655a6: what each client can run; existing clients are taken to run anything.
ALTER TABLE clients ADD COLUMN supported_actions VARCHAR(255) NULL;
UPDATE clients SET supported_actions = '["backup", "restore", "info", "admin", "exec"]';
ALTER TABLE clients ADD COLUMN supported_modes VARCHAR(255) NULL;
UPDATE clients SET supported_modes = '["fs", "mongo", "mysql", "sqlserver", "cinder", "glance", "cindernative", "nova"]';
ALTER TABLE clients ADD COLUMN supported_storages VARCHAR(255) NULL;
UPDATE clients SET supported_storages = '["local", "swift", "ssh", "s3", "ftp", "ftps"]';
ALTER TABLE clients ADD COLUMN supported_engines VARCHAR(255) NULL;
UPDATE clients SET supported_engines = '["tar", "rsync", "rsyncv2", "nova", "osbrick", "glance"]';
