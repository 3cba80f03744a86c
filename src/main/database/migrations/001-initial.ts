import type { Migration } from './index'

/** Jobs, their byte ranges, batches of jobs, and key-value settings. */
export const initialSchema: Migration = {
  version: 1,
  up(database) {
    database.exec(`
      CREATE TABLE batches (
        id INTEGER PRIMARY KEY,
        label TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE jobs (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER REFERENCES batches(id) ON DELETE SET NULL,
        state TEXT NOT NULL,
        source TEXT NOT NULL,
        directory TEXT NOT NULL,
        requested_name TEXT,
        file_name TEXT,
        total_bytes INTEGER,
        done_bytes INTEGER NOT NULL DEFAULT 0,
        ranges_supported INTEGER,
        etag TEXT,
        last_modified TEXT,
        expected_size INTEGER,
        expected_md5 TEXT,
        expected_crc64 TEXT,
        source_version TEXT,
        server_md5 TEXT,
        server_crc64 TEXT,
        connections INTEGER NOT NULL,
        priority INTEGER NOT NULL DEFAULT 0,
        position REAL NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        content_restarts INTEGER NOT NULL DEFAULT 0,
        error_code TEXT,
        error_detail TEXT,
        next_attempt_at INTEGER,
        owner TEXT,
        owner_pid INTEGER,
        owner_host TEXT,
        owner_until INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        completed_at INTEGER
      );
      CREATE INDEX jobs_by_state ON jobs(state);
      CREATE INDEX jobs_by_batch ON jobs(batch_id);

      CREATE TABLE segments (
        job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        done_bytes INTEGER NOT NULL,
        crc64 TEXT,
        PRIMARY KEY (job_id, start_offset)
      ) WITHOUT ROWID;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `)
  },
}
