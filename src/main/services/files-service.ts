import type { DomainHandlers, ExportResult, FileActionResult } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import type { JobSnapshot } from '../../shared/jobs'
import { resolveInside } from '../engine/file-name'
import type { DesktopFileActions } from './desktop-file-actions'

/** The job lookup, and the desktop's file actions when there is a desktop. */
export interface FilesServiceDependencies {
  job: (id: number) => JobSnapshot | undefined
  /** Absent in the headless host. */
  desktop: DesktopFileActions | undefined
}

/**
 * The finished file of a job, as an absolute path inside the job's folder. The second wall
 * after sanitizing: a stored name can never point outside the download folder.
 */
export function jobFilePath(job: JobSnapshot): string {
  if (job.fileName === '') throw new AppError('FileMissing', `job ${job.id} has no file name yet`)
  return resolveInside(job.directory, job.fileName)
}

/**
 * `files.*` and `dialog.*`: the desktop acts on files; without a desktop (the headless host in
 * a browser, possibly on another screen than the files) the path is the answer.
 */
export class FilesService {
  constructor(private readonly dependencies: FilesServiceDependencies) {}

  async reveal(jobId: number): Promise<FileActionResult> {
    const path = jobFilePath(this.require(jobId))
    const { desktop } = this.dependencies
    return { path, handled: desktop ? await desktop.revealFile(path) : false }
  }

  async open(jobId: number): Promise<FileActionResult> {
    const job = this.require(jobId)
    const path = jobFilePath(job)
    const { desktop } = this.dependencies
    if (!desktop) return { path, handled: false }
    if (job.state !== 'completed') throw new AppError('FileMissing', `job ${jobId} is not finished`)
    return { path, handled: await desktop.openFile(path) }
  }

  async startDrag(jobIds: readonly number[]): Promise<void> {
    const { desktop } = this.dependencies
    if (!desktop) throw new AppError('Unsupported', 'dragging files needs the desktop app')
    const paths = jobIds
      .map((id) => this.require(id))
      .filter((job) => job.state === 'completed')
      .map(jobFilePath)
    if (paths.length === 0) throw new AppError('FileMissing', 'none of these downloads is finished')
    await desktop.startDrag(paths)
  }

  async chooseDirectory(defaultPath: string | undefined): Promise<string | null> {
    const { desktop } = this.dependencies
    if (!desktop) throw new AppError('Unsupported', 'a folder picker needs the desktop app')
    return desktop.chooseDirectory(defaultPath)
  }

  async exportFiles(jobIds: readonly number[], mode: 'copy' | 'move'): Promise<ExportResult> {
    const { desktop } = this.dependencies
    if (!desktop) throw new AppError('Unsupported', 'exporting to a folder needs the desktop app')
    const finished = jobIds.filter((id) => this.require(id).state === 'completed')
    if (finished.length === 0)
      throw new AppError('FileMissing', 'none of these downloads is finished')
    return desktop.exportFiles(finished, mode)
  }

  async useDroppedFolder(path: string): Promise<string | null> {
    const { desktop } = this.dependencies
    if (!desktop) throw new AppError('Unsupported', 'dropping a folder needs the desktop app')
    return desktop.useDroppedFolder(path)
  }

  private require(id: number): JobSnapshot {
    const job = this.dependencies.job(id)
    if (!job) throw new AppError('NotFound', `job ${id}`)
    return job
  }
}

/** The `files.*` requests. */
export function filesHandlers(service: FilesService): DomainHandlers<'files'> {
  return {
    'files.reveal': (input) => service.reveal(input.jobId),
    'files.open': (input) => service.open(input.jobId),
    'files.startDrag': async (input) => {
      await service.startDrag(input.jobIds)
      return null
    },
    'files.export': (input) => service.exportFiles(input.jobIds, input.mode),
  }
}

/** The `dialog.*` requests. */
export function dialogHandlers(service: FilesService): DomainHandlers<'dialog'> {
  return {
    'dialog.chooseDirectory': async (input) => ({
      path: await service.chooseDirectory(input.defaultPath),
    }),
    'dialog.useDroppedFolder': async (input) => ({
      path: await service.useDroppedFolder(input.path),
    }),
  }
}
