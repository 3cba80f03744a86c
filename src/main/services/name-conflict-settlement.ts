import { lstat } from 'node:fs/promises'
import type { NameConflicts } from '../../shared/contract'
import type { JobSnapshot } from '../../shared/jobs'
import type { NameConflictChoice, Settings } from '../../shared/settings'
import { resolveInside } from '../engine/file-name'
import type { NewJob } from '../engine/job-manager'
import { jobReferenceKey } from './job-queries'
import {
  describeConflicts,
  findNameHolders,
  type NameHolder,
  type PlannedName,
} from './name-conflicts'

/** A job a request is about to create, with the reference key of its VOD file (if it is one). */
export interface FreshJob {
  key: string | undefined
  job: NewJob
}

/** The I/O the settlement needs, passed in by each service. */
export interface NameConflictDependencies {
  /** Whether something (a file or a folder) is at this name on disk. */
  exists: (name: PlannedName) => Promise<boolean>
  /** Removes jobs from the list, keeping finished files; a running job is stopped first. */
  remove: (ids: readonly number[]) => Promise<void>
  /** How long a replaced download's part file may take to go; default 5 s. */
  partFileLimitMs?: number
}

/** What a request did with taken names, counted as `EnqueueResult` counts them. */
export interface NameConflictCounts {
  skippedConflicts: number
  replaced: number
  renamed: number
}

/**
 * Either the question to ask (nothing was touched), or the jobs to create now that the names
 * are settled: replaced downloads and canceled rows of the same files are already gone.
 */
export type NameConflictSettlement<Item extends FreshJob> =
  | { kind: 'ask'; conflicts: NameConflicts }
  | { kind: 'settled'; kept: Item[]; counts: NameConflictCounts }

/** The request's choice, else the `nameConflicts` setting; undefined when it says to ask. */
export function conflictChoiceOf(
  requested: NameConflictChoice | undefined,
  settings: Pick<Settings, 'nameConflicts'>,
): NameConflictChoice | undefined {
  if (requested !== undefined) return requested
  return settings.nameConflicts === 'ask' ? undefined : settings.nameConflicts
}

/** Whether a planned name is taken on disk (the `exists` both services pass in). */
export async function existsOnDisk(name: PlannedName): Promise<boolean> {
  return (await lstat(resolveInside(name.directory, name.fileName)).catch(() => null)) !== null
}

/** The pure part: which fresh jobs go ahead, what each taken name costs, and what to remove. */
export interface NameConflictDecision<Item extends FreshJob> {
  kept: Item[]
  counts: NameConflictCounts
  /** Unfinished downloads of ours whose names `replace` takes over. */
  replacing: number[]
}

/**
 * Decides, per fresh job and what holds its name, under a choice: `skip` drops it, `replace`
 * takes over an unfinished download of ours, and anything else (keep-both, or replace where the
 * holder is not ours to take) keeps both: never overwritten, the engine numbers the new name.
 */
export function decideNameConflicts<Item extends FreshJob>(
  fresh: readonly Item[],
  holders: readonly NameHolder[],
  choice: NameConflictChoice,
): NameConflictDecision<Item> {
  const counts: NameConflictCounts = { skippedConflicts: 0, replaced: 0, renamed: 0 }
  const kept: Item[] = []
  const replacing = new Set<number>()
  fresh.forEach((item, index) => {
    const holder: NameHolder = holders[index] ?? { kind: 'none' }
    if (holder.kind === 'none') kept.push(item)
    else if (choice === 'skip') counts.skippedConflicts += 1
    else if (choice === 'replace' && holder.kind === 'download') {
      for (const id of holder.jobIds) replacing.add(id)
      counts.replaced += 1
      kept.push(item)
    } else {
      counts.renamed += 1
      kept.push(item)
    }
  })
  return { kept, counts, replacing: [...replacing] }
}

/**
 * The name-conflict step of every request that adds jobs (Library, Details, Batch, an imported
 * list): finds what holds each new job's name, asks when nobody chose, and otherwise applies the
 * choice. A canceled job of the same file holds no bytes and gives way to the new one. A job
 * without a name yet (a URL whose server names the file) has nothing to check.
 */
export async function settleNameConflicts<Item extends FreshJob>(
  fresh: readonly Item[],
  jobs: readonly JobSnapshot[],
  choice: NameConflictChoice | undefined,
  dependencies: NameConflictDependencies,
): Promise<NameConflictSettlement<Item>> {
  const freshKeys = new Set(fresh.flatMap((item) => (item.key === undefined ? [] : [item.key])))
  const canceledIds = jobs
    .filter((job) => job.state === 'canceled' && freshKeys.has(jobReferenceKey(job) ?? ''))
    .map((job) => job.id)
  const named = fresh.flatMap((item, index) =>
    item.job.fileName
      ? [{ index, directory: item.job.directory, fileName: item.job.fileName }]
      : [],
  )
  const namedHolders = await findNameHolders(
    named,
    jobs.filter((job) => !canceledIds.includes(job.id)),
    dependencies.exists,
  )
  const holders: NameHolder[] = fresh.map(() => ({ kind: 'none' }))
  named.forEach((name, position) => {
    holders[name.index] = namedHolders[position] ?? { kind: 'none' }
  })
  const conflicts = describeConflicts(named, namedHolders)
  if (conflicts && choice === undefined) return { kind: 'ask', conflicts }
  const decision = decideNameConflicts(fresh, holders, choice ?? 'keep-both')
  if (decision.replacing.length > 0) {
    const parts = decision.replacing.flatMap((id) => partFileOf(jobs.find((job) => job.id === id)))
    await dependencies.remove(decision.replacing)
    // The engine deletes a removed job's part file in the background, and a file name is
    // claimed by creating its part file: the new job may take the name only once it is gone.
    await untilGone(parts, dependencies.exists, dependencies.partFileLimitMs ?? 5_000)
  }
  if (canceledIds.length > 0) await dependencies.remove(canceledIds)
  return { kind: 'settled', kept: decision.kept, counts: decision.counts }
}

/** The part file of an unfinished plain-file job, where it would be. */
function partFileOf(job: JobSnapshot | undefined): PlannedName[] {
  if (!job || job.fileName === '' || job.state === 'completed') return []
  return [{ directory: job.directory, fileName: `${job.fileName}.part` }]
}

/** Resolves once none of the names exists, or after `limitMs` (the engine then numbers the name). */
async function untilGone(
  names: readonly PlannedName[],
  exists: (name: PlannedName) => Promise<boolean>,
  limitMs: number,
): Promise<void> {
  const deadline = Date.now() + limitMs
  while (Date.now() < deadline) {
    // A name that cannot be resolved has no part file to wait for.
    const present = await Promise.all(names.map((name) => exists(name).catch(() => false)))
    if (!present.includes(true)) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
