import { join } from 'node:path'

/** The diagnostic logs live in `<data folder>/logs`, shared by every process on that folder. */
export function logFolderOf(dataFolder: string): string {
  return join(dataFolder, 'logs')
}

/** Files are `vod-downloader.<n>.log`; the highest number is the one being written. */
export const logFileBase = 'vod-downloader'
export const logFileExtension = '.log'

/** A log file is closed at this size and a new one started… */
export const logFileMaxBytes = 5 * 1024 * 1024
/** …and this many closed files are kept beside it (at most about 25 MiB in all). */
export const logFilesKept = 4

/** True for a file name of the diagnostic log. */
export function isLogFileName(name: string): boolean {
  return new RegExp(`^${logFileBase}\\.\\d+\\${logFileExtension}$`).test(name)
}
