import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { AppError } from '../../../shared/errors'
import type { VodMediaType } from '../../../shared/vod'
import { exportAddresses } from '../../../main/lists/export-addresses'
import { isoTime, type ExportDescription } from '../../../main/lists/export-format'
import { itemsForFilter, itemsForIds } from '../../../main/lists/export-items'
import { exportInto } from '../../../main/lists/export-run'
import { describeFailures, type ExportTally } from '../../../main/lists/export-tally'
import { ExportWriter, type ExportFile } from '../../../main/lists/export-writer'
import { fileChoiceWords, parseFileChoice } from '../../../main/lists/file-choices'
import { detectListFormat, parseImportList } from '../../../main/lists/import-list'
import { parseMediaId, quoteForMessage } from '../../../main/lists/list-target'
import { readListFile } from '../../../main/lists/read-list'
import { UsageError } from '../../arguments'
import type { CliContext } from '../../context'
import { authTimeoutFrom, vodClientFrom } from './connection'
import { connectionOptions } from './connection-options'
import { categoryMatch } from '../../../main/vod/category-tree'
import { categoryWithChildren } from './categories'
import { joinMatch, parseOutputType, parsePlayDomain } from './options'

const mediaTypes: readonly VodMediaType[] = ['video', 'audio', 'image']

/** API calls in flight at once: fast against the API without tripping its throttling. */
const exportConcurrency = 8

/** Progress lines: every this many items when piped, redrawn more often on a terminal. */
const progressEveryPiped = 1000
const progressEveryTerminal = 100

/**
 * `vod-dl vod export`: the download addresses of a selection (ids) or of everything a search
 * filter matches (no 200/100 cap: the search follows the ScrollToken), written as CSV and/or
 * JSON with each URL's expiry.
 */
export async function vodExportCommand(argv: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...connectionOptions,
      type: { type: 'string' },
      match: { type: 'string' },
      category: { type: 'string' },
      ids: { type: 'string', multiple: true },
      'ids-file': { type: 'string' },
      file: { type: 'string' },
      definition: { type: 'string' },
      format: { type: 'string' },
      'output-type': { type: 'string', default: 'cdn' },
      'play-domain': { type: 'string' },
      csv: { type: 'string' },
      json: { type: 'string' },
    },
  })
  const files: ExportFile[] = [
    ...(values.csv
      ? [{ path: resolve(context.workingDirectory, values.csv), format: 'csv' as const }]
      : []),
    ...(values.json
      ? [{ path: resolve(context.workingDirectory, values.json), format: 'json' as const }]
      : []),
  ]
  if (files.length === 0) throw new UsageError('give --csv FILE, --json FILE or both')
  if (files.length === 2 && files[0]?.path === files[1]?.path) {
    throw new UsageError('--csv and --json need different files')
  }
  const type = values.type as VodMediaType | undefined
  if (type !== undefined && !mediaTypes.includes(type)) {
    throw new UsageError('--type must be video, audio or image')
  }
  const choice = values.file === undefined ? undefined : parseFileChoice(values.file)
  if (values.file !== undefined && !choice) {
    throw new UsageError(`--file must be one of ${fileChoiceWords.join(', ')}`)
  }
  const byIds = values.ids !== undefined || values['ids-file'] !== undefined
  if (byIds && (values.match !== undefined || values.category !== undefined)) {
    throw new UsageError('--match and --category select by a filter, --ids by id: give one of them')
  }
  const outputType = parseOutputType(values['output-type'])
  const authTimeoutSeconds = authTimeoutFrom(values)
  const playDomain = parsePlayDomain(values['play-domain'])
  const definition = values.definition?.toUpperCase()
  const format = values.format?.toLowerCase()

  let status = 0
  let mediaIds: string[] = []
  if (byIds) {
    const read = await idsFrom(values.ids ?? [], values['ids-file'], context)
    mediaIds = read.mediaIds
    if (read.bad) status = 1
    if (mediaIds.length === 0) {
      context.stderr.write('vod-dl: no media ids to export\n')
      return 1
    }
  }
  const client = vodClientFrom(values, context)
  // A category includes the categories below it.
  const match = joinMatch(
    values.match,
    values.category === undefined
      ? undefined
      : categoryMatch(await categoryWithChildren(client, values.category)),
  )
  const controller = new AbortController()
  const removeInterrupt = context.onInterrupt(() => controller.abort())
  const description: ExportDescription = {
    exportedAt: Date.now(),
    addressType: outputType,
    authTimeoutSeconds,
    selection: {
      mediaType: byIds ? (type ?? 'ids') : (type ?? 'video'),
      ...(match ? { match } : {}),
      ...(byIds ? { ids: mediaIds.length } : {}),
      file:
        choice?.word ??
        (type === 'image' ? 'image' : byIds && !type ? 'source or image' : 'source'),
      ...(definition ? { definition } : {}),
      ...(format ? { format } : {}),
    },
  }
  let writer: ExportWriter | undefined
  const progress = progressLine(context)
  try {
    const items = byIds
      ? await itemsForIds(client, mediaIds, type, controller.signal)
      : itemsForFilter(
          client,
          {
            mediaType: type ?? 'video',
            ...(match ? { match } : {}),
            sortBy: 'CreationTime:Desc',
          },
          controller.signal,
        )
    writer = await ExportWriter.open(files, description)
    const rowsPerItem = exportAddresses(
      items,
      {
        ...(choice ? { choice } : {}),
        ...(definition ? { definition } : {}),
        ...(format ? { format } : {}),
        outputType,
        authTimeoutSeconds,
        ...(playDomain ? { playDomain } : {}),
        concurrency: exportConcurrency,
      },
      { client, now: Date.now, signal: controller.signal },
    )
    const tally = await exportInto(rowsPerItem, writer, (current) => progress.update(current.items))
    await writer.finish(tally)
    writer = undefined
    progress.clear()

    const names = files.map((file) => values[file.format] as string).join(' and ')
    const complete = reportExport(context, tally, names)
    return complete ? status : 1
  } catch (error) {
    progress.clear()
    if (error instanceof AppError && error.code === 'Canceled') {
      context.stderr.write('vod-dl: export stopped; no file was written\n')
      return 1
    }
    throw error
  } finally {
    removeInterrupt()
    await writer?.discard()
  }
}

/**
 * The summary on stderr: counts, failures by reason, and the warning that the URLs are signed,
 * with when they expire. Returns whether every row has an address.
 */
function reportExport(context: CliContext, tally: ExportTally, names: string): boolean {
  context.stderr.write(
    `Exported ${counted(tally.items, 'item')} (${counted(tally.rows, 'row')}) to ${names}\n`,
  )
  if (tally.failedRows > 0) {
    const verb = tally.failedRows === 1 ? 'has' : 'have'
    context.stderr.write(
      `${counted(tally.failedRows, 'row')} of ${counted(tally.failedItems, 'item')} ${verb} no address (${describeFailures(tally)}): see the error column\n`,
    )
  }
  if (tally.earliestExpiry !== undefined && tally.latestExpiry !== undefined) {
    context.stderr.write(
      `warning: these URLs are signed: anyone who holds ${names} can download the files until the URLs expire (the first at ${isoTime(tally.earliestExpiry)}, the last at ${isoTime(tally.latestExpiry)})\n`,
    )
  }
  return tally.failedRows === 0
}

/** Ids from `--ids` (commas or spaces between them) and from `--ids-file` (bad lines reported). */
async function idsFrom(
  values: readonly string[],
  file: string | undefined,
  context: CliContext,
): Promise<{ mediaIds: string[]; bad: boolean }> {
  const mediaIds: string[] = []
  for (const text of values.flatMap((value) => value.split(/[\s,]+/)).filter(Boolean)) {
    const mediaId = parseMediaId(text)
    if (!mediaId) throw new UsageError(`--ids: not a media id: ${quoteForMessage(text)}`)
    mediaIds.push(mediaId)
  }
  let bad = false
  if (file !== undefined) {
    const text = await readListFile(resolve(context.workingDirectory, file))
    const parsed = parseImportList(text, detectListFormat(file, text))
    const problems = [...parsed.problems]
    for (const entry of parsed.entries) {
      if (entry.target.kind === 'media') mediaIds.push(entry.target.mediaId)
      else problems.push({ line: entry.line, message: 'an address, not a media id' })
    }
    problems.sort((left, right) => left.line - right.line)
    for (const problem of problems)
      context.stderr.write(`${file}:${problem.line}: ${problem.message}\n`)
    bad = problems.length > 0
  }
  return { mediaIds: [...new Set(mediaIds)], bad }
}

/** "Exported N items…" on stderr while a long export runs. */
function progressLine(context: CliContext): { update(items: number): void; clear(): void } {
  const terminal = context.stderr.isTTY === true
  let shown = false
  return {
    update(items) {
      if (terminal && items % progressEveryTerminal === 0) {
        context.stderr.write(`\r\u001b[2KExporting… ${items} items`)
        shown = true
      } else if (!terminal && items % progressEveryPiped === 0) {
        context.stderr.write(`Exporting… ${items} items\n`)
      }
    },
    clear() {
      if (shown) context.stderr.write('\r\u001b[2K')
      shown = false
    },
  }
}

/** `1 row`, `2 rows`. */
function counted(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}
