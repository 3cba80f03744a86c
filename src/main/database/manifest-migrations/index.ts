import type Database from 'better-sqlite3'
import { manifestSchema } from './001-manifest'

/**
 * Migrations of a backup manifest (`.vod-backup/manifest.sqlite` in a backup folder). They are
 * the manifest's own, apart from the job database's: a backup folder can be copied to another
 * machine, or read by another version of the app, without the job database.
 */
export interface ManifestMigration {
  version: number
  up(database: Database.Database): void
}

/** Ordered; a migration's version is the schema version it produces. Never edit a shipped one. */
const migrations: readonly ManifestMigration[] = [manifestSchema]

/** The schema version this build writes. */
export const manifestSchemaVersion = migrations.at(-1)?.version ?? 0

function schemaVersion(database: Database.Database): number {
  return database.pragma('user_version', { simple: true }) as number
}

/**
 * Applies every migration newer than `PRAGMA user_version`, each in its own transaction. A
 * manifest written by a newer version is refused rather than misread.
 */
export function migrateManifest(database: Database.Database): void {
  const current = schemaVersion(database)
  if (current > manifestSchemaVersion) {
    throw new Error(
      `The backup manifest was written by a newer version of VOD Downloader (schema ${current}, this build knows ${manifestSchemaVersion}).`,
    )
  }
  for (const migration of migrations) {
    if (migration.version <= schemaVersion(database)) continue
    database
      .transaction(() => {
        migration.up(database)
        database.pragma(`user_version = ${migration.version}`)
      })
      .immediate()
  }
}
