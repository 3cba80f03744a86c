import Database from 'better-sqlite3'
import { migrate } from './migrations'

export type SqliteDatabase = Database.Database

/**
 * Opens (creating if needed) the job database and brings its schema up to date.
 * WAL lets the UI read while the engine writes; synchronous=NORMAL is safe with WAL (a crash
 * loses at most the last transactions, never corrupts), and progress is re-verifiable anyway.
 */
export function openDatabase(file: string): SqliteDatabase {
  const database = new Database(file)
  database.pragma('journal_mode = WAL')
  database.pragma('synchronous = NORMAL')
  database.pragma('foreign_keys = ON')
  database.pragma('busy_timeout = 5000')
  migrate(database)
  return database
}
