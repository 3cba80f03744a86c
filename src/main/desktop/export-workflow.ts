import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Language } from '../../shared/errors'
import { AppError } from '../../shared/errors'
import type { JobSnapshot } from '../../shared/jobs'
import { executeExportPlan } from './io/export-executor'
import { jobFilePath } from './policies/drag-payload'
import type { ConflictPolicy, ExportNaming, ExportSource } from './policies/export-plan'
import { planExport } from './policies/export-plan'
import type { ExportOptions, ExportOutcome, ExportRequest } from './shell-contract'
import { desktopStrings } from './strings'

/** What "Export to folder…" needs from the running shell. */
export interface ExportWorkflowDependencies {
  platform: NodeJS.Platform
  language: () => Language
  job: (id: number) => JobSnapshot | undefined
  /** A native folder picker; null when canceled. */
  chooseFolder: (title: string, buttonLabel: string) => Promise<string | null>
  /** Asks once what to do with names already taken; null when canceled. */
  askConflictPolicy: (conflicts: number, language: Language) => Promise<ConflictPolicy | null>
  /** The folders the window may write into: a picked one is granted, any other one checked. */
  targetFolders: { grant(folder: string): void; require(folder: string): void }
  /** Records the new place of a moved job's file. */
  relocate: (jobId: number, directory: string, fileName: string) => Promise<void>
  /** Marks a copy as downloaded from the internet, as its download was. */
  markCopy: (job: JobSnapshot, filePath: string) => void
  naming?: ExportNaming | undefined
  log: (message: string, error?: unknown) => void
}

/**
 * Copies or moves finished files to a folder (asked for in a native dialog unless the request
 * names one the window may write into), asking once what to do about names already taken there,
 * then runs the plan (io/export-executor.ts).
 */
export async function exportJobs(
  request: ExportRequest,
  options: ExportOptions,
  dependencies: ExportWorkflowDependencies,
): Promise<ExportOutcome> {
  const language = dependencies.language()
  const strings = desktopStrings(language)
  let destination = request.destination ?? null
  if (destination === null) {
    destination = await dependencies.chooseFolder(strings.chooseExportFolder, strings.chooseButton)
    if (destination === null) return { canceled: true }
    dependencies.targetFolders.grant(destination)
  }
  dependencies.targetFolders.require(destination)
  const sources: ExportSource[] = request.jobIds.flatMap((id) => {
    const job = dependencies.job(id)
    if (!job || job.state !== 'completed') return []
    return [{ job, path: jobFilePath(job), size: job.totalBytes }]
  })
  const naming = dependencies.naming ?? ((source: ExportSource) => source.job.fileName)
  const caseInsensitive = dependencies.platform === 'win32' || dependencies.platform === 'darwin'
  const plan = (conflictPolicy: ConflictPolicy | null) =>
    planExport({
      sources,
      destination,
      mode: request.mode,
      name: naming,
      conflictPolicy,
      exists: existsSync,
      caseInsensitive,
    })
  let result = plan(null)
  if (result.kind === 'needs-conflict-policy') {
    const policy = await dependencies.askConflictPolicy(result.conflicts.length, language)
    if (policy === null) return { canceled: true }
    result = plan(policy)
  }
  if (result.kind !== 'ready') throw new AppError('Internal', 'the export plan still has conflicts')
  const root = path.resolve(destination)
  return executeExportPlan(result, {
    ...options,
    onTransferred: async ({ jobId, mode, target }) => {
      // A moved file is the job's file now: recorded at once, so no later file action (Remove
      // with files included) touches whatever takes the old name.
      if (mode === 'move') {
        const fileName = path.relative(root, target).split(path.sep).join('/')
        await dependencies
          .relocate(jobId, root, fileName)
          .catch((error: unknown) =>
            dependencies.log(`Job ${jobId} was moved, but its new place was not recorded`, error),
          )
      }
      // Copies are new files: they get the mark of the download they came from.
      const job = dependencies.job(jobId)
      if (job) dependencies.markCopy(job, target)
    },
  })
}
