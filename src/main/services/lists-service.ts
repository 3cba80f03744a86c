import {
  importProblemLimit,
  referenceKey,
  type AddressListExport,
  type DomainHandlers,
  type ListImportResult,
  type ParsedRequestInput,
} from '../../shared/contract'
import { AppError, type ErrorCode } from '../../shared/errors'
import type { Settings } from '../../shared/settings'
import type { JobManager } from '../engine/job-manager'
import { exportAddresses } from '../lists/export-addresses'
import type { ExportDescription } from '../lists/export-format'
import type { ExportItem, ExportRow } from '../lists/export-rows'
import { itemsForFilter, itemsForIds } from '../lists/export-items'
import { exportInto } from '../lists/export-run'
import type { ExportTally } from '../lists/export-tally'
import { ExportText } from '../lists/export-text'
import { applicableKinds, combineFileChoices } from '../lists/file-choices'
import { vodImportDependencies } from '../lists/import-dependencies'
import type { ImportSettings } from '../lists/import-plan'
import { importBatchLabel, planListImport } from '../lists/import-text'
import { listCategoryTree, withDescendants } from '../vod/category-tree'
import type { VodClient } from '../vod/client'
import { downloadFolderOf } from './download-folder'
import { nameByTemplate } from './file-name-plan'
import { existingJobsByKey } from './job-queries'
import { buildMatchExpression, sortByOf } from './library-match'
import { conflictChoiceOf, existsOnDisk, settleNameConflicts } from './name-conflict-settlement'

/** The engine operations an import uses. */
export type ListsEngine = Pick<JobManager, 'addMany' | 'list'>

/** The VOD client, the engine, the settings and a clock, passed in by the composition root. */
export interface ListsServiceDependencies {
  client: VodClient
  engine: ListsEngine
  settings: () => Settings
  now: () => number
  /**
   * Removes downloads (their finished files stay), as `downloads.remove` does: `replace` takes
   * the names of unfinished downloads this way.
   */
  removeDownloads: (ids: readonly number[]) => Promise<void>
  /** API calls in flight during an export; default 8, as `vod-dl vod export`. */
  exportConcurrency?: number
}

type ExportInput = ParsedRequestInput<'lists.export'>
type ImportInput = ParsedRequestInput<'lists.import'>

/**
 * Address lists for the window: the export and import of the CLI (`vod-dl vod export`,
 * `vod-dl import`) on the same modules, with the window's filters and the app's settings and
 * job list. The texts cross the contract whole; the renderer reads and saves the files.
 */
export class ListsService {
  constructor(private readonly dependencies: ListsServiceDependencies) {}

  async exportAddresses(input: ExportInput): Promise<AddressListExport> {
    const { client, now } = this.dependencies
    const settings = this.dependencies.settings()
    const choice = combineFileChoices(input.files)
    if (!choice || applicableKinds(choice, input.mediaType).length === 0) {
      throw new AppError(
        'InvalidInput',
        `${input.files.join(', ')}: no such files for ${input.mediaType}`,
      )
    }
    const addressType = input.addressType ?? settings.defaultAddressType
    const authTimeoutSeconds = input.authTimeoutSeconds ?? settings.authTimeoutSeconds
    const definition = input.definition?.toUpperCase()
    const format = input.format?.toLowerCase()
    const { target } = input
    // A category filter includes the categories below it, as in the Library.
    const categoryIds =
      target.kind === 'filter' && target.categoryId !== undefined
        ? withDescendants(await listCategoryTree(client), target.categoryId)
        : undefined
    const match =
      target.kind === 'filter'
        ? buildMatchExpression({ ...target, ...(categoryIds ? { categoryIds } : {}) })
        : undefined
    const mediaIds = target.kind === 'selection' ? [...new Set(target.mediaIds)] : []
    const description: ExportDescription = {
      exportedAt: now(),
      addressType,
      authTimeoutSeconds,
      selection: {
        mediaType: input.mediaType,
        ...(match ? { match } : {}),
        ...(target.kind === 'selection' ? { ids: mediaIds.length } : {}),
        file: choice.word,
        ...(definition ? { definition } : {}),
        ...(format ? { format } : {}),
      },
    }
    const items =
      target.kind === 'selection'
        ? await itemsForIds(client, mediaIds, input.mediaType)
        : itemsForFilter(client, {
            mediaType: input.mediaType,
            ...(match ? { match } : {}),
            sortBy: sortByOf(target.sort),
          })
    const created = new Map<string, string | undefined>()
    const text = new ExportText(input.formats, description)
    const rowsPerItem = exportAddresses(
      remembering(items, created),
      {
        choice,
        ...(definition ? { definition } : {}),
        ...(format ? { format } : {}),
        outputType: addressType,
        authTimeoutSeconds,
        ...(settings.playDomain ? { playDomain: settings.playDomain } : {}),
        concurrency: this.dependencies.exportConcurrency ?? 8,
      },
      { client, now },
    )
    const tally = await exportInto(
      namedByTemplate(rowsPerItem, settings.fileNameTemplate, created),
      text,
    )
    const texts = text.finish(tally)
    return {
      csv: texts.csv ?? null,
      json: texts.json ?? null,
      exportedAt: description.exportedAt,
      addressType,
      authTimeoutSeconds,
      itemCount: tally.items,
      rowCount: tally.rows,
      failedRowCount: tally.failedRows,
      failedItemCount: tally.failedItems,
      failures: failuresOf(tally),
      earliestExpiresAt: tally.earliestExpiry ?? null,
      latestExpiresAt: tally.latestExpiry ?? null,
    }
  }

  /**
   * A list's lines as one batch in the download folder. VOD files already in the Downloads list
   * are not added again (as `downloads.enqueue` skips them), and names already taken are settled
   * as `downloads.enqueue` settles them (asked once, or the choice given or remembered); only an
   * explicit AuthTimeout would be pinned on the jobs, and the window sets none, so the resolver
   * applies the setting.
   */
  async importList(input: ImportInput): Promise<ListImportResult> {
    const { client, engine } = this.dependencies
    const settings = this.dependencies.settings()
    const directory = downloadFolderOf(settings)
    const outputType = settings.defaultAddressType
    // Lines without a name are named by the template, as the Library names downloads.
    const nameFile: ImportSettings['nameFile'] = (file, media) =>
      nameByTemplate(settings.fileNameTemplate, { ...file, index: file.reference.index }, media)
    const plan = await planListImport(
      input.fileName,
      input.text,
      { directory, outputType, nameFile },
      () => vodImportDependencies(client, outputType),
    )
    const jobs = engine.list()
    const existing = existingJobsByKey(jobs)
    const fresh = plan.jobs.flatMap((job) => {
      const key = job.source.kind === 'vod' ? referenceKey(job.source.reference) : undefined
      return key !== undefined && existing.has(key) ? [] : [{ key, job }]
    })
    const lines = {
      alreadyQueued: plan.jobs.length - fresh.length,
      badLineCount: plan.badLineCount,
      badLines: plan.problems.slice(0, importProblemLimit),
      notes: plan.notes.slice(0, importProblemLimit),
    }
    const settlement = await settleNameConflicts(
      fresh,
      jobs,
      conflictChoiceOf(input.conflicts, settings),
      { exists: existsOnDisk, remove: this.dependencies.removeDownloads },
    )
    if (settlement.kind === 'ask') {
      return {
        added: 0,
        ...lines,
        skippedConflicts: 0,
        replaced: 0,
        renamed: 0,
        conflicts: settlement.conflicts,
      }
    }
    const kept = settlement.kept.map((item) => item.job)
    const created =
      kept.length === 0
        ? []
        : engine.addMany(
            kept,
            kept.length > 1 ? importBatchLabel(input.fileName, kept.length) : undefined,
          )
    return { added: created.length, ...lines, ...settlement.counts, conflicts: null }
  }
}

/** Passes the items on, noting each one's creation time for `{date}` in file names. */
async function* remembering(
  items: AsyncIterable<ExportItem> | Iterable<ExportItem>,
  created: Map<string, string | undefined>,
): AsyncGenerator<ExportItem, void, undefined> {
  for await (const item of items) {
    created.set(item.mediaId, item.createdAt)
    yield item
  }
}

/**
 * The rows with the names the Library would give their files (the user's template), instead of
 * `vod get`'s: a list exported here and imported back downloads under the same names.
 */
async function* namedByTemplate(
  rowsPerItem: AsyncIterable<ExportRow[]>,
  template: string,
  created: ReadonlyMap<string, string | undefined>,
): AsyncGenerator<ExportRow[], void, undefined> {
  for await (const rows of rowsPerItem) {
    yield rows.map((row) =>
      row.fileName === undefined
        ? row
        : {
            ...row,
            fileName: nameByTemplate(
              template,
              { ...row, suggestedName: row.fileName },
              { mediaId: row.mediaId, title: row.title, createdAt: created.get(row.mediaId) },
            ),
          },
    )
  }
}

/** Failed rows per reason, most frequent first. */
function failuresOf(tally: ExportTally): Array<{ code: ErrorCode; count: number }> {
  return (Object.entries(tally.failuresByCode) as Array<[ErrorCode, number]>)
    .map(([code, count]) => ({ code, count }))
    .sort((left, right) => right.count - left.count)
}

/** The `lists.*` requests. */
export function listsHandlers(service: ListsService): DomainHandlers<'lists'> {
  return {
    'lists.export': (input) => service.exportAddresses(input),
    'lists.import': (input) => service.importList(input),
  }
}
