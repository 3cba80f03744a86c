import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync } from 'node:fs'
import { link, lstat, mkdir, open, rename, rm, rmdir, stat, unlink, utimes } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { ErrorCode, ErrorData } from '../../../shared/errors'
import { toErrorData } from '../../../shared/errors'
import type { ExportOperation, ExportPlan, SkipReason, TransferMode } from '../policies/export-plan'
import { firstFreeName } from '../policies/export-plan'

export interface ExportProgress {
  /** Index of the operation running now. */
  operationIndex: number
  operationCount: number
  bytesDone: number
  /** Sum of the known sizes; may be below `bytesDone` when some sizes were unknown. */
  totalBytes: number
  currentTarget: string
}

/** A file that reached its target, with where it went (a move changes a job's file path). */
export interface ExportTransfer {
  jobId: number
  mode: TransferMode
  source: string
  target: string
}

export interface ExportSummary {
  transferred: ExportTransfer[]
  skipped: { jobId: number; source: string; target: string | null; reason: SkipReason }[]
  failed: { jobId: number; source: string; target: string; error: ErrorData }[]
  bytesWritten: number
  /** The signal aborted the export; operations after the current one did not run. */
  canceled: boolean
}

export interface ExportExecutionOptions {
  signal?: AbortSignal
  /** Called for every chunk written; throttle in the caller if it crosses IPC. */
  onProgress?: (progress: ExportProgress) => void
  /**
   * Called as soon as a file reached its target, before the next one starts, so a move is
   * recorded on its job at once and an interrupted export leaves no job naming a moved file's
   * old place. Awaited; an error it throws ends the export (the file stays where it went).
   */
  onTransferred?: (transfer: ExportTransfer) => void | Promise<void>
  /**
   * Whether something exists at a path, to pick the next free name after a conflict. Only a
   * guess: each name is taken by an operation that fails when something is there.
   */
  exists?: (absolutePath: string) => boolean
}

/**
 * Runs a ready export plan. Copies stream into a hidden temporary file next to the target, are
 * flushed to disk, keep the source's modification time, and then take their name, so an
 * interrupted export never leaves a truncated file under the final name. Moves take the new name
 * directly when source and target share a volume, and go through such a copy, then delete the
 * source, when they do not (EXDEV). No file is ever replaced except one the user chose to replace
 * when asked: names are taken exclusively (hard link, exclusive create), never after a separate
 * "does it exist" check, and a name taken in the meantime is skipped or numbered as the policy
 * says. One failed file does not stop the others.
 */
export async function executeExportPlan(
  plan: Extract<ExportPlan, { kind: 'ready' }>,
  options: ExportExecutionOptions = {},
): Promise<ExportSummary> {
  const exists = options.exists ?? existsSync
  const summary: ExportSummary = {
    transferred: [],
    skipped: [],
    failed: [],
    bytesWritten: 0,
    canceled: false,
  }
  const operationCount = plan.operations.length
  for (const [operationIndex, operation] of plan.operations.entries()) {
    if (options.signal?.aborted) {
      summary.canceled = true
      break
    }
    if (operation.kind === 'skip') {
      summary.skipped.push({
        jobId: operation.jobId,
        source: operation.source,
        target: operation.target,
        reason: operation.reason,
      })
      continue
    }
    const report = (target: string): void =>
      options.onProgress?.({
        operationIndex,
        operationCount,
        bytesDone: summary.bytesWritten,
        totalBytes: plan.totalBytes,
        currentTarget: target,
      })
    let done: ExportTransfer | null = null
    try {
      await mkdir(path.dirname(operation.target), { recursive: true })
      report(operation.target)
      const target = await transfer(
        operation,
        exists,
        (bytes) => {
          summary.bytesWritten += bytes
          report(operation.target)
        },
        options.signal,
      )
      if (target === null) {
        summary.skipped.push({
          jobId: operation.jobId,
          source: operation.source,
          target: operation.target,
          reason: 'exists',
        })
        continue
      }
      done = { jobId: operation.jobId, mode: operation.mode, source: operation.source, target }
      summary.transferred.push(done)
    } catch (error) {
      if (options.signal?.aborted) {
        summary.canceled = true
        break
      }
      summary.failed.push({
        jobId: operation.jobId,
        source: operation.source,
        target: operation.target,
        error: fileErrorData(error, operation.source),
      })
    }
    if (done) await options.onTransferred?.(done)
  }
  return summary
}

type TransferOperation = Extract<ExportOperation, { kind: 'transfer' }>

/**
 * Copies or moves one file (or, for a move, a folder such as an HLS output) and answers where it
 * went, or `null` when it was skipped because its name was taken. Only a target the user chose to
 * replace (`replace`) is ever replaced; every other name is taken by an operation that fails when
 * something is there, and the conflict policy then picks the next name or skips.
 */
async function transfer(
  operation: TransferOperation,
  exists: (absolutePath: string) => boolean,
  onBytes: (bytes: number) => void,
  signal: AbortSignal | undefined,
): Promise<string | null> {
  const { source } = operation
  if (operation.mode === 'copy') {
    const temporary = await copyToTemporary(source, operation.target, onBytes, signal)
    try {
      return await placeWithPolicy(operation, exists, {
        put: (name) => place(temporary, name),
        replace: (name) => rename(temporary, name),
      })
    } finally {
      await rm(temporary, { force: true })
    }
  }
  const info = await lstat(source)
  if (info.isDirectory()) {
    const target = await placeWithPolicy(operation, exists, {
      put: (name) => placeFolder(source, name),
      replace: (name) => rename(source, name),
    })
    if (target !== null) onBytes(operation.bytes ?? 0)
    return target
  }
  try {
    const target = await placeWithPolicy(operation, exists, {
      put: (name) => place(source, name),
      replace: (name) => rename(source, name),
    })
    if (target !== null) onBytes(info.size)
    return target
  } catch (error) {
    if (errnoOf(error) !== 'EXDEV') throw error
  }
  // Another volume: copy (flushed), give the copy its name, and only then remove the source.
  const temporary = await copyToTemporary(source, operation.target, onBytes, signal)
  let target: string | null
  try {
    target = await placeWithPolicy(operation, exists, {
      put: (name) => place(temporary, name),
      replace: (name) => rename(temporary, name),
    })
  } finally {
    await rm(temporary, { force: true })
  }
  if (target === null) return null
  try {
    await unlink(source)
  } catch (error) {
    // A move that cannot remove its source did not happen: take the copy back.
    await unlink(target).catch(() => undefined)
    throw error
  }
  return target
}

/**
 * Puts a file at the operation's target with `put`, which fails with `EEXIST` instead of replacing
 * anything; a taken name is then skipped or numbered (`a (1).mp4`) as the policy says. Only a
 * target the user chose to replace when asked goes through `replace`: one rename over it, so the
 * name holds a whole file before and after.
 */
async function placeWithPolicy(
  operation: TransferOperation,
  exists: (absolutePath: string) => boolean,
  how: { put: (target: string) => Promise<void>; replace: (target: string) => Promise<void> },
): Promise<string | null> {
  if (operation.replace) {
    await how.replace(operation.target)
    return operation.target
  }
  const tried = new Set<string>()
  let target = operation.target
  for (;;) {
    try {
      await how.put(target)
      return target
    } catch (error) {
      if (errnoOf(error) !== 'EEXIST') throw error
    }
    if (operation.onConflict === 'skip') return null
    tried.add(target)
    target = firstFreeName(operation.target, (name) => tried.has(name) || exists(name))
  }
}

/**
 * Streams a file into a hidden temporary file next to the target (created exclusively), flushes
 * it and gives it the source's times. The caller names it, or removes it.
 */
async function copyToTemporary(
  source: string,
  target: string,
  onBytes: (bytes: number) => void,
  signal: AbortSignal | undefined,
): Promise<string> {
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(4).toString('hex')}.part`,
  )
  try {
    await pipeline(
      createReadStream(source, { highWaterMark: 1024 * 1024 }),
      async function* count(chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          onBytes(chunk.length)
          yield chunk
        }
      },
      createWriteStream(temporary, { flags: 'wx' }),
      signal ? { signal } : {},
    )
    // Flush before naming it: a power cut after that must not leave a named file full of zeroes.
    const handle = await open(temporary, 'r+')
    try {
      await handle.datasync()
    } finally {
      await handle.close()
    }
    const { atime, mtime } = await stat(source)
    await utimes(temporary, atime, mtime)
    return temporary
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/**
 * Gives the file `from` the name `to` on the same volume, failing with `EEXIST` when something
 * is there (never replacing it) and with `EXDEV` when `to` is on another volume. A hard link takes
 * the name atomically, then the old name goes. Where a volume has no hard links (FAT, exFAT, some
 * network shares) the name is reserved by creating it exclusively, and the file renamed over its
 * own reservation.
 */
async function place(from: string, to: string): Promise<void> {
  let linked = false
  try {
    await link(from, to)
    linked = true
  } catch (error) {
    const code = errnoOf(error)
    if (code === 'EEXIST' || code === 'EXDEV' || code === 'ENOENT') throw error
  }
  if (linked) {
    try {
      await unlink(from)
    } catch (error) {
      // Both names are the same file: dropping the new one loses nothing.
      await unlink(to).catch(() => undefined)
      throw error
    }
    return
  }
  await (await open(to, 'wx')).close()
  try {
    await rename(from, to)
  } catch (error) {
    await unlink(to).catch(() => undefined)
    throw error
  }
}

/**
 * Moves a folder (an HLS output) to `to` on the same volume without replacing anything: the name
 * is reserved by creating the folder, and the folder renamed over its own empty reservation.
 * Windows never renames a folder over an existing name, so there the rename alone is exclusive.
 */
async function placeFolder(from: string, to: string): Promise<void> {
  if (process.platform === 'win32') {
    try {
      await rename(from, to)
    } catch (error) {
      if (existsSync(to)) throw Object.assign(new Error(`${to} exists`), { code: 'EEXIST' })
      throw error
    }
    return
  }
  await mkdir(to)
  try {
    await rename(from, to)
  } catch (error) {
    await rmdir(to).catch(() => undefined)
    throw error
  }
}

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code
}

const errnoCodes: Record<string, ErrorCode> = {
  ENOSPC: 'DiskFull',
  EDQUOT: 'DiskFull',
  EACCES: 'FilePermission',
  EPERM: 'FilePermission',
  EROFS: 'FilePermission',
  EBUSY: 'FilePermission',
  ENOENT: 'FileMissing',
}

/** Maps a file-system error to the closed error set, naming the file but never more. */
export function fileErrorData(error: unknown, filePath: string): ErrorData {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const mapped = code ? errnoCodes[code] : undefined
  if (mapped) return toErrorData(mapped, filePath)
  return toErrorData('Internal', error instanceof Error ? error.message : String(error))
}
