import { lstat } from 'node:fs'
import { AppError } from '../../shared/errors'
import { fileNameFromContentDisposition } from './content-disposition'
import {
  fileNameFromUrl,
  numberedFileName,
  resolveInside,
  sanitizeFileName,
  sanitizeRelativePath,
} from './file-name'

export const partSuffix = '.part'

/**
 * Endings of the files and folders downloads use while they run (`.part` files, HLS `.parts`
 * folders and their `.decrypting` segments). A final name never ends in one: it could be taken
 * for, or collide with, another download's unfinished data.
 */
const temporarySuffixes = ['.part', '.parts', '.decrypting']

/** `notes.part` → `notes-part`: the last dot of a temporary ending becomes a hyphen. */
export function avoidTemporarySuffix(name: string): string {
  const lower = name.toLowerCase()
  for (const suffix of temporarySuffixes) {
    if (lower.endsWith(suffix) && lower.length > suffix.length) {
      const at = name.length - suffix.length
      return `${name.slice(0, at)}-${name.slice(at + 1)}`
    }
  }
  return name
}

/**
 * The name a download gets, in order of authority: what the caller asked for (a template may
 * add sub-folders), the server's Content-Disposition, the source's suggestion, the URL path.
 */
export function desiredFileName(options: {
  requested: string | null
  contentDisposition: string | undefined
  suggested: string | undefined
  url: string
}): string {
  return avoidTemporarySuffix(chosenFileName(options))
}

function chosenFileName(options: Parameters<typeof desiredFileName>[0]): string {
  if (options.requested) return sanitizeRelativePath(options.requested)
  const fromHeader = fileNameFromContentDisposition(options.contentDisposition)
  if (fromHeader) return fromHeader
  if (options.suggested) return sanitizeFileName(options.suggested)
  return fileNameFromUrl(options.url) ?? 'download'
}

/**
 * Whether a name exists, asked on the thread pool: while other files are being created in the
 * same folder, looking a name up waits for the folder's lock, which on the main thread stalled
 * every download of a batch of small files.
 */
function exists(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    // Like existsSync, any error counts as "absent": claiming the name then reports the real one.
    lstat(path, (error) => resolve(error === null))
  })
}

/**
 * Picks and claims `name`, or `name (1)`, `name (2)`… so that the final file does not exist and
 * the claim succeeds: an existing file is never overwritten, and a part file left without a job
 * is never reused. For files, claiming creates the part file exclusively, so two jobs probing at
 * once — in one process or in two — can never pick the same name.
 */
export async function uniqueFileName(
  directory: string,
  desired: string,
  claim: (relativeName: string) => Promise<boolean>,
  /**
   * Skip names whose final file exists. A small file may leave that to publishing, a moment
   * later, which numbers the name the same way when the final file exists (`publishPartFile`).
   */
  skipExisting = true,
): Promise<string> {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const candidate = attempt === 0 ? desired : numberedFileName(desired, attempt)
    if (skipExisting && (await exists(resolveInside(directory, candidate)))) continue
    if (await claim(candidate)) return candidate
  }
  throw new AppError('Internal', `no free file name for ${desired}`)
}
