import type { JobSnapshot } from '../../shared/jobs'

/** The part of the job manager the hold needs. */
export interface HeldJobs {
  readonly events: {
    on(name: 'state', listener: (job: JobSnapshot) => void): { dispose(): void }
  }
  list(): JobSnapshot[]
  pause(id: number): void
  resume(id: number): void
}

export interface CredentialHold {
  /** New credentials were saved (or the chain found a source): the held jobs start again. */
  credentialsChanged(): void
  dispose(): void
}

/** A job waiting for credentials: paused, with the expired-token error it stopped on. */
export function waitsForCredentials(job: JobSnapshot): boolean {
  return job.state === 'paused' && job.error?.code === 'SecurityTokenExpired'
}

/**
 * Holds downloads whose STS credentials expired. The engine treats an expired session as
 * temporary and schedules a retry; when nothing can renew the credentials (a static token from
 * Settings or the environment), retrying would only fail again until the job is marked failed.
 * So a job entering `retrying` for that reason is paused at once, keeping its bytes and the
 * error ("credentials expired — update them in Settings"), and every job held that way is
 * resumed when new credentials are saved, without a restart.
 */
export function holdJobsOnExpiredCredentials(
  jobs: HeldJobs,
  options: {
    /** Whether the current credentials cannot renew themselves; a chain's jobs just retry. */
    staticCredentials: () => boolean
    log?: (message: string) => void
  },
): CredentialHold {
  const subscription = jobs.events.on('state', (job) => {
    if (job.state !== 'retrying' || job.error?.code !== 'SecurityTokenExpired') return
    if (!options.staticCredentials()) return
    // Once the engine has finished with the attempt (it has left the running set and armed
    // its retry timer): pausing a job that still counts as running would only stop nothing.
    setImmediate(() => {
      try {
        jobs.pause(job.id)
        options.log?.(`job ${job.id}: STS credentials expired; waiting for new credentials`)
      } catch {
        // The job was removed or finished meanwhile.
      }
    })
  })
  return {
    credentialsChanged() {
      for (const job of jobs.list()) {
        if (!waitsForCredentials(job)) continue
        try {
          jobs.resume(job.id)
          options.log?.(`job ${job.id}: new credentials; resuming`)
        } catch {
          // Removed meanwhile.
        }
      }
    },
    dispose: () => subscription.dispose(),
  }
}
