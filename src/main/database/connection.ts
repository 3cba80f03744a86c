import { chmodSync, closeSync, existsSync, openSync } from 'node:fs'
import Database from 'better-sqlite3'
import { AppError } from '../../shared/errors'
import { migrate } from './migrations'

export type SqliteDatabase = Database.Database

/**
 * How long one statement waits for another process's write lock before SQLite gives up. The
 * wait blocks this process's event loop, so it stays short; callers that can wait longer
 * (opening, the scheduler) retry around it.
 */
export const busyTimeoutMs = 5_000

export interface OpenDatabaseOptions {
  /** The whole bounded wait for a database that another process keeps locked while opening. */
  openWaitMs?: number
  /** Called once when opening has to wait, so a person sees why nothing happens yet. */
  onWait?: (message: string) => void
}

/** SQLite's "another connection holds the lock" failures (any extended form of SQLITE_BUSY). */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED')
}

/** Sleeps without an event loop: opening is synchronous, and this only runs while it waits. */
function sleepSync(milliseconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds)
}

/**
 * The database and its WAL and shared-memory files hold credentials' sealed copies and every
 * job's history: only the user may read them. SQLite gives the WAL and -shm files the mode of the
 * database file, so creating that file 0600 first covers all three.
 */
function restrictFileModes(file: string): void {
  if (process.platform === 'win32') return
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600))
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(path, 0o600)
    } catch {
      // The WAL and -shm files come and go with connections.
    }
  }
}

function openOnce(file: string): SqliteDatabase {
  // The busy timeout is set by the constructor, before the first statement: setting WAL mode
  // and migrating are the moments several processes starting together collide.
  const database = new Database(file, { timeout: busyTimeoutMs })
  try {
    database.pragma('journal_mode = WAL')
    database.pragma('synchronous = NORMAL')
    database.pragma('foreign_keys = ON')
    migrate(database)
    return database
  } catch (error) {
    database.close()
    throw error
  }
}

/**
 * Opens (creating if needed) the job database and brings its schema up to date.
 * WAL lets the UI read while the engine writes; synchronous=NORMAL is safe with WAL (a crash
 * loses at most the last transactions, never corrupts), and progress is re-verifiable anyway.
 * The app, the headless host and any number of `vod-dl` commands may open one database at the
 * same moment: a database another process keeps locked is waited for (bounded), and a wait
 * that runs out is `DatabaseBusy`, never a usage error.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const deadline = Date.now() + (options.openWaitMs ?? 60_000)
  restrictFileModes(file)
  let announced = false
  for (let attempt = 1; ; attempt++) {
    try {
      const database = openOnce(file)
      restrictFileModes(file)
      return database
    } catch (error) {
      if (!isDatabaseBusy(error)) throw error
      if (Date.now() >= deadline) {
        throw new AppError('DatabaseBusy', file, { cause: error })
      }
      if (!announced) {
        announced = true
        options.onWait?.(
          `waiting for the job database: another VOD Downloader process is writing to ${file}`,
        )
      }
      sleepSync(Math.min(50 * attempt, 500))
    }
  }
}
