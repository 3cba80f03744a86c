import type { Migration } from './index'

/**
 * HLS jobs: the output each job was asked for (kept across restarts, so a resumed job still
 * produces what the user chose) and one row per media segment, keyed by its media sequence
 * number, so a killed process resumes with its finished segments and the flushed bytes of the
 * unfinished ones.
 */
export const hlsSegments: Migration = {
  version: 3,
  up(database) {
    database.exec(`
      CREATE TABLE hls_streams (
        job_id INTEGER PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
        output TEXT NOT NULL,
        segment_count INTEGER
      );

      CREATE TABLE hls_segments (
        job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        sequence INTEGER NOT NULL,
        position INTEGER NOT NULL,
        size INTEGER,
        received INTEGER NOT NULL DEFAULT 0,
        done INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (job_id, sequence)
      ) WITHOUT ROWID;
    `)
  },
}
