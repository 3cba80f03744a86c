import type Database from 'better-sqlite3'
import { initialSchema } from './001-initial'
import { queueOrderIndex } from './002-queue-order-index'
import { hlsSegments } from './003-hls-segments'

export interface Migration {
  version: number
  up(database: Database.Database): void
}

/** Ordered list; a migration's version is the schema version it produces. Never edit a shipped one. */
const migrations: readonly Migration[] = [initialSchema, queueOrderIndex, hlsSegments]

function schemaVersion(database: Database.Database): number {
  return database.pragma('user_version', { simple: true }) as number
}

function refuseNewer(current: number, latest: number): void {
  if (current > latest) {
    throw new Error(
      `The database was written by a newer version of VOD Downloader (schema ${current}, this build knows ${latest}).`,
    )
  }
}

/**
 * Applies every migration newer than `PRAGMA user_version`, each in its own IMMEDIATE
 * transaction that reads the version again once it holds the write lock: when several processes
 * open a new database at once, exactly one runs each migration and the others see it done.
 */
export function migrate(database: Database.Database): number {
  const latest = migrations.at(-1)?.version ?? 0
  refuseNewer(schemaVersion(database), latest)
  for (const migration of migrations) {
    if (migration.version <= schemaVersion(database)) continue
    database
      .transaction(() => {
        const current = schemaVersion(database)
        refuseNewer(current, latest)
        if (migration.version <= current) return
        migration.up(database)
        database.pragma(`user_version = ${migration.version}`)
      })
      .immediate()
  }
  return latest
}
