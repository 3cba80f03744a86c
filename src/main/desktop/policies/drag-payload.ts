import path from 'node:path'
import type { JobSnapshot } from '../../../shared/jobs'

/** The icon shown under the pointer: one file or a stack. */
export type DragIcon = 'drag-file' | 'drag-files'

/** Arguments for `webContents.startDrag`, before the icon name is turned into an image. */
export interface DragPayload {
  /** The first file; Electron requires `file` even when `files` is given. */
  file: string
  files: string[]
  icon: DragIcon
  /**
   * Set when several files are dragged on Windows, where a drop has been seen to copy only the
   * first (electron/electron#9019, still open); the renderer can suggest "Export to folder…".
   */
  windowsMultipleFileCaveat: boolean
}

/** The absolute path of a job's finished file (`fileName` may contain template sub-folders). */
export function jobFilePath(
  job: Pick<JobSnapshot, 'directory' | 'fileName'>,
  pathApi: path.PlatformPath = path,
): string {
  return pathApi.resolve(job.directory, job.fileName)
}

/**
 * Builds a drag-out payload from the selected jobs. Only completed jobs whose final file exists
 * are included: the OS can only drag files that are on disk (electron/electron#11691), and a job
 * still writing its `.part` file has nothing final to offer. Returns `null` when nothing can be
 * dragged, so the adapter never calls `startDrag` with an empty list (or an empty icon, which
 * crashed macOS: electron/electron#8511).
 */
export function buildDragPayload(
  jobs: readonly Pick<JobSnapshot, 'state' | 'directory' | 'fileName'>[],
  exists: (filePath: string) => boolean,
  platform: NodeJS.Platform,
  pathApi: path.PlatformPath = path,
): DragPayload | null {
  const files: string[] = []
  const seen = new Set<string>()
  for (const job of jobs) {
    if (job.state !== 'completed') continue
    const filePath = jobFilePath(job, pathApi)
    const key = platform === 'linux' ? filePath : filePath.toLowerCase()
    if (seen.has(key) || !exists(filePath)) continue
    seen.add(key)
    files.push(filePath)
  }
  const [first] = files
  if (first === undefined) return null
  return {
    file: first,
    files,
    icon: files.length > 1 ? 'drag-files' : 'drag-file',
    windowsMultipleFileCaveat: platform === 'win32' && files.length > 1,
  }
}
