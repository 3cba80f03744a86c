import type Database from 'better-sqlite3'
import type { ErrorCode } from '../../shared/errors'
import type { JobSource, JobState } from '../../shared/jobs'

/** One byte range of a job's file: [start, end) of which `done` bytes from `start` are on disk. */
export interface SegmentRecord {
  start: number
  end: number
  done: number
  /** CRC-64 of the `done` bytes, kept only when a whole-object CRC-64 is known to check against. */
  crc64: string | null
}

/** Everything the engine persists about a job. */
export interface JobRecord {
  id: number
  batchId: number | null
  state: JobState
  source: JobSource
  directory: string
  /** The caller's file name (or template result); null means "derive it from the server". */
  requestedName: string | null
  /** The final relative file name once chosen (reserved, unique); the part file is `<fileName>.part`. */
  fileName: string | null
  totalBytes: number | null
  doneBytes: number
  rangesSupported: boolean | null
  etag: string | null
  lastModified: string | null
  expectedSize: number | null
  expectedMd5: string | null
  expectedCrc64: string | null
  sourceVersion: string | null
  serverMd5: string | null
  serverCrc64: string | null
  connections: number
  priority: number
  position: number
  attempts: number
  contentRestarts: number
  errorCode: ErrorCode | null
  errorDetail: string | null
  nextAttemptAt: number | null
  owner: string | null
  ownerPid: number | null
  ownerHost: string | null
  ownerUntil: number | null
  createdAt: number
  updatedAt: number
  completedAt: number | null
}

export type JobPatch = Partial<Omit<JobRecord, 'id' | 'createdAt'>>

export interface NewJobRecord {
  batchId: number | null
  state: JobState
  source: JobSource
  directory: string
  requestedName: string | null
  connections: number
  priority: number
  expectedSize: number | null
  expectedMd5: string | null
  expectedCrc64: string | null
  createdAt: number
}

interface JobRow {
  id: number
  batch_id: number | null
  state: string
  source: string
  directory: string
  requested_name: string | null
  file_name: string | null
  total_bytes: number | null
  done_bytes: number
  ranges_supported: number | null
  etag: string | null
  last_modified: string | null
  expected_size: number | null
  expected_md5: string | null
  expected_crc64: string | null
  source_version: string | null
  server_md5: string | null
  server_crc64: string | null
  connections: number
  priority: number
  position: number
  attempts: number
  content_restarts: number
  error_code: string | null
  error_detail: string | null
  next_attempt_at: number | null
  owner: string | null
  owner_pid: number | null
  owner_host: string | null
  owner_until: number | null
  created_at: number
  updated_at: number
  completed_at: number | null
}

interface SegmentRow {
  start_offset: number
  end_offset: number
  done_bytes: number
  crc64: string | null
}

/** Field name → column name for every field `update` may write. */
const columns: Record<keyof JobPatch, string> = {
  batchId: 'batch_id',
  state: 'state',
  source: 'source',
  directory: 'directory',
  requestedName: 'requested_name',
  fileName: 'file_name',
  totalBytes: 'total_bytes',
  doneBytes: 'done_bytes',
  rangesSupported: 'ranges_supported',
  etag: 'etag',
  lastModified: 'last_modified',
  expectedSize: 'expected_size',
  expectedMd5: 'expected_md5',
  expectedCrc64: 'expected_crc64',
  sourceVersion: 'source_version',
  serverMd5: 'server_md5',
  serverCrc64: 'server_crc64',
  connections: 'connections',
  priority: 'priority',
  position: 'position',
  attempts: 'attempts',
  contentRestarts: 'content_restarts',
  errorCode: 'error_code',
  errorDetail: 'error_detail',
  nextAttemptAt: 'next_attempt_at',
  owner: 'owner',
  ownerPid: 'owner_pid',
  ownerHost: 'owner_host',
  ownerUntil: 'owner_until',
  updatedAt: 'updated_at',
  completedAt: 'completed_at',
}

function toRecord(row: JobRow): JobRecord {
  return {
    id: row.id,
    batchId: row.batch_id,
    state: row.state as JobState,
    source: JSON.parse(row.source) as JobSource,
    directory: row.directory,
    requestedName: row.requested_name,
    fileName: row.file_name,
    totalBytes: row.total_bytes,
    doneBytes: row.done_bytes,
    rangesSupported: row.ranges_supported == null ? null : row.ranges_supported === 1,
    etag: row.etag,
    lastModified: row.last_modified,
    expectedSize: row.expected_size,
    expectedMd5: row.expected_md5,
    expectedCrc64: row.expected_crc64,
    sourceVersion: row.source_version,
    serverMd5: row.server_md5,
    serverCrc64: row.server_crc64,
    connections: row.connections,
    priority: row.priority,
    position: row.position,
    attempts: row.attempts,
    contentRestarts: row.content_restarts,
    errorCode: row.error_code as ErrorCode | null,
    errorDetail: row.error_detail,
    nextAttemptAt: row.next_attempt_at,
    owner: row.owner,
    ownerPid: row.owner_pid,
    ownerHost: row.owner_host,
    ownerUntil: row.owner_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
  }
}

function toColumnValue(key: keyof JobPatch, value: unknown): unknown {
  if (value === undefined) return null
  if (key === 'source') return JSON.stringify(value)
  if (key === 'rangesSupported') return value == null ? null : value ? 1 : 0
  return value
}

/**
 * The only place job rows are read or written. Statements are prepared once (per distinct set
 * of updated columns for `update`), transactions are synchronous and short.
 */
export class JobRepository {
  private readonly database: Database.Database
  private readonly insertStatement: Database.Statement
  private readonly getStatement: Database.Statement<[number], JobRow>
  private readonly getManyStatement: Database.Statement<[string], JobRow>
  private readonly listStatement: Database.Statement<[], JobRow>
  private readonly listByBatchStatement: Database.Statement<[number], JobRow>
  private readonly deleteStatement: Database.Statement<[number]>
  private readonly segmentsStatement: Database.Statement<[number], SegmentRow>
  private readonly deleteSegmentsStatement: Database.Statement<[number]>
  private readonly insertSegmentStatement: Database.Statement
  private readonly idsInStatesStatements = new Map<
    string,
    Database.Statement<unknown[], { id: number }>
  >()
  private readonly recordsInStatesStatements = new Map<
    string,
    Database.Statement<unknown[], JobRow>
  >()
  private readonly renewOwnershipStatement: Database.Statement<[number, string]>
  private readonly versionsAmongStatement: Database.Statement<
    [string],
    { id: number; updatedAt: number }
  >
  private readonly queueOrderStatement: Database.Statement<[], { id: number; position: number }>
  private readonly heldNamesStatement: Database.Statement<
    [],
    Pick<JobRecord, 'id' | 'directory' | 'fileName' | 'state'>
  >
  private readonly queuedRecordsStatement: Database.Statement<[number], JobRow>
  private readonly queuedAmongStatement: Database.Statement<[string, number], JobRow>
  private readonly maxPositionStatement: Database.Statement<[], { position: number | null }>
  private readonly insertBatchStatement: Database.Statement
  private readonly updateStatements = new Map<string, Database.Statement>()

  constructor(database: Database.Database) {
    this.database = database
    this.insertStatement = database.prepare(`
      INSERT INTO jobs (batch_id, state, source, directory, requested_name, connections, priority,
        position, expected_size, expected_md5, expected_crc64, created_at, updated_at)
      VALUES (@batchId, @state, @source, @directory, @requestedName, @connections, @priority,
        @position, @expectedSize, @expectedMd5, @expectedCrc64, @createdAt, @createdAt)`)
    this.getStatement = database.prepare('SELECT * FROM jobs WHERE id = ?')
    this.getManyStatement = database.prepare(
      'SELECT * FROM jobs WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id',
    )
    this.listStatement = database.prepare(
      'SELECT * FROM jobs ORDER BY priority DESC, position ASC, id ASC',
    )
    this.listByBatchStatement = database.prepare(
      'SELECT * FROM jobs WHERE batch_id = ? ORDER BY position ASC, id ASC',
    )
    this.deleteStatement = database.prepare('DELETE FROM jobs WHERE id = ?')
    this.segmentsStatement = database.prepare(
      'SELECT start_offset, end_offset, done_bytes, crc64 FROM segments WHERE job_id = ? ORDER BY start_offset',
    )
    this.deleteSegmentsStatement = database.prepare('DELETE FROM segments WHERE job_id = ?')
    this.insertSegmentStatement = database.prepare(
      'INSERT INTO segments (job_id, start_offset, end_offset, done_bytes, crc64) VALUES (?, ?, ?, ?, ?)',
    )
    this.renewOwnershipStatement = database.prepare(
      `UPDATE jobs SET owner_until = ? WHERE owner = ?
         AND state IN ('probing', 'downloading', 'refreshing', 'verifying')`,
    )
    this.versionsAmongStatement = database.prepare(
      'SELECT id, updated_at AS updatedAt FROM jobs WHERE id IN (SELECT value FROM json_each(?))',
    )
    this.queueOrderStatement = database.prepare(
      'SELECT id, position FROM jobs ORDER BY priority DESC, position ASC, id ASC',
    )
    this.heldNamesStatement = database.prepare(
      "SELECT id, directory, file_name AS fileName, state FROM jobs WHERE file_name IS NOT NULL AND state NOT IN ('completed', 'canceled')",
    )
    this.queuedRecordsStatement = database.prepare(
      "SELECT * FROM jobs WHERE state = 'queued' ORDER BY priority DESC, position ASC, id ASC LIMIT ?",
    )
    this.queuedAmongStatement = database.prepare(
      "SELECT * FROM jobs WHERE state = 'queued' AND id IN (SELECT value FROM json_each(?)) ORDER BY priority DESC, position ASC, id ASC LIMIT ?",
    )
    this.maxPositionStatement = database.prepare('SELECT MAX(position) AS position FROM jobs')
    this.insertBatchStatement = database.prepare(
      'INSERT INTO batches (label, created_at) VALUES (?, ?)',
    )
  }

  insert(job: NewJobRecord): JobRecord {
    // Reading the last position and inserting after it is one write, or two processes adding at
    // once would share a position.
    return this.require(this.transaction(() => this.insertRow(job, this.lastPosition() + 1)))
  }

  /** Inserts many jobs in one transaction (thousands of small files must not mean thousands of commits). */
  insertMany(jobs: readonly NewJobRecord[]): JobRecord[] {
    const ids = this.database
      .transaction(() => {
        // The last position is read once for the whole batch: no index leads with it, so each
        // read visits every row, and once per new job it made adding 2,000 files to a data
        // folder that keeps 64,000 finished jobs take 4 s more.
        let position = this.lastPosition()
        return jobs.map((job) => this.insertRow(job, (position += 1)))
      })
      .immediate()
    const inserted = new Map(this.getMany(ids).map((record) => [record.id, record]))
    return ids.map((id) => {
      const record = inserted.get(id)
      if (!record) throw new Error(`job ${id} does not exist`)
      return record
    })
  }

  /** The highest queue position so far; the caller holds the write transaction. */
  private lastPosition(): number {
    return this.maxPositionStatement.get()?.position ?? 0
  }

  /** One row at `position`; the caller holds the write transaction. */
  private insertRow(job: NewJobRecord, position: number): number {
    const result = this.insertStatement.run({
      ...job,
      source: JSON.stringify(job.source),
      position,
    })
    return Number(result.lastInsertRowid)
  }

  createBatch(label: string, createdAt: number): number {
    return Number(this.insertBatchStatement.run(label, createdAt).lastInsertRowid)
  }

  get(id: number): JobRecord | undefined {
    const row = this.getStatement.get(id)
    return row ? toRecord(row) : undefined
  }

  /**
   * The rows of `ids` that exist, in one statement (one read transaction, not one per id: a
   * command starting 5,000 downloads looks each up before and after).
   */
  getMany(ids: readonly number[]): JobRecord[] {
    return this.getManyStatement.all(JSON.stringify(ids)).map(toRecord)
  }

  require(id: number): JobRecord {
    const record = this.get(id)
    if (!record) throw new Error(`job ${id} does not exist`)
    return record
  }

  list(): JobRecord[] {
    return this.listStatement.all().map(toRecord)
  }

  /**
   * Ids of the jobs in the given states, in queue order. Cheap enough to call on every
   * scheduling pass even with thousands of jobs (no row is decoded).
   */
  idsInStates(states: readonly JobState[], limit = -1, offset = 0): number[] {
    const key = states.join(',')
    let statement = this.idsInStatesStatements.get(key)
    if (!statement) {
      const placeholders = states.map(() => '?').join(', ')
      statement = this.database.prepare(
        `SELECT id FROM jobs WHERE state IN (${placeholders}) ORDER BY priority DESC, position ASC, id ASC LIMIT ? OFFSET ?`,
      )
      this.idsInStatesStatements.set(key, statement)
    }
    return statement.all(...states, limit, offset).map((row) => row.id)
  }

  /**
   * The first `limit` queued jobs, whole, in queue order (only those of `among`, when given: a
   * command runs only its own jobs, which may wait behind thousands of others): the scheduler
   * reads the head of the queue once and starts jobs from it, instead of reading ids and then
   * each row.
   */
  queuedRecords(limit: number, among?: readonly number[]): JobRecord[] {
    if (among === undefined) return this.queuedRecordsStatement.all(limit).map(toRecord)
    return this.queuedAmongStatement.all(JSON.stringify(among), limit).map(toRecord)
  }

  /**
   * The id and last change time of each job of `ids`, without decoding rows: a command watching
   * its jobs while other processes run some of them compares these once a second and reads only
   * the rows that changed. Only its own jobs: a data folder keeps every finished job, and
   * reading all of them each second cost a command 100 ms a second with 64,000 of them.
   */
  versionsAmong(ids: readonly number[]): Array<{ id: number; updatedAt: number }> {
    return this.versionsAmongStatement.all(JSON.stringify(ids))
  }

  /**
   * Every job's id and position in queue order, without decoding rows: moving a job reads the
   * whole order, and a data folder can keep 150,000 finished jobs.
   */
  queueOrder(): Array<{ id: number; position: number }> {
    return this.queueOrderStatement.all()
  }

  /**
   * The names that unfinished jobs hold or will publish under (completed and canceled jobs hold
   * none), without decoding whole rows.
   */
  heldNames(): Array<Pick<JobRecord, 'id' | 'directory' | 'fileName' | 'state'>> {
    return this.heldNamesStatement.all()
  }

  /** Extends the claim of every job `owner` holds while it works on them. */
  renewOwnership(owner: string, until: number): void {
    this.renewOwnershipStatement.run(until, owner)
  }

  /** The whole rows of the jobs in the given states (few: used for the held and retrying ones). */
  recordsInStates(states: readonly JobState[]): JobRecord[] {
    const key = `rows:${states.join(',')}`
    let statement = this.recordsInStatesStatements.get(key)
    if (!statement) {
      const placeholders = states.map(() => '?').join(', ')
      statement = this.database.prepare(`SELECT * FROM jobs WHERE state IN (${placeholders})`)
      this.recordsInStatesStatements.set(key, statement)
    }
    return statement.all(...states).map(toRecord)
  }

  listBatch(batchId: number): JobRecord[] {
    return this.listByBatchStatement.all(batchId).map(toRecord)
  }

  update(id: number, patch: JobPatch): void {
    const keys = (Object.keys(patch) as (keyof JobPatch)[]).filter((key) => key in columns).sort()
    if (keys.length === 0) return
    const signature = keys.join(',')
    let statement = this.updateStatements.get(signature)
    if (!statement) {
      const assignments = keys.map((key) => `${columns[key]} = ?`).join(', ')
      statement = this.database.prepare(`UPDATE jobs SET ${assignments} WHERE id = ?`)
      this.updateStatements.set(signature, statement)
    }
    statement.run(...keys.map((key) => toColumnValue(key, patch[key])), id)
  }

  /** Updates several jobs in one transaction. */
  updateMany(patches: ReadonlyArray<{ id: number; patch: JobPatch }>): void {
    this.database
      .transaction(() => {
        for (const { id, patch } of patches) this.update(id, patch)
      })
      .immediate()
  }

  delete(id: number): void {
    this.deleteStatement.run(id)
  }

  segments(id: number): SegmentRecord[] {
    return this.segmentsStatement.all(id).map((row) => ({
      start: row.start_offset,
      end: row.end_offset,
      done: row.done_bytes,
      crc64: row.crc64,
    }))
  }

  /**
   * Records a checkpoint: the segments (as they were when the data was flushed) and the job
   * fields that go with them, atomically. Called a few times a second per job at most.
   */
  saveProgress(id: number, segments: readonly SegmentRecord[], patch: JobPatch): void {
    this.database
      .transaction(() => {
        this.deleteSegmentsStatement.run(id)
        for (const segment of segments) {
          this.insertSegmentStatement.run(
            id,
            segment.start,
            segment.end,
            segment.done,
            segment.crc64,
          )
        }
        this.update(id, patch)
      })
      .immediate()
  }

  /** Checkpoints for several jobs in one transaction (many small files finishing together). */
  saveProgressMany(
    checkpoints: ReadonlyArray<{ id: number; segments: readonly SegmentRecord[]; patch: JobPatch }>,
  ): void {
    this.database
      .transaction(() => {
        for (const checkpoint of checkpoints) {
          this.saveProgress(checkpoint.id, checkpoint.segments, checkpoint.patch)
        }
      })
      .immediate()
  }

  /**
   * Runs `work` in one synchronous transaction that holds the write lock from its first
   * statement (BEGIN IMMEDIATE). The app and `vod-dl` commands share this file: a deferred
   * transaction that reads and then writes fails at once with SQLITE_BUSY_SNAPSHOT when another
   * process commits in between, and the busy timeout does not help it; an immediate one waits.
   * Every transaction in this folder is immediate for the same reason.
   */
  transaction<T>(work: () => T): T {
    return this.database.transaction(work).immediate()
  }
}
