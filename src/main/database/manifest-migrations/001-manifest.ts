import type { ManifestMigration } from './index'

/**
 * The backup manifest: what the local copy holds (`items`, `files`), and the runs that keep it
 * in sync. A run's plan lives in `run_items` and `run_files`, written as it is made, so a killed
 * run continues from the last page it listed and the last file it finished.
 */
export const manifestSchema: ManifestMigration = {
  version: 1,
  up(database) {
    database.exec(`
      CREATE TABLE info (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE items (
        media_id TEXT PRIMARY KEY,
        media_type TEXT NOT NULL,
        title TEXT NOT NULL,
        category_id INTEGER,
        category_name TEXT,
        creation_time TEXT,
        modification_time TEXT,
        size INTEGER,
        status TEXT,
        storage_class TEXT,
        selection TEXT NOT NULL,
        sidecar_path TEXT,
        metadata TEXT NOT NULL DEFAULT '{}',
        complete INTEGER NOT NULL DEFAULT 1,
        synced_at INTEGER NOT NULL,
        deleted_at INTEGER
      ) WITHOUT ROWID;
      CREATE INDEX items_by_type ON items (media_type, creation_time);

      CREATE TABLE files (
        media_id TEXT NOT NULL,
        selector TEXT NOT NULL,
        kind TEXT NOT NULL,
        reference TEXT NOT NULL,
        size INTEGER,
        md5 TEXT,
        crc64 TEXT,
        version TEXT,
        local_path TEXT NOT NULL,
        address_type TEXT,
        downloaded_at INTEGER NOT NULL,
        verified_at INTEGER,
        PRIMARY KEY (media_id, selector)
      ) WITHOUT ROWID;

      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        request TEXT NOT NULL,
        dry_run INTEGER NOT NULL,
        phase TEXT NOT NULL,
        cursor TEXT,
        trash_folder TEXT,
        api_calls INTEGER NOT NULL DEFAULT 0,
        started_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        finished_at INTEGER,
        summary TEXT
      );

      CREATE TABLE run_items (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        media_id TEXT NOT NULL,
        media_type TEXT NOT NULL,
        decision TEXT NOT NULL,
        listed TEXT,
        resolved INTEGER NOT NULL DEFAULT 0,
        applied INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (run_id, media_id)
      ) WITHOUT ROWID;
      CREATE INDEX run_items_pending ON run_items (run_id, resolved);

      CREATE TABLE run_files (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        media_id TEXT NOT NULL,
        selector TEXT NOT NULL,
        kind TEXT NOT NULL,
        decision TEXT NOT NULL,
        action TEXT NOT NULL,
        reference TEXT,
        size INTEGER,
        md5 TEXT,
        crc64 TEXT,
        version TEXT,
        address_type TEXT,
        local_path TEXT,
        previous_path TEXT,
        reason TEXT,
        state TEXT NOT NULL DEFAULT 'planned',
        job_id INTEGER,
        error TEXT,
        PRIMARY KEY (run_id, media_id, selector)
      ) WITHOUT ROWID;
      CREATE INDEX run_files_by_state ON run_files (run_id, state, action);
    `)
  },
}
