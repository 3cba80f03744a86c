import { existsSync } from 'node:fs'
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
 * The name a download gets, in order of authority: what the caller asked for (a template may
 * add sub-folders), the server's Content-Disposition, the source's suggestion, the URL path.
 */
export function desiredFileName(options: {
  requested: string | null
  contentDisposition: string | undefined
  suggested: string | undefined
  url: string
}): string {
  if (options.requested) return sanitizeRelativePath(options.requested)
  const fromHeader = fileNameFromContentDisposition(options.contentDisposition)
  if (fromHeader) return fromHeader
  if (options.suggested) return sanitizeFileName(options.suggested)
  return fileNameFromUrl(options.url) ?? 'download'
}

/**
 * Picks and claims `name`, or `name (1)`, `name (2)`… so that neither the final file nor its part
 * file exists and no other job holds it: an existing file is never overwritten, and a part file
 * left without a job is never reused.
 */
export function uniqueFileName(
  directory: string,
  desired: string,
  claim: (relativeName: string) => boolean,
): string {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const candidate = attempt === 0 ? desired : numberedFileName(desired, attempt)
    const finalPath = resolveInside(directory, candidate)
    if (existsSync(finalPath) || existsSync(finalPath + partSuffix)) continue
    // Claiming is synchronous, so two jobs probing at once can never pick the same name.
    if (claim(candidate)) return candidate
  }
  throw new AppError('Internal', `no free file name for ${desired}`)
}
