-- MySQL/MariaDB: the indexes a job listing reads carry the jobs' change sequences. A read
-- through the job document cache asks a page for its ids and sequences only; in InnoDB each
-- row's sequence otherwise costs a lookup of the clustered index (the page of a listing of
-- 10 jobs ran 10 of them). SQLite's lookups by rowid are cheap: its indexes stay as they were.
/*mysql*/ ALTER TABLE jobs
  DROP INDEX ix_jobs_project_id, ADD INDEX ix_jobs_project_id (project_id, deleted, id, change_seq),
  DROP INDEX ix_jobs_deleted_id, ADD INDEX ix_jobs_deleted_id (deleted, id, change_seq),
  DROP INDEX ix_jobs_client_id, ADD INDEX ix_jobs_client_id (client_id, deleted, id, change_seq);
