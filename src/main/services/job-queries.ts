import { referenceKey, type MediaType } from '../../shared/contract'
import type { JobSnapshot } from '../../shared/jobs'

/** Pure questions about the job list that several services ask. */

/** The reference key of a VOD job, or undefined for a plain-URL job. */
export function jobReferenceKey(job: JobSnapshot): string | undefined {
  return job.source.kind === 'vod' ? referenceKey(job.source.reference) : undefined
}

/** Jobs (any state) that download files of one media item. */
export function jobsOfMedia(
  jobs: readonly JobSnapshot[],
  mediaId: string,
  mediaType: MediaType,
): JobSnapshot[] {
  return jobs.filter(
    (job) =>
      job.source.kind === 'vod' &&
      job.source.reference.mediaId === mediaId &&
      job.source.reference.mediaType === mediaType,
  )
}

/**
 * The jobs that make a file a duplicate, by reference key: any job that is queued, running,
 * paused, failed or completed. A canceled job left no file behind, so it does not count.
 */
export function existingJobsByKey(jobs: readonly JobSnapshot[]): Map<string, JobSnapshot> {
  const byKey = new Map<string, JobSnapshot>()
  for (const job of jobs) {
    const key = jobReferenceKey(job)
    if (key === undefined || job.state === 'canceled') continue
    // Keep the newest job per file: it is the one the user last touched.
    const known = byKey.get(key)
    if (!known || known.id < job.id) byKey.set(key, job)
  }
  return byKey
}
