import { createHash } from 'node:crypto'
import {
  closeSync,
  createReadStream,
  linkSync,
  lstatSync,
  openSync,
  promises as fs,
  renameSync,
  unlinkSync,
} from 'node:fs'
import { AppError } from '../../shared/errors'
import type { JobRecord, SegmentRecord } from '../database/job-repository'
import { Crc64, combineCrc64, formatCrc64, parseCrc64 } from '../../shared/crc64'
import { numberedFileName, resolveInside } from './file-name'
import { exclusiveCreate, toFileError } from './part-file'

/** MD5 given as hex (VOD FileMD5) or base64 (Content-MD5), as lowercase hex; undefined if neither. */
export function normalizeMd5(value: string | null): string | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^[0-9a-f]{32}$/i.test(trimmed)) return trimmed.toLowerCase()
  if (/^[A-Za-z0-9+/]{22}==$/.test(trimmed)) return Buffer.from(trimmed, 'base64').toString('hex')
  return undefined
}

/**
 * The whole file's CRC-64 from the per-segment CRCs (each segment's CRC covers its bytes in order),
 * or undefined when a segment has none.
 */
export function combinedCrc64(segments: readonly SegmentRecord[]): bigint | undefined {
  const sorted = [...segments].sort((first, second) => first.start - second.start)
  let crc = 0n
  for (const segment of sorted) {
    if (segment.crc64 === null) return undefined
    crc = combineCrc64(crc, parseCrc64(segment.crc64), segment.end - segment.start)
  }
  return crc
}

function hashBuffer(
  contents: Buffer,
  withMd5: boolean,
  withCrc: boolean,
): { md5?: string; crc?: bigint } {
  return {
    md5: withMd5 ? createHash('md5').update(contents).digest('hex') : undefined,
    crc: withCrc ? new Crc64().update(contents).digest() : undefined,
  }
}

async function hashFile(
  path: string,
  withMd5: boolean,
  withCrc: boolean,
): Promise<{ md5?: string; crc?: bigint }> {
  const md5 = withMd5 ? createHash('md5') : undefined
  const crc = withCrc ? new Crc64() : undefined
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    const buffer = chunk as Buffer
    md5?.update(buffer)
    crc?.update(buffer)
  }
  return { md5: md5?.digest('hex'), crc: crc?.digest() }
}

/**
 * Checks a finished part file against everything known about the object: its size, then the
 * CRC-64 (source- or server-given; combined from segments when possible) and the MD5.
 * Returns a short description of what was verified, for the log.
 */
export async function verifyPartFile(
  job: JobRecord,
  segments: readonly SegmentRecord[],
  path: string,
  contents?: Buffer,
): Promise<string> {
  let size: number
  try {
    // A small file was written from memory: checking that memory spares a read of the disk.
    size = contents ? contents.length : (await fs.stat(path)).size
  } catch (error) {
    throw toFileError(error, path)
  }
  const expectedSize = job.totalBytes ?? job.expectedSize
  if (expectedSize !== null && size !== expectedSize) {
    throw new AppError('SizeMismatch', `${size} bytes on disk, ${expectedSize} expected`)
  }
  if (job.expectedSize !== null && size !== job.expectedSize) {
    throw new AppError('SizeMismatch', `${size} bytes on disk, the source says ${job.expectedSize}`)
  }
  const checks = [`size ${size}`]
  const expectedCrc = job.expectedCrc64 ?? job.serverCrc64
  const expectedMd5 = normalizeMd5(job.expectedMd5) ?? normalizeMd5(job.serverMd5)
  let crc = expectedCrc ? combinedCrc64(segments) : undefined
  const needsRead = expectedMd5 !== undefined || (expectedCrc !== null && crc === undefined)
  if (needsRead) {
    const withMd5 = expectedMd5 !== undefined
    const withCrc = expectedCrc !== null && crc === undefined
    const hashed = contents
      ? hashBuffer(contents, withMd5, withCrc)
      : await hashFile(path, withMd5, withCrc)
    crc ??= hashed.crc
    if (expectedMd5 !== undefined) {
      if (hashed.md5 !== expectedMd5) {
        throw new AppError('ChecksumMismatch', `MD5 ${hashed.md5 ?? '?'} ≠ ${expectedMd5}`)
      }
      checks.push('MD5')
    }
  }
  if (expectedCrc !== null && crc !== undefined) {
    if (formatCrc64(crc) !== formatCrc64(parseCrc64(expectedCrc))) {
      throw new AppError('ChecksumMismatch', `CRC-64 ${formatCrc64(crc)} ≠ ${expectedCrc}`)
    }
    checks.push('CRC-64')
  }
  return checks.join(', ')
}

/** The file operations publishing needs; synchronous ones may be passed for small files. */
export interface PublishOperations {
  link(existing: string, target: string): Promise<void> | void
  unlink(path: string): Promise<void> | void
  /** Creates an empty file exclusively: fails with EEXIST when the name is taken. */
  reserve(path: string): Promise<void> | void
  rename(from: string, to: string): Promise<void> | void
  /** Whether two names are one file (a hard link made by an earlier, interrupted publish). */
  sameFile(first: string, second: string): Promise<boolean> | boolean
}

export const asyncPublishOperations: PublishOperations = {
  link: (existing, target) => fs.link(existing, target),
  unlink: (path) => fs.unlink(path),
  reserve: (path) => fs.open(path, exclusiveCreate).then((handle) => handle.close()),
  rename: (from, to) => fs.rename(from, to),
  sameFile: async (first, second) => {
    try {
      const [one, other] = await Promise.all([fs.lstat(first), fs.lstat(second)])
      return one.ino === other.ino && one.dev === other.dev
    } catch {
      return false
    }
  },
}

/**
 * For a small file the two calls cost far less done directly than through the thread pool, and
 * thousands of them in a row are where the time goes.
 */
export const syncPublishOperations: PublishOperations = {
  link: (existing, target) => linkSync(existing, target),
  unlink: (path) => unlinkSync(path),
  reserve: (path) => closeSync(openSync(path, exclusiveCreate)),
  rename: (from, to) => renameSync(from, to),
  sameFile: (first, second) => {
    try {
      const one = lstatSync(first)
      const other = lstatSync(second)
      return one.ino === other.ino && one.dev === other.dev
    } catch {
      return false
    }
  },
}

/**
 * Moves the verified part file to its final name without ever overwriting: a hard link fails
 * when the target exists (then `name (1).ext` is tried), and the part file is removed after.
 * File systems without hard links (FAT, exFAT, some network shares) first reserve the name by
 * creating an empty file exclusively, then rename the part file over that reservation: as
 * race-free as the link, where checking for the name and renaming would let two processes
 * publishing at once overwrite one another.
 */
export async function publishPartFile(
  directory: string,
  fileName: string,
  partPath: string,
  operations: PublishOperations = asyncPublishOperations,
  /**
   * Leave the part file's name linked to the published file: the caller removes it once the
   * job's row says "completed". A process killed in between then finds its part file, and
   * publishing again recognises the link below instead of numbering a second copy.
   */
  keepPartFile = false,
): Promise<string> {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const candidate = attempt === 0 ? fileName : numberedFileName(fileName, attempt)
    // The target's folder exists: the part file sits in it.
    const target = resolveInside(directory, candidate)
    try {
      await operations.link(partPath, target)
      if (!keepPartFile) await operations.unlink(partPath)
      return candidate
    } catch (error) {
      const code = (error as { code?: unknown }).code
      if (code === 'EEXIST') {
        // A process killed between linking and removing the part file left both names on one
        // file: that is this download, published already.
        if (await operations.sameFile(partPath, target)) {
          await operations.unlink(partPath)
          return candidate
        }
        continue
      }
      if (
        code === 'EPERM' ||
        code === 'ENOTSUP' ||
        code === 'EXDEV' ||
        code === 'ENOSYS' ||
        code === 'EMLINK'
      ) {
        try {
          await operations.reserve(target)
        } catch (reserveError) {
          if ((reserveError as { code?: unknown }).code === 'EEXIST') continue
          throw toFileError(reserveError, target)
        }
        try {
          await operations.rename(partPath, target)
          return candidate
        } catch (renameError) {
          await Promise.resolve(operations.unlink(target)).catch(() => undefined)
          throw toFileError(renameError, target)
        }
      }
      throw toFileError(error, target)
    }
  }
  throw new AppError('Internal', `no free name for ${fileName}`)
}
