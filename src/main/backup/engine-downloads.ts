import type { JobSnapshot } from '../../shared/jobs'
import type { JobRepository } from '../database/job-repository'
import type { JobManager } from '../engine/job-manager'
import type { BackupDownloads } from './run-context'

/** States in which a job stopped moving: the run records it and stops waiting for it. */
function hasEnded(job: JobSnapshot): boolean {
  return (
    job.state === 'completed' ||
    job.state === 'failed' ||
    job.state === 'canceled' ||
    job.state === 'paused'
  )
}

/** The checksums a finished job was verified against: the caller's, else the server's. */
export function verifiedChecksums(
  jobs: Pick<JobRepository, 'get'>,
  id: number,
): { md5: string | null; crc64: string | null } {
  const record = jobs.get(id)
  return {
    md5: record?.expectedMd5 ?? record?.serverMd5 ?? null,
    crc64: record?.expectedCrc64 ?? record?.serverCrc64 ?? null,
  }
}

/**
 * A backup's downloads in an engine that is already running every queued job (the app, the
 * headless host): they appear in the Downloads list as one batch, and the run waits for them
 * through the engine's events. A job the user pauses ends the wait for that file; the next run
 * continues it.
 */
export function runningEngineDownloads(
  manager: Pick<JobManager, 'addMany' | 'get' | 'retry' | 'relocate' | 'events'>,
  jobs: Pick<JobRepository, 'get'>,
): BackupDownloads {
  return {
    add: (list, label) => manager.addMany(list, list.length > 1 ? label : undefined),
    get: (id) => manager.get(id),
    checksums: (id) => verifiedChecksums(jobs, id),
    retry: (id) => manager.retry(id),
    relocate: (id, directory, fileName) => manager.relocate(id, directory, fileName),
    // The Downloads list shows them; the user clears them as any other.
    forget: () => undefined,
    run(ids, onEnded) {
      return new Promise<void>((resolve, reject) => {
        const waiting = new Set(ids)
        let chain: Promise<void> = Promise.resolve()
        let finished = false
        const finishIfDone = (): void => {
          if (finished || waiting.size > 0) return
          finished = true
          subscription.dispose()
          chain.then(resolve, reject)
        }
        const settle = (job: JobSnapshot): void => {
          if (!waiting.has(job.id) || !hasEnded(job)) return
          waiting.delete(job.id)
          // One file at a time: finishing moves files and writes the manifest.
          chain = chain.then(() => onEnded(job))
          finishIfDone()
        }
        const subscription = manager.events.on('state', settle)
        for (const id of ids) {
          const job = manager.get(id)
          if (job) settle(job)
          else waiting.delete(id)
        }
        finishIfDone()
      })
    },
  }
}
