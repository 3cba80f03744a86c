import type { NameConflict, NameConflicts } from '../../shared/contract'
import type { JobSnapshot } from '../../shared/jobs'

/** Conflicts a question names; the count says how many there are in all. */
const exampleLimit = 20

/** A planned new job's target, as the conflict check sees it. */
export interface PlannedName {
  directory: string
  fileName: string
}

/** Per planned job (same order): what already holds its name, if anything. */
export type NameHolder =
  | { kind: 'none' }
  | { kind: 'file' }
  | { kind: 'request' }
  /** Unfinished downloads of ours with this name: `replace` removes them. */
  | { kind: 'download'; jobIds: number[] }

/** How the engine compares names: case matters on Linux only (as `claimName` does). */
export function nameKey(
  directory: string,
  fileName: string,
  platform: NodeJS.Platform = process.platform,
): string {
  return `${directory}\u0000${platform === 'linux' ? fileName : fileName.toLowerCase()}`
}

/**
 * Finds what holds each planned name: another file of the same request, an unfinished job of
 * ours (queued, running, paused, failed or canceled), or a file on disk (`exists`, which the
 * caller answers from the file system; a completed download is such a file). Pure apart from
 * `exists`.
 */
export async function findNameHolders(
  planned: readonly PlannedName[],
  jobs: readonly JobSnapshot[],
  exists: (name: PlannedName) => Promise<boolean>,
  platform: NodeJS.Platform = process.platform,
): Promise<NameHolder[]> {
  const unfinished = new Map<string, number[]>()
  for (const job of jobs) {
    if (job.state === 'completed' || job.fileName === '') continue
    const key = nameKey(job.directory, job.fileName, platform)
    const ids = unfinished.get(key) ?? []
    ids.push(job.id)
    unfinished.set(key, ids)
  }
  const seen = new Set<string>()
  return Promise.all(
    planned.map(async (name): Promise<NameHolder> => {
      const key = nameKey(name.directory, name.fileName, platform)
      const first = !seen.has(key)
      seen.add(key)
      if (!first) return { kind: 'request' }
      const jobIds = unfinished.get(key)
      if (jobIds) return { kind: 'download', jobIds }
      return (await exists(name)) ? { kind: 'file' } : { kind: 'none' }
    }),
  )
}

/** The question to ask about a request's conflicts, or null when there are none. */
export function describeConflicts(
  planned: readonly PlannedName[],
  holders: readonly NameHolder[],
): NameConflicts | null {
  const examples: NameConflict[] = []
  let count = 0
  let replaceable = 0
  holders.forEach((holder, index) => {
    if (holder.kind === 'none') return
    count += 1
    if (holder.kind === 'download') replaceable += 1
    const name = planned[index]
    if (name && examples.length < exampleLimit) {
      examples.push({ fileName: name.fileName, holder: holder.kind })
    }
  })
  return count === 0 ? null : { count, replaceable, examples }
}
