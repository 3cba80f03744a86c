import { basename } from 'node:path'
import type { NewJob } from '../engine/job-manager'
import { noVodDependencies } from './import-dependencies'
import { detectListFormat, parseImportList, type LineProblem } from './import-list'
import { planImport, type ImportDependencies, type ImportSettings } from './import-plan'

/** The jobs of a list, and every line that was not imported (or was, with a remark). */
export interface ListImportPlan {
  jobs: NewJob[]
  /** Bad lines, from reading the list and from planning it, in line order. */
  problems: LineProblem[]
  notes: LineProblem[]
  /** Lines with at least one problem. */
  badLineCount: number
}

/**
 * A list's text, read and planned as `vod-dl import` does: CSV or plain list by name and first
 * line, then every usable line to jobs. `connect` gives the VOD dependencies and is called only
 * when a line names a media id, so a list of URLs needs no account.
 */
export async function planListImport(
  listName: string,
  text: string,
  settings: ImportSettings,
  connect: () => ImportDependencies,
): Promise<ListImportPlan> {
  const parsed = parseImportList(text, detectListFormat(listName, text))
  const needsVod = parsed.entries.some((entry) => entry.target.kind === 'media')
  const plan = await planImport(parsed.entries, settings, needsVod ? connect() : noVodDependencies)
  const problems = inLineOrder([...parsed.problems, ...plan.problems])
  return {
    jobs: plan.jobs,
    problems,
    notes: inLineOrder(plan.notes),
    badLineCount: new Set(problems.map((problem) => problem.line)).size,
  }
}

/** Names the batch an import adds: the list it came from and how many files. */
export function importBatchLabel(listName: string, count: number): string {
  return `${basename(listName)} (${count} files)`
}

function inLineOrder(problems: readonly LineProblem[]): LineProblem[] {
  return [...problems].sort((left, right) => left.line - right.line)
}
