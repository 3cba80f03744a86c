import type { Migration } from './index'

/**
 * The scheduler asks for the head of the queue many times a second while thousands of small files
 * wait; this index answers it without sorting the whole table.
 */
export const queueOrderIndex: Migration = {
  version: 2,
  up(database) {
    database.exec(`
      DROP INDEX IF EXISTS jobs_by_state;
      CREATE INDEX jobs_queue_order ON jobs(state, priority DESC, position, id);
    `)
  },
}
