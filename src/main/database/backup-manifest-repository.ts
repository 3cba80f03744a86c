import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { AppError } from '../../shared/errors'
import type { AddressType, VodFileKind, VodFileReference, VodMediaType } from '../../shared/vod'
import type {
  FileAction,
  FileActionState,
  FileDecision,
  ItemDecision,
  ListedItem,
  RunPhase,
} from '../backup/plan-types'
import { isDatabaseBusy } from './connection'
import { migrateManifest } from './manifest-migrations'

/**
 * The manifest of one backup folder: a SQLite file inside it (`.vod-backup/manifest.sqlite`), so
 * the copy describes itself wherever it is moved. SQLite rather than JSON Lines because a run
 * looks items up by id a page at a time, records its plan and progress as it goes (a killed run
 * continues from the last committed page or file), and at millions of items must neither load
 * nor rewrite the whole manifest.
 *
 * The file is opened in EXCLUSIVE locking mode: one run at a time per folder (a second one gets
 * `Busy`), and the write-ahead log then needs no shared memory, which network file systems (a
 * NAS over SMB or NFS) do not provide.
 */

/** Folder inside a backup that holds the manifest and the trash. */
export const backupControlFolder = '.vod-backup'

export function manifestPath(backupFolder: string): string {
  return join(backupFolder, backupControlFolder, 'manifest.sqlite')
}

/** What the sidecar says about an item beyond the listing (kept to rewrite it after a rename). */
export type ItemMetadata = Record<string, unknown>

/** An item of the local copy. */
export interface ManifestItem {
  mediaId: string
  mediaType: VodMediaType
  title: string
  categoryId: number | null
  categoryName: string | null
  creationTime: string | null
  modificationTime: string | null
  size: number | null
  status: string | null
  storageClass: string | null
  /** The file words the item was copied with (`source+cover`). */
  selection: string
  sidecarPath: string | null
  metadata: ItemMetadata
  /** False when a file could not be copied (archived, failed): the next run looks again. */
  complete: boolean
  syncedAt: number
  /** When a run first found it gone from VOD. */
  deletedAt: number | null
}

/** A file of the local copy. */
export interface ManifestFile {
  mediaId: string
  selector: string
  kind: VodFileKind
  reference: VodFileReference
  size: number | null
  md5: string | null
  crc64: string | null
  /** JobId, snapshot job or object key (see FileIdentity). */
  version: string | null
  /** Relative to the backup folder, `/`-separated. */
  localPath: string
  addressType: AddressType | null
  downloadedAt: number
  /** When size and checksum were last found right (by the engine, or by `--verify`). */
  verifiedAt: number | null
}

export interface RunRecord {
  id: number
  fingerprint: string
  /** The request as JSON (what the run was asked to do). */
  request: string
  dryRun: boolean
  phase: RunPhase
  /** Where listing continues (JSON), while the phase is `listing`. */
  cursor: string | null
  /** Relative folder deleted files go to, once chosen. */
  trashFolder: string | null
  apiCalls: number
  startedAt: number
  updatedAt: number
  finishedAt: number | null
  /** The report of a finished run (JSON). */
  summary: string | null
}

export interface RunItem {
  mediaId: string
  mediaType: VodMediaType
  decision: ItemDecision
  /** The listing's facts (new, modified and renamed items). */
  listed: ListedItem | null
}

export interface RunFile {
  mediaId: string
  selector: string
  kind: VodFileKind
  decision: FileDecision
  action: FileAction
  reference: VodFileReference | null
  size: number | null
  md5: string | null
  crc64: string | null
  version: string | null
  addressType: AddressType | null
  /** Where the file goes (relative). */
  localPath: string | null
  /** Where it is now, when that differs or when an old version is replaced. */
  previousPath: string | null
  /** Why it is skipped (an error code). */
  reason: string | null
  state: FileActionState
  jobId: number | null
  error: string | null
}

export type NewRunFile = Omit<RunFile, 'state' | 'jobId' | 'error'>

/** Counts of a group of files (a kind and a decision). */
export interface FileTally {
  kind: VodFileKind
  decision: FileDecision
  files: number
  bytes: number
  unknownSizes: number
}

/** Bytes to download by where they come from. */
export interface EgressTally {
  addressType: AddressType
  files: number
  bytes: number
  unknownSizes: number
}

/** Which manifest items a run's selection covers, for finding deleted ones. */
export interface ItemScope {
  mediaTypes: readonly VodMediaType[]
  /** A category scope: the category and the ones below it. */
  categoryIds?: readonly number[] | undefined
  /** ISO 8601: only items created at or after it. */
  createdFrom?: string | undefined
}

interface ItemRow {
  media_id: string
  media_type: string
  title: string
  category_id: number | null
  category_name: string | null
  creation_time: string | null
  modification_time: string | null
  size: number | null
  status: string | null
  storage_class: string | null
  selection: string
  sidecar_path: string | null
  metadata: string
  complete: number
  synced_at: number
  deleted_at: number | null
}

interface FileRow {
  media_id: string
  selector: string
  kind: string
  reference: string
  size: number | null
  md5: string | null
  crc64: string | null
  version: string | null
  local_path: string
  address_type: string | null
  downloaded_at: number
  verified_at: number | null
}

interface RunRow {
  id: number
  fingerprint: string
  request: string
  dry_run: number
  phase: string
  cursor: string | null
  trash_folder: string | null
  api_calls: number
  started_at: number
  updated_at: number
  finished_at: number | null
  summary: string | null
}

interface RunItemRow {
  media_id: string
  media_type: string
  decision: string
  listed: string | null
}

interface RunFileRow {
  media_id: string
  selector: string
  kind: string
  decision: string
  action: string
  reference: string | null
  size: number | null
  md5: string | null
  crc64: string | null
  version: string | null
  address_type: string | null
  local_path: string | null
  previous_path: string | null
  reason: string | null
  state: string
  job_id: number | null
  error: string | null
}

function itemOf(row: ItemRow): ManifestItem {
  return {
    mediaId: row.media_id,
    mediaType: row.media_type as VodMediaType,
    title: row.title,
    categoryId: row.category_id,
    categoryName: row.category_name,
    creationTime: row.creation_time,
    modificationTime: row.modification_time,
    size: row.size,
    status: row.status,
    storageClass: row.storage_class,
    selection: row.selection,
    sidecarPath: row.sidecar_path,
    metadata: JSON.parse(row.metadata) as ItemMetadata,
    complete: row.complete === 1,
    syncedAt: row.synced_at,
    deletedAt: row.deleted_at,
  }
}

function fileOf(row: FileRow): ManifestFile {
  return {
    mediaId: row.media_id,
    selector: row.selector,
    kind: row.kind as VodFileKind,
    reference: JSON.parse(row.reference) as VodFileReference,
    size: row.size,
    md5: row.md5,
    crc64: row.crc64,
    version: row.version,
    localPath: row.local_path,
    addressType: row.address_type as AddressType | null,
    downloadedAt: row.downloaded_at,
    verifiedAt: row.verified_at,
  }
}

function runOf(row: RunRow): RunRecord {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    request: row.request,
    dryRun: row.dry_run === 1,
    phase: row.phase as RunPhase,
    cursor: row.cursor,
    trashFolder: row.trash_folder,
    apiCalls: row.api_calls,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    summary: row.summary,
  }
}

function runItemOf(row: RunItemRow): RunItem {
  return {
    mediaId: row.media_id,
    mediaType: row.media_type as VodMediaType,
    decision: row.decision as ItemDecision,
    listed: row.listed === null ? null : (JSON.parse(row.listed) as ListedItem),
  }
}

function runFileOf(row: RunFileRow): RunFile {
  return {
    mediaId: row.media_id,
    selector: row.selector,
    kind: row.kind as VodFileKind,
    decision: row.decision as FileDecision,
    action: row.action as FileAction,
    reference: row.reference === null ? null : (JSON.parse(row.reference) as VodFileReference),
    size: row.size,
    md5: row.md5,
    crc64: row.crc64,
    version: row.version,
    addressType: row.address_type as AddressType | null,
    localPath: row.local_path,
    previousPath: row.previous_path,
    reason: row.reason,
    state: row.state as FileActionState,
    jobId: row.job_id,
    error: row.error,
  }
}

/** `?, ?, ?` for a list of values. */
function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ')
}

/** SQLite's limit on bound values is far above this; lists are cut into pieces of it. */
const chunkSize = 500

function chunks<T>(values: readonly T[]): T[][] {
  const result: T[][] = []
  for (let start = 0; start < values.length; start += chunkSize) {
    result.push(values.slice(start, start + chunkSize))
  }
  return result
}

/**
 * Opens (creating if needed) the manifest of a backup folder and takes it for this process
 * until {@link BackupManifestRepository.close}. `Busy` when another run holds it.
 */
export function openBackupManifest(backupFolder: string): BackupManifestRepository {
  const file = manifestPath(backupFolder)
  mkdirSync(join(backupFolder, backupControlFolder), { recursive: true })
  const database = new Database(file, { timeout: 1_000 })
  try {
    // Before WAL: in EXCLUSIVE mode the log needs no shared-memory file.
    database.pragma('locking_mode = EXCLUSIVE')
    database.pragma('journal_mode = WAL')
    database.pragma('synchronous = NORMAL')
    database.pragma('foreign_keys = ON')
    // Takes the lock now, so a second run is told at once rather than halfway through.
    database.exec('BEGIN EXCLUSIVE; COMMIT')
    migrateManifest(database)
    return new BackupManifestRepository(database, file)
  } catch (error) {
    database.close()
    if (isDatabaseBusy(error)) {
      throw new AppError('Busy', `another backup run is using ${backupFolder}`, { cause: error })
    }
    throw error
  }
}

/** The only SQL of backups: the local copy, its runs and their plans. */
export class BackupManifestRepository {
  private readonly statements: {
    info: Database.Statement<[string], { value: string }>
    setInfo: Database.Statement<[string, string]>
    item: Database.Statement<[string], ItemRow>
    upsertItem: Database.Statement<Record<string, unknown>>
    markDeleted: Database.Statement<[number, string]>
    deleteItem: Database.Statement<[string]>
    deleteFilesOfItem: Database.Statement<[string]>
    filesOfItem: Database.Statement<[string], FileRow>
    upsertFile: Database.Statement<Record<string, unknown>>
    moveFile: Database.Statement<[string, string, string]>
    verifiedFile: Database.Statement<[number, string, string]>
    deleteFile: Database.Statement<[string, string]>
    run: Database.Statement<[number], RunRow>
    unfinishedRun: Database.Statement<[number], RunRow>
    lastFinishedRun: Database.Statement<[], RunRow>
    insertRun: Database.Statement<Record<string, unknown>>
    upsertRunItem: Database.Statement<Record<string, unknown>>
    pendingRunItems: Database.Statement<[number, string, number], RunItemRow>
    resolveRunItem: Database.Statement<[number, string]>
    runItem: Database.Statement<[number, string], RunItemRow>
    runItemsByDecision: Database.Statement<[number, string, string, number], RunItemRow>
    applyRunItem: Database.Statement<[number, string]>
    upsertRunFile: Database.Statement<Record<string, unknown>>
    runFilesOfItem: Database.Statement<[number, string], RunFileRow>
    runFilesByAction: Database.Statement<
      [number, string, string, string, string, string, number],
      RunFileRow
    >
    setRunFileState: Database.Statement<
      [string, number | null, string | null, number, string, string]
    >
    runFileByJob: Database.Statement<[number, number], RunFileRow>
    unappliedItems: Database.Statement<[number, string, number], RunItemRow>
    itemTallies: Database.Statement<[number], { decision: string; items: number }>
  }

  /** Statements whose text depends on a list's length, prepared once per text. */
  private readonly dynamic = new Map<string, Database.Statement>()

  constructor(
    private readonly database: Database.Database,
    /** The manifest file. */
    readonly path: string,
  ) {
    const db = database
    this.statements = {
      info: db.prepare('SELECT value FROM info WHERE key = ?'),
      setInfo: db.prepare(
        'INSERT INTO info (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ),
      item: db.prepare('SELECT * FROM items WHERE media_id = ?'),
      upsertItem: db.prepare(`
        INSERT INTO items (media_id, media_type, title, category_id, category_name, creation_time,
          modification_time, size, status, storage_class, selection, sidecar_path, metadata,
          complete, synced_at, deleted_at)
        VALUES (@mediaId, @mediaType, @title, @categoryId, @categoryName, @creationTime,
          @modificationTime, @size, @status, @storageClass, @selection, @sidecarPath, @metadata,
          @complete, @syncedAt, @deletedAt)
        ON CONFLICT(media_id) DO UPDATE SET media_type = excluded.media_type,
          title = excluded.title, category_id = excluded.category_id,
          category_name = excluded.category_name, creation_time = excluded.creation_time,
          modification_time = excluded.modification_time, size = excluded.size,
          status = excluded.status, storage_class = excluded.storage_class,
          selection = excluded.selection, sidecar_path = excluded.sidecar_path,
          metadata = excluded.metadata, complete = excluded.complete,
          synced_at = excluded.synced_at, deleted_at = excluded.deleted_at`),
      markDeleted: db.prepare(
        'UPDATE items SET deleted_at = coalesce(deleted_at, ?) WHERE media_id = ?',
      ),
      deleteItem: db.prepare('DELETE FROM items WHERE media_id = ?'),
      deleteFilesOfItem: db.prepare('DELETE FROM files WHERE media_id = ?'),
      filesOfItem: db.prepare('SELECT * FROM files WHERE media_id = ? ORDER BY selector'),
      upsertFile: db.prepare(`
        INSERT INTO files (media_id, selector, kind, reference, size, md5, crc64, version,
          local_path, address_type, downloaded_at, verified_at)
        VALUES (@mediaId, @selector, @kind, @reference, @size, @md5, @crc64, @version,
          @localPath, @addressType, @downloadedAt, @verifiedAt)
        ON CONFLICT(media_id, selector) DO UPDATE SET kind = excluded.kind,
          reference = excluded.reference, size = excluded.size, md5 = excluded.md5,
          crc64 = excluded.crc64, version = excluded.version, local_path = excluded.local_path,
          address_type = excluded.address_type, downloaded_at = excluded.downloaded_at,
          verified_at = excluded.verified_at`),
      moveFile: db.prepare('UPDATE files SET local_path = ? WHERE media_id = ? AND selector = ?'),
      verifiedFile: db.prepare(
        'UPDATE files SET verified_at = ? WHERE media_id = ? AND selector = ?',
      ),
      deleteFile: db.prepare('DELETE FROM files WHERE media_id = ? AND selector = ?'),
      run: db.prepare('SELECT * FROM runs WHERE id = ?'),
      unfinishedRun: db.prepare(
        'SELECT * FROM runs WHERE finished_at IS NULL AND dry_run = ? ORDER BY id DESC LIMIT 1',
      ),
      lastFinishedRun: db.prepare(
        'SELECT * FROM runs WHERE finished_at IS NOT NULL AND dry_run = 0 ORDER BY id DESC LIMIT 1',
      ),
      insertRun: db.prepare(`
        INSERT INTO runs (fingerprint, request, dry_run, phase, started_at, updated_at)
        VALUES (@fingerprint, @request, @dryRun, 'listing', @now, @now)`),
      upsertRunItem: db.prepare(`
        INSERT INTO run_items (run_id, media_id, media_type, decision, listed, resolved)
        VALUES (@runId, @mediaId, @mediaType, @decision, @listed, @resolved)
        ON CONFLICT(run_id, media_id) DO UPDATE SET decision = excluded.decision,
          listed = excluded.listed, resolved = excluded.resolved`),
      pendingRunItems: db.prepare(`
        SELECT media_id, media_type, decision, listed FROM run_items
        WHERE run_id = ? AND resolved = 0 AND media_id > ? ORDER BY media_id LIMIT ?`),
      resolveRunItem: db.prepare(
        'UPDATE run_items SET resolved = 1 WHERE run_id = ? AND media_id = ?',
      ),
      runItem: db.prepare(
        'SELECT media_id, media_type, decision, listed FROM run_items WHERE run_id = ? AND media_id = ?',
      ),
      runItemsByDecision: db.prepare(`
        SELECT media_id, media_type, decision, listed FROM run_items
        WHERE run_id = ? AND decision = ? AND media_id > ? ORDER BY media_id LIMIT ?`),
      applyRunItem: db.prepare(
        'UPDATE run_items SET applied = 1 WHERE run_id = ? AND media_id = ?',
      ),
      upsertRunFile: db.prepare(`
        INSERT INTO run_files (run_id, media_id, selector, kind, decision, action, reference, size,
          md5, crc64, version, address_type, local_path, previous_path, reason)
        VALUES (@runId, @mediaId, @selector, @kind, @decision, @action, @reference, @size,
          @md5, @crc64, @version, @addressType, @localPath, @previousPath, @reason)
        ON CONFLICT(run_id, media_id, selector) DO UPDATE SET kind = excluded.kind,
          decision = excluded.decision, action = excluded.action, reference = excluded.reference,
          size = excluded.size, md5 = excluded.md5, crc64 = excluded.crc64,
          version = excluded.version, address_type = excluded.address_type,
          local_path = excluded.local_path, previous_path = excluded.previous_path,
          reason = excluded.reason, state = 'planned', job_id = NULL, error = NULL`),
      runFilesOfItem: db.prepare(
        'SELECT * FROM run_files WHERE run_id = ? AND media_id = ? ORDER BY selector',
      ),
      runFilesByAction: db.prepare(`
        SELECT * FROM run_files WHERE run_id = ? AND action = ? AND state = ?
          AND (media_id > ? OR (media_id = ? AND selector > ?))
        ORDER BY media_id, selector LIMIT ?`),
      setRunFileState: db.prepare(`
        UPDATE run_files SET state = ?, job_id = coalesce(?, job_id), error = ?
        WHERE run_id = ? AND media_id = ? AND selector = ?`),
      runFileByJob: db.prepare('SELECT * FROM run_files WHERE run_id = ? AND job_id = ?'),
      unappliedItems: db.prepare(`
        SELECT media_id, media_type, decision, listed FROM run_items
        WHERE run_id = ? AND applied = 0 AND decision IN ('new', 'modified', 'renamed')
          AND media_id > ? ORDER BY media_id LIMIT ?`),
      itemTallies: db.prepare(
        'SELECT decision, count(*) AS items FROM run_items WHERE run_id = ? GROUP BY decision',
      ),
    }
  }

  close(): void {
    if (this.database.open) this.database.close()
  }

  private prepared(sql: string): Database.Statement {
    let statement = this.dynamic.get(sql)
    if (!statement) {
      statement = this.database.prepare(sql)
      this.dynamic.set(sql, statement)
    }
    return statement
  }

  /** Runs `work` in one transaction (synchronous: nothing is awaited inside). */
  transaction<T>(work: () => T): T {
    return this.database.transaction(work)()
  }

  info(key: string): string | undefined {
    return this.statements.info.get(key)?.value
  }

  setInfo(key: string, value: string): void {
    this.statements.setInfo.run(key, value)
  }

  // --- The local copy -------------------------------------------------------------------------

  item(mediaId: string): ManifestItem | undefined {
    const row = this.statements.item.get(mediaId)
    return row ? itemOf(row) : undefined
  }

  /** The items among `mediaIds` that the local copy has. */
  itemsByIds(mediaIds: readonly string[]): Map<string, ManifestItem> {
    const found = new Map<string, ManifestItem>()
    for (const chunk of chunks(mediaIds)) {
      const rows = this.prepared(
        `SELECT * FROM items WHERE media_id IN (${placeholders(chunk.length)})`,
      ).all(...chunk) as ItemRow[]
      for (const row of rows) found.set(row.media_id, itemOf(row))
    }
    return found
  }

  upsertItem(item: ManifestItem): void {
    this.statements.upsertItem.run({
      ...item,
      metadata: JSON.stringify(item.metadata),
      complete: item.complete ? 1 : 0,
    })
  }

  markItemDeleted(mediaId: string, at: number): void {
    this.statements.markDeleted.run(at, mediaId)
  }

  /** Forgets an item and its files (after they went to the trash). */
  forgetItem(mediaId: string): void {
    this.transaction(() => {
      this.statements.deleteFilesOfItem.run(mediaId)
      this.statements.deleteItem.run(mediaId)
    })
  }

  filesOfItem(mediaId: string): ManifestFile[] {
    return this.statements.filesOfItem.all(mediaId).map(fileOf)
  }

  /** Files of many items at once, by item. */
  filesOfItems(mediaIds: readonly string[]): Map<string, ManifestFile[]> {
    const found = new Map<string, ManifestFile[]>()
    for (const chunk of chunks(mediaIds)) {
      const rows = this.prepared(
        `SELECT * FROM files WHERE media_id IN (${placeholders(chunk.length)}) ORDER BY media_id, selector`,
      ).all(...chunk) as FileRow[]
      for (const row of rows) {
        const list = found.get(row.media_id) ?? []
        list.push(fileOf(row))
        found.set(row.media_id, list)
      }
    }
    return found
  }

  /** The local copy's files in key order after `after`, `limit` at a time. */
  listFiles(after: { mediaId: string; selector: string }, limit: number): ManifestFile[] {
    return (
      this.prepared(
        `SELECT * FROM files WHERE media_id > ? OR (media_id = ? AND selector > ?)
         ORDER BY media_id, selector LIMIT ?`,
      ).all(after.mediaId, after.mediaId, after.selector, limit) as FileRow[]
    ).map(fileOf)
  }

  upsertFile(file: ManifestFile): void {
    this.statements.upsertFile.run({ ...file, reference: JSON.stringify(file.reference) })
  }

  moveFile(mediaId: string, selector: string, localPath: string): void {
    this.statements.moveFile.run(localPath, mediaId, selector)
  }

  fileVerified(mediaId: string, selector: string, at: number): void {
    this.statements.verifiedFile.run(at, mediaId, selector)
  }

  forgetFile(mediaId: string, selector: string): void {
    this.statements.deleteFile.run(mediaId, selector)
  }

  /** Counts of the local copy: items, files and bytes. */
  totals(): { items: number; files: number; bytes: number } {
    const items = this.prepared('SELECT count(*) AS n FROM items').get() as { n: number }
    const files = this.prepared(
      'SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes FROM files',
    ).get() as { n: number; bytes: number }
    return { items: items.n, files: files.n, bytes: files.bytes }
  }

  // --- Runs -------------------------------------------------------------------------------------

  run(id: number): RunRecord | undefined {
    const row = this.statements.run.get(id)
    return row ? runOf(row) : undefined
  }

  /** The newest real (or dry) run that did not finish (killed, or cut short by an error). */
  unfinishedRun(dryRun: boolean): RunRecord | undefined {
    const row = this.statements.unfinishedRun.get(dryRun ? 1 : 0)
    return row ? runOf(row) : undefined
  }

  lastFinishedRun(): RunRecord | undefined {
    const row = this.statements.lastFinishedRun.get()
    return row ? runOf(row) : undefined
  }

  startRun(input: {
    fingerprint: string
    request: string
    dryRun: boolean
    now: number
  }): RunRecord {
    const result = this.statements.insertRun.run({
      fingerprint: input.fingerprint,
      request: input.request,
      dryRun: input.dryRun ? 1 : 0,
      now: input.now,
    })
    return this.run(Number(result.lastInsertRowid)) as RunRecord
  }

  updateRun(
    id: number,
    patch: {
      phase?: RunPhase
      cursor?: string | null
      trashFolder?: string
      apiCalls?: number
      now: number
    },
  ): void {
    const sets: string[] = ['updated_at = @now']
    if (patch.phase !== undefined) sets.push('phase = @phase')
    if (patch.cursor !== undefined) sets.push('cursor = @cursor')
    if (patch.trashFolder !== undefined) sets.push('trash_folder = @trashFolder')
    if (patch.apiCalls !== undefined) sets.push('api_calls = @apiCalls')
    this.prepared(`UPDATE runs SET ${sets.join(', ')} WHERE id = @id`).run({
      id,
      now: patch.now,
      phase: patch.phase ?? null,
      cursor: patch.cursor ?? null,
      trashFolder: patch.trashFolder ?? null,
      apiCalls: patch.apiCalls ?? null,
    })
  }

  /**
   * Ends a run: its report is kept, its plan rows go (they would grow the manifest by the size
   * of the library on every run).
   */
  finishRun(id: number, summary: string, now: number): void {
    this.transaction(() => {
      this.prepared(
        "UPDATE runs SET phase = 'done', summary = ?, finished_at = ?, updated_at = ? WHERE id = ?",
      ).run(summary, now, now, id)
      this.prepared('DELETE FROM run_files WHERE run_id = ?').run(id)
      this.prepared('DELETE FROM run_items WHERE run_id = ?').run(id)
      // The reports of old runs are small, but there is no reason to keep them forever.
      this.prepared('DELETE FROM runs WHERE finished_at IS NOT NULL AND id < ? - 100').run(id)
    })
  }

  /** Drops an unfinished run that will not be continued (it was asked something else). */
  abandonRun(id: number): void {
    this.prepared('DELETE FROM runs WHERE id = ?').run(id)
  }

  // --- A run's plan ----------------------------------------------------------------------------

  /** Records one listed page's items and where listing continues, in one transaction. */
  recordListedPage(
    runId: number,
    items: ReadonlyArray<{ item: RunItem; resolved: boolean }>,
    repairs: readonly NewRunFile[],
    cursor: string,
    now: number,
  ): void {
    this.transaction(() => {
      for (const { item, resolved } of items) this.upsertRunItem(runId, item, resolved)
      for (const file of repairs) this.upsertRunFile(runId, file)
      this.updateRun(runId, { cursor, now })
    })
  }

  private upsertRunItem(runId: number, item: RunItem, resolved: boolean): void {
    this.statements.upsertRunItem.run({
      runId,
      mediaId: item.mediaId,
      mediaType: item.mediaType,
      decision: item.decision,
      listed: item.listed === null ? null : JSON.stringify(item.listed),
      resolved: resolved ? 1 : 0,
    })
  }

  private upsertRunFile(runId: number, file: NewRunFile): void {
    this.statements.upsertRunFile.run({
      runId,
      ...file,
      reference: file.reference === null ? null : JSON.stringify(file.reference),
    })
  }

  runItem(runId: number, mediaId: string): RunItem | undefined {
    const row = this.statements.runItem.get(runId, mediaId)
    return row ? runItemOf(row) : undefined
  }

  /** Items of the run still to be resolved, in id order after `afterId`. */
  pendingRunItems(runId: number, afterId: string, limit: number): RunItem[] {
    return this.statements.pendingRunItems.all(runId, afterId, limit).map(runItemOf)
  }

  /** Records the file plan of resolved items, and marks them resolved, in one transaction. */
  recordResolved(
    runId: number,
    resolved: ReadonlyArray<{ mediaId: string; files: readonly NewRunFile[]; item?: RunItem }>,
  ): void {
    this.transaction(() => {
      for (const entry of resolved) {
        if (entry.item) this.upsertRunItem(runId, entry.item, true)
        for (const file of entry.files) this.upsertRunFile(runId, file)
        this.statements.resolveRunItem.run(runId, entry.mediaId)
      }
    })
  }

  /**
   * Local items in `scope` that this run's listing did not return, after `afterId` in id
   * order: deleted in VOD, or no longer in the selection.
   */
  unlistedItems(runId: number, scope: ItemScope, afterId: string, limit: number): ManifestItem[] {
    const conditions = [
      `media_type IN (${placeholders(scope.mediaTypes.length)})`,
      'media_id > @afterId',
      'NOT EXISTS (SELECT 1 FROM run_items r WHERE r.run_id = @runId AND r.media_id = items.media_id)',
    ]
    const values: Record<string, unknown> = { runId, afterId, limit }
    if (scope.categoryIds !== undefined) {
      // Whole numbers only (they come from the category API or a parsed flag).
      const ids = scope.categoryIds.map((id) => Math.trunc(id)).join(', ')
      conditions.push(`category_id IN (${ids})`)
    }
    if (scope.createdFrom !== undefined) {
      conditions.push('creation_time >= @createdFrom')
      values.createdFrom = scope.createdFrom
    }
    const rows = this.prepared(
      `SELECT * FROM items WHERE ${conditions.join(' AND ')} ORDER BY media_id LIMIT @limit`,
    ).all(...scope.mediaTypes, values) as ItemRow[]
    return rows.map(itemOf)
  }

  /**
   * Records items found deleted (or left) with their files' plan; `deletedAt` (null in a dry
   * run, which changes nothing) marks the deleted ones in the local copy.
   */
  recordUnlisted(
    runId: number,
    entries: ReadonlyArray<{ item: RunItem; files: readonly NewRunFile[] }>,
    deletedAt: number | null,
  ): void {
    this.transaction(() => {
      for (const entry of entries) {
        this.upsertRunItem(runId, entry.item, true)
        for (const file of entry.files) this.upsertRunFile(runId, file)
        if (entry.item.decision === 'deleted' && deletedAt !== null) {
          this.markItemDeleted(entry.item.mediaId, deletedAt)
        }
      }
    })
  }

  runItemsByDecision(
    runId: number,
    decision: ItemDecision,
    afterId: string,
    limit: number,
  ): RunItem[] {
    return this.statements.runItemsByDecision.all(runId, decision, afterId, limit).map(runItemOf)
  }

  markItemApplied(runId: number, mediaId: string): void {
    this.statements.applyRunItem.run(runId, mediaId)
  }

  /** New, modified and renamed items whose local record is not updated yet. */
  unappliedItems(runId: number, afterId: string, limit: number): RunItem[] {
    return this.statements.unappliedItems.all(runId, afterId, limit).map(runItemOf)
  }

  runFile(runId: number, key: { mediaId: string; selector: string }): RunFile | undefined {
    const row = this.prepared(
      'SELECT * FROM run_files WHERE run_id = ? AND media_id = ? AND selector = ?',
    ).get(runId, key.mediaId, key.selector) as RunFileRow | undefined
    return row ? runFileOf(row) : undefined
  }

  runFilesOfItem(runId: number, mediaId: string): RunFile[] {
    return this.statements.runFilesOfItem.all(runId, mediaId).map(runFileOf)
  }

  /** Planned file actions of one kind in one state, in key order after `after`. */
  runFiles(
    runId: number,
    action: FileAction,
    state: FileActionState,
    after: { mediaId: string; selector: string },
    limit: number,
  ): RunFile[] {
    return this.statements.runFilesByAction
      .all(runId, action, state, after.mediaId, after.mediaId, after.selector, limit)
      .map(runFileOf)
  }

  /** Job ids of the run's recorded downloads, after `afterJobId`, `limit` at a time. */
  recordedJobIds(runId: number, afterJobId: number, limit: number): number[] {
    const rows = this.prepared(
      `SELECT job_id FROM run_files WHERE run_id = ? AND action = 'download' AND state = 'done'
         AND job_id > ? ORDER BY job_id LIMIT ?`,
    ).all(runId, afterJobId, limit) as Array<{ job_id: number }>
    return rows.map((row) => row.job_id)
  }

  runFileOfJob(runId: number, jobId: number): RunFile | undefined {
    const row = this.statements.runFileByJob.get(runId, jobId)
    return row ? runFileOf(row) : undefined
  }

  setRunFileState(
    runId: number,
    file: { mediaId: string; selector: string },
    state: FileActionState,
    details: { jobId?: number; error?: string } = {},
  ): void {
    this.statements.setRunFileState.run(
      state,
      details.jobId ?? null,
      details.error ?? null,
      runId,
      file.mediaId,
      file.selector,
    )
  }

  /** Records the jobs a batch of planned downloads became, in one transaction. */
  recordQueued(
    runId: number,
    queued: ReadonlyArray<{ mediaId: string; selector: string; jobId: number }>,
  ): void {
    this.transaction(() => {
      for (const entry of queued)
        this.setRunFileState(runId, entry, 'queued', { jobId: entry.jobId })
    })
  }

  // --- Reports ---------------------------------------------------------------------------------

  itemTallies(runId: number): Map<ItemDecision, number> {
    const tallies = new Map<ItemDecision, number>()
    for (const row of this.statements.itemTallies.all(runId)) {
      tallies.set(row.decision as ItemDecision, row.items)
    }
    return tallies
  }

  /**
   * Files per kind and decision: the planned ones, plus the untouched files of unchanged items
   * of the selected kinds (which have no plan rows).
   */
  fileTallies(runId: number, kinds: readonly VodFileKind[]): FileTally[] {
    const planned = this.prepared(
      `SELECT kind, decision, count(*) AS files, coalesce(sum(size), 0) AS bytes,
           sum(size IS NULL) AS unknownSizes
         FROM run_files WHERE run_id = ? GROUP BY kind, decision`,
    ).all(runId) as FileTally[]
    const untouched =
      kinds.length === 0
        ? []
        : (this.prepared(
            `SELECT f.kind AS kind, 'unchanged' AS decision, count(*) AS files,
                 coalesce(sum(f.size), 0) AS bytes, sum(f.size IS NULL) AS unknownSizes
               FROM run_items r JOIN files f ON f.media_id = r.media_id
               WHERE r.run_id = ? AND r.decision = 'unchanged'
                 AND f.kind IN (${placeholders(kinds.length)})
                 AND NOT EXISTS (SELECT 1 FROM run_files p WHERE p.run_id = r.run_id
                   AND p.media_id = f.media_id AND p.selector = f.selector)
               GROUP BY f.kind`,
          ).all(runId, ...kinds) as FileTally[])
    const merged = new Map<string, FileTally>()
    for (const tally of [...planned, ...untouched]) {
      const key = `${tally.kind}\u0000${tally.decision}`
      const known = merged.get(key)
      if (known) {
        known.files += tally.files
        known.bytes += tally.bytes
        known.unknownSizes += tally.unknownSizes
      } else {
        merged.set(key, { ...tally })
      }
    }
    return [...merged.values()]
  }

  /** Bytes the run downloads, by address type (OSS origin or CDN). */
  egressTallies(runId: number): EgressTally[] {
    return this.prepared(
      `SELECT coalesce(address_type, 'cdn') AS addressType, count(*) AS files,
           coalesce(sum(size), 0) AS bytes, sum(size IS NULL) AS unknownSizes
         FROM run_files WHERE run_id = ? AND action = 'download' GROUP BY 1`,
    ).all(runId) as EgressTally[]
  }

  /** Planned file actions by state (for progress and the final report). */
  actionTallies(
    runId: number,
  ): Array<{ action: FileAction; state: FileActionState; files: number }> {
    return this.prepared(
      'SELECT action, state, count(*) AS files FROM run_files WHERE run_id = ? GROUP BY action, state',
    ).all(runId) as Array<{ action: FileAction; state: FileActionState; files: number }>
  }

  /** Items whose files could not be listed in this run, with why (at most `limit`). */
  itemFailures(runId: number, limit: number): Array<{ mediaId: string; error: string }> {
    const rows = this.prepared(
      `SELECT media_id, json_extract(listed, '$.failure.message') AS error FROM run_items
       WHERE run_id = ? AND json_extract(listed, '$.failure') IS NOT NULL ORDER BY media_id LIMIT ?`,
    ).all(runId, limit) as Array<{ media_id: string; error: string }>
    return rows.map((row) => ({ mediaId: row.media_id, error: row.error }))
  }

  /** Files that failed in this run, with their error (at most `limit`). */
  failedFiles(runId: number, limit: number): RunFile[] {
    return (
      this.prepared(
        "SELECT * FROM run_files WHERE run_id = ? AND state = 'failed' ORDER BY media_id, selector LIMIT ?",
      ).all(runId, limit) as RunFileRow[]
    ).map(runFileOf)
  }
}
