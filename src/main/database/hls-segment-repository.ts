import type Database from 'better-sqlite3'

/** What an HLS job produces: one remuxed `.mp4`, a folder with a local playlist, or whichever fits. */
export type HlsOutput = 'auto' | 'mp4' | 'folder'

/** One media segment of an HLS job, identified by its media sequence number. */
export interface HlsSegmentRecord {
  sequence: number
  /** Place in the playlist, from 0. */
  position: number
  /** Bytes on the wire, once a response or the finished download told us. */
  size: number | null
  /** Bytes of `<sequence>.ts.part` known to be flushed to disk. */
  received: number
  /** Committed: `<sequence>.ts` exists (decrypted when the stream is encrypted). */
  done: boolean
}

export interface HlsStreamRecord {
  output: HlsOutput
  /** Segments the playlist listed when the job started; null before the playlist was read. */
  segmentCount: number | null
}

interface SegmentRow {
  sequence: number
  position: number
  size: number | null
  received: number
  done: number
}

interface StreamRow {
  output: string
  segment_count: number | null
}

function toOutput(value: string): HlsOutput {
  return value === 'mp4' || value === 'folder' ? value : 'auto'
}

/**
 * The only place HLS progress is read or written. Statements are prepared once; the writes that
 * belong together (a checkpoint of several segments) run in one short transaction.
 */
export class HlsSegmentRepository {
  private readonly database: Database.Database
  private readonly streamStatement: Database.Statement<[number], StreamRow>
  private readonly insertStreamStatement: Database.Statement<[number, string]>
  private readonly countStatement: Database.Statement<[number | null, number]>
  private readonly segmentsStatement: Database.Statement<[number], SegmentRow>
  private readonly deleteSegmentsStatement: Database.Statement<[number]>
  private readonly insertSegmentStatement: Database.Statement<
    [number, number, number, number | null, number, number]
  >
  private readonly receivedStatement: Database.Statement<[number, number, number]>
  private readonly doneStatement: Database.Statement<[number, number, number, number]>
  private readonly pendingStatement: Database.Statement<[number, number]>

  constructor(database: Database.Database) {
    this.database = database
    this.streamStatement = database.prepare(
      'SELECT output, segment_count FROM hls_streams WHERE job_id = ?',
    )
    this.insertStreamStatement = database.prepare(
      'INSERT INTO hls_streams (job_id, output) VALUES (?, ?) ON CONFLICT(job_id) DO NOTHING',
    )
    this.countStatement = database.prepare(
      'UPDATE hls_streams SET segment_count = ? WHERE job_id = ?',
    )
    this.segmentsStatement = database.prepare(
      'SELECT sequence, position, size, received, done FROM hls_segments WHERE job_id = ? ORDER BY position',
    )
    this.deleteSegmentsStatement = database.prepare('DELETE FROM hls_segments WHERE job_id = ?')
    this.insertSegmentStatement = database.prepare(
      'INSERT INTO hls_segments (job_id, sequence, position, size, received, done) VALUES (?, ?, ?, ?, ?, ?)',
    )
    // A checkpoint taken while a segment was finishing must not undo its commit.
    this.receivedStatement = database.prepare(
      'UPDATE hls_segments SET received = ? WHERE job_id = ? AND sequence = ? AND done = 0',
    )
    this.doneStatement = database.prepare(
      'UPDATE hls_segments SET done = 1, size = ?, received = ? WHERE job_id = ? AND sequence = ?',
    )
    this.pendingStatement = database.prepare(
      'UPDATE hls_segments SET done = 0, received = 0 WHERE job_id = ? AND sequence = ?',
    )
  }

  /** The job's stream row, or undefined before its first attempt. */
  stream(jobId: number): HlsStreamRecord | undefined {
    const row = this.streamStatement.get(jobId)
    return row ? { output: toOutput(row.output), segmentCount: row.segment_count } : undefined
  }

  /** Records the output a job was asked for; an existing choice is kept. */
  chooseOutput(jobId: number, output: HlsOutput): HlsStreamRecord {
    this.insertStreamStatement.run(jobId, output)
    return this.stream(jobId) as HlsStreamRecord
  }

  segments(jobId: number): HlsSegmentRecord[] {
    return this.segmentsStatement.all(jobId).map((row) => ({
      sequence: row.sequence,
      position: row.position,
      size: row.size,
      received: row.received,
      done: row.done === 1,
    }))
  }

  /** Replaces the job's segment plan (a first start, or a start over) in one transaction. */
  replaceSegments(jobId: number, segments: readonly HlsSegmentRecord[]): void {
    this.database
      .transaction(() => {
        this.deleteSegmentsStatement.run(jobId)
        for (const segment of segments) {
          this.insertSegmentStatement.run(
            jobId,
            segment.sequence,
            segment.position,
            segment.size,
            segment.received,
            segment.done ? 1 : 0,
          )
        }
        this.countStatement.run(segments.length, jobId)
      })
      .immediate()
  }

  /** Flushed byte counts of unfinished segments; `also` runs in the same transaction. */
  saveReceived(
    jobId: number,
    entries: ReadonlyArray<{ sequence: number; received: number }>,
    also?: () => void,
  ): void {
    this.database
      .transaction(() => {
        for (const entry of entries)
          this.receivedStatement.run(entry.received, jobId, entry.sequence)
        also?.()
      })
      .immediate()
  }

  /** A segment's file was committed by its rename. */
  markDone(jobId: number, sequence: number, size: number): void {
    this.doneStatement.run(size, size, jobId, sequence)
  }

  /** A committed segment whose file is gone: it is downloaded again. */
  markPending(jobId: number, sequence: number): void {
    this.pendingStatement.run(jobId, sequence)
  }

  /** Forgets a job's segments (it starts over); its output choice is kept. */
  clearSegments(jobId: number): void {
    this.database
      .transaction(() => {
        this.deleteSegmentsStatement.run(jobId)
        this.countStatement.run(null, jobId)
      })
      .immediate()
  }
}
