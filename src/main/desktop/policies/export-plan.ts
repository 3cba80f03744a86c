import path from 'node:path'
import type { JobSnapshot } from '../../../shared/jobs'

/** Copy leaves the downloaded file in place; move takes it out of the download folder. */
export type TransferMode = 'copy' | 'move'

/** What to do when the destination already holds a file of the same name. Asked once per export. */
export type ConflictPolicy = 'skip' | 'rename' | 'overwrite'

/** One finished download offered for export. */
export interface ExportSource {
  job: JobSnapshot
  /** Absolute path of the final file (after the engine's last rename). */
  path: string
  /** Size in bytes when known, for progress. */
  size: number | null
}

/**
 * Maps a source to its path relative to the destination folder; may contain sub-folders
 * (`<title>/<definition>.mp4`). Usually the engine's file-name template.
 */
export type ExportNaming = (source: ExportSource) => string

export interface ExportPlanInput {
  sources: readonly ExportSource[]
  /** Absolute path of the chosen folder. */
  destination: string
  mode: TransferMode
  name: ExportNaming
  /** `null` until the user was asked; the plan then says whether asking is needed at all. */
  conflictPolicy: ConflictPolicy | null
  /** Whether something already exists at an absolute path. */
  exists: (absolutePath: string) => boolean
  /** Windows and (by default) macOS file systems treat `A.mp4` and `a.mp4` as the same file. */
  caseInsensitive: boolean
  pathApi?: path.PlatformPath
}

export type SkipReason =
  /** The target exists and the policy is skip. */
  | 'exists'
  /** The file already is where it would go. */
  | 'same-file'
  /** The naming template produced an empty, absolute or escaping path. */
  | 'invalid-name'
  /** The same file was selected twice. */
  | 'duplicate-source'

export type ExportOperation =
  | {
      kind: 'transfer'
      mode: TransferMode
      jobId: number
      source: string
      target: string
      bytes: number | null
      /** The target exists and the user chose to overwrite it. */
      replace: boolean
      /**
       * What the executor does if the target appears between planning and running. Never
       * `overwrite`: the user was not asked about that file, so "Replace" keeps both instead.
       */
      onConflict: Exclude<ConflictPolicy, 'overwrite'>
    }
  | { kind: 'skip'; jobId: number; source: string; target: string | null; reason: SkipReason }

export type ExportPlan =
  /** Files already exist in the destination: ask the user once, then plan again with a policy. */
  | { kind: 'needs-conflict-policy'; conflicts: string[] }
  | { kind: 'ready'; operations: ExportOperation[]; totalBytes: number }

/**
 * Plans copying or moving finished files into a folder. Pure: existence checks are injected, and
 * nothing is touched. Two selections that the template maps to the same name are always kept
 * apart with `name (1).ext` (overwriting one's own export makes no sense); only files already on
 * disk trigger the once-per-export question.
 */
export function planExport(input: ExportPlanInput): ExportPlan {
  const pathApi = input.pathApi ?? path
  const key = (value: string): string => (input.caseInsensitive ? value.toLowerCase() : value)
  const destination = pathApi.resolve(input.destination)
  const claimed = new Set<string>()
  const sourcesSeen = new Set<string>()
  const isTaken = (target: string): boolean => claimed.has(key(target)) || input.exists(target)
  const operations: ExportOperation[] = []
  const conflicts: string[] = []

  for (const item of input.sources) {
    const jobId = item.job.id
    const source = pathApi.resolve(item.path)
    if (sourcesSeen.has(key(source))) {
      operations.push({ kind: 'skip', jobId, source, target: null, reason: 'duplicate-source' })
      continue
    }
    sourcesSeen.add(key(source))
    const relative = safeRelativeName(input.name(item), pathApi)
    if (relative === null) {
      operations.push({ kind: 'skip', jobId, source, target: null, reason: 'invalid-name' })
      continue
    }
    let target = pathApi.join(destination, relative)
    if (key(target) === key(source)) {
      operations.push({ kind: 'skip', jobId, source, target, reason: 'same-file' })
      continue
    }
    let replace = false
    if (claimed.has(key(target))) {
      target = firstFreeName(target, isTaken, pathApi)
    } else if (input.exists(target)) {
      switch (input.conflictPolicy) {
        case null:
          conflicts.push(target)
          break
        case 'skip':
          operations.push({ kind: 'skip', jobId, source, target, reason: 'exists' })
          continue
        case 'rename':
          target = firstFreeName(target, isTaken, pathApi)
          break
        case 'overwrite':
          replace = true
          break
      }
    }
    claimed.add(key(target))
    operations.push({
      kind: 'transfer',
      mode: input.mode,
      jobId,
      source,
      target,
      bytes: item.size,
      replace,
      onConflict: input.conflictPolicy === 'skip' ? 'skip' : 'rename',
    })
  }

  if (conflicts.length > 0) return { kind: 'needs-conflict-policy', conflicts }
  const totalBytes = operations.reduce(
    (sum, operation) => sum + (operation.kind === 'transfer' ? (operation.bytes ?? 0) : 0),
    0,
  )
  return { kind: 'ready', operations, totalBytes }
}

/**
 * Normalizes a template result into a path relative to the destination, or `null` when it is
 * empty, absolute, or climbs out of the destination with `..`.
 */
export function safeRelativeName(name: string, pathApi: path.PlatformPath = path): string | null {
  const trimmed = name.trim()
  if (trimmed.length === 0 || trimmed.includes('\0')) return null
  if (
    pathApi.isAbsolute(trimmed) ||
    path.posix.isAbsolute(trimmed) ||
    path.win32.isAbsolute(trimmed)
  ) {
    return null
  }
  const normalized = pathApi.normalize(trimmed)
  const segments = normalized.split(/[\\/]+/)
  if (segments.some((segment) => segment === '..')) return null
  const cleaned = segments.filter((segment) => segment !== '' && segment !== '.')
  if (cleaned.length === 0) return null
  return cleaned.join(pathApi.sep)
}

/** `clip.mp4` → `clip (1).mp4`, `clip (2).mp4`, … until `isTaken` says no. */
export function firstFreeName(
  target: string,
  isTaken: (candidate: string) => boolean,
  pathApi: path.PlatformPath = path,
): string {
  const directory = pathApi.dirname(target)
  const extension = pathApi.extname(target)
  const stem = pathApi.basename(target, extension)
  for (let number = 1; ; number++) {
    const candidate = pathApi.join(directory, `${stem} (${number})${extension}`)
    if (!isTaken(candidate)) return candidate
  }
}
