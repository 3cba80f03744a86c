import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync } from 'node:fs'
import { mkdir, open, rename, rm, stat, utimes } from 'node:fs/promises'
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

export interface ExportSummary {
  /** Files that reached their target, with where they went (a move changes a job's file path). */
  transferred: { jobId: number; mode: TransferMode; source: string; target: string }[]
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
  /** Whether something exists at a path now (re-checked right before each commit). */
  exists?: (absolutePath: string) => boolean
}

/**
 * Runs a ready export plan. Copies stream into a hidden temporary file next to the target, are
 * flushed to disk, keep the source's modification time, and are renamed into place, so an
 * interrupted export never leaves a truncated file under the final name. Moves are a rename
 * when source and target share a volume, and a copy followed by deleting the source when they do
 * not (EXDEV). One failed file does not stop the others.
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
    try {
      const target = resolveLateConflict(operation, exists)
      if (target === null) {
        summary.skipped.push({
          jobId: operation.jobId,
          source: operation.source,
          target: operation.target,
          reason: 'exists',
        })
        continue
      }
      await mkdir(path.dirname(target), { recursive: true })
      report(target)
      await transfer(
        operation,
        target,
        (bytes) => {
          summary.bytesWritten += bytes
          report(target)
        },
        options.signal,
      )
      summary.transferred.push({
        jobId: operation.jobId,
        mode: operation.mode,
        source: operation.source,
        target,
      })
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
  }
  return summary
}

/**
 * The plan was made a moment ago; if a file appeared at the target since, apply the export's
 * conflict policy again. Returns the target to use, or `null` to skip.
 */
function resolveLateConflict(
  operation: Extract<ExportOperation, { kind: 'transfer' }>,
  exists: (absolutePath: string) => boolean,
): string | null {
  if (operation.replace || !exists(operation.target)) return operation.target
  switch (operation.onConflict) {
    case 'skip':
      return null
    case 'overwrite':
      return operation.target
    case 'rename':
      return firstFreeName(operation.target, exists)
  }
}

async function transfer(
  operation: Extract<ExportOperation, { kind: 'transfer' }>,
  target: string,
  onBytes: (bytes: number) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (operation.mode === 'move') {
    try {
      await rename(operation.source, target)
      const { size } = await stat(target)
      onBytes(size)
      return
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    }
    await copyThroughTemporary(operation.source, target, onBytes, signal)
    await rm(operation.source)
    return
  }
  await copyThroughTemporary(operation.source, target, onBytes, signal)
}

async function copyThroughTemporary(
  source: string,
  target: string,
  onBytes: (bytes: number) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
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
    // Flush before the rename: a power cut after it must not leave a named file full of zeroes.
    const handle = await open(temporary, 'r+')
    try {
      await handle.datasync()
    } finally {
      await handle.close()
    }
    const { atime, mtime } = await stat(source)
    await utimes(temporary, atime, mtime)
    await rename(temporary, target)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
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
