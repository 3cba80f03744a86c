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

/** Applies every migration newer than `PRAGMA user_version`, each in its own transaction. */
export function migrate(database: Database.Database): number {
  const current = database.pragma('user_version', { simple: true }) as number
  const latest = migrations.at(-1)?.version ?? 0
  if (current > latest) {
    throw new Error(
      `The database was written by a newer version of VOD Downloader (schema ${current}, this build knows ${latest}).`,
    )
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue
    database.transaction(() => {
      migration.up(database)
      database.pragma(`user_version = ${migration.version}`)
    })()
  }
  return latest
}
