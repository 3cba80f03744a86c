import type { JobSnapshot } from '../../shared/jobs'
import type { Disposable } from '../common/disposable'
import { DisposableStore } from '../common/disposable'
import type { DownloadsMonitor } from './downloads-monitor'
import type { DownloadOrigin } from './policies/download-origin'
import { downloadOriginOf } from './policies/download-origin'
import { jobFilePath } from './policies/drag-payload'

export interface DownloadedFileMarkerOptions {
  monitor: Pick<DownloadsMonitor, 'onTransition'>
  /** Writes the mark (io/origin-mark.ts `markDownloadedFile` in production). */
  mark: (filePath: string, origin: DownloadOrigin) => Promise<unknown>
  /** Where failures go; a file that could not be marked is still a finished download. */
  log: (message: string, error?: unknown) => void
}

/**
 * Gives every file the app finishes downloading the operating system's "downloaded from the
 * internet" mark, as a browser would: on each job that reaches `completed` while the shell
 * watches, and on copies made by "Export to folder…". Marks are written one at a time, so a
 * batch of thousands of small files never starts thousands of processes at once.
 */
export class DownloadedFileMarker implements Disposable {
  private readonly disposables = new DisposableStore()
  private queue: Promise<void> = Promise.resolve()
  private disposed = false

  constructor(private readonly options: DownloadedFileMarkerOptions) {
    this.disposables.add(
      options.monitor.onTransition(({ previous, snapshot }) => {
        // A job first seen already completed finished before the shell started watching.
        if (previous === undefined || snapshot.state !== 'completed') return
        this.mark(snapshot, jobFilePath(snapshot))
      }),
    )
  }

  /** Queues marking `filePath` with the origin of `job`'s source. */
  mark(job: Pick<JobSnapshot, 'source'>, filePath: string): void {
    if (this.disposed) return
    const origin = downloadOriginOf(job)
    this.queue = this.queue.then(async () => {
      if (this.disposed) return
      try {
        await this.options.mark(filePath, origin)
      } catch (error) {
        this.options.log(`Marking a downloaded file as coming from the internet failed`, error)
      }
    })
  }

  /** Resolves when every queued mark has been written or has failed. */
  idle(): Promise<void> {
    return this.queue
  }

  dispose(): void {
    this.disposed = true
    this.disposables.dispose()
  }
}
