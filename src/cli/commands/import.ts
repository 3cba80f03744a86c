import { basename, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { AppError } from '../../shared/errors'
import { maxConnectionsPerJob } from '../../main/engine/job-manager'
import { fileChoiceWords, parseFileChoice } from '../../main/lists/file-choices'
import { detectListFormat, parseImportList, type LineProblem } from '../../main/lists/import-list'
import { planImport, type ImportDependencies } from '../../main/lists/import-plan'
import { lookupMedia } from '../../main/lists/media-lookup'
import { readListFile } from '../../main/lists/read-list'
import type { VodClient } from '../../main/vod/client'
import { parseHeaders, parsePositiveInteger, UsageError } from '../arguments'
import type { CliContext } from '../context'
import { downloadInForeground } from '../download-jobs'
import {
  connectionOptions,
  authTimeoutFrom,
  vodClientFrom,
  vodResolverFrom,
} from './vod/connection'
import { mediaFiles } from './vod/media-files'
import { parseOutputType } from './vod/options'
import { selectFiles } from './vod/select-files'

/**
 * `vod-dl import FILE`: every line of a list (media ids and URLs, as CSV or plain text) becomes
 * a job of one batch, run in the foreground like `vod get`. Bad lines are reported by line
 * number and skipped; the good ones are still downloaded.
 */
export async function importCommand(argv: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...connectionOptions,
      output: { type: 'string', short: 'o' },
      file: { type: 'string' },
      definition: { type: 'string' },
      format: { type: 'string' },
      'output-type': { type: 'string', default: 'cdn' },
      connections: { type: 'string', short: 'c' },
      jobs: { type: 'string', short: 'j' },
      header: { type: 'string', short: 'H', multiple: true },
      limit: { type: 'string' },
      home: { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
    },
  })
  if (positionals.length !== 1) throw new UsageError('give one list file to import')
  const listName = positionals[0] as string
  const choice = values.file === undefined ? undefined : parseFileChoice(values.file)
  if (values.file !== undefined && !choice) {
    throw new UsageError(`--file must be one of ${fileChoiceWords.join(', ')}`)
  }
  const outputType = parseOutputType(values['output-type'])
  const connections = parsePositiveInteger(
    values.connections,
    '--connections',
    maxConnectionsPerJob,
  )
  const concurrentJobs = parsePositiveInteger(values.jobs, '--jobs', 256)
  const urlHeaders = parseHeaders(values.header ?? [])
  if (values.referer) urlHeaders.referer = values.referer
  // Only an explicit lifetime is pinned on the jobs; otherwise large files get the long one.
  const authTimeout = values['auth-timeout'] === undefined ? undefined : authTimeoutFrom(values)

  const text = await readListFile(resolve(context.workingDirectory, listName))
  const parsed = parseImportList(text, detectListFormat(listName, text))
  const needsVod = parsed.entries.some((entry) => entry.target.kind === 'media')
  const client = needsVod ? vodClientFrom(values, context) : undefined
  const plan = await planImport(
    parsed.entries,
    {
      directory: resolve(context.workingDirectory, values.output ?? '.'),
      ...(choice ? { choice } : {}),
      ...(values.definition ? { definition: values.definition.toUpperCase() } : {}),
      ...(values.format ? { format: values.format.toLowerCase() } : {}),
      outputType,
      ...(authTimeout === undefined ? {} : { authTimeout }),
      ...(connections === undefined ? {} : { connections }),
      ...(Object.keys(urlHeaders).length > 0 ? { urlHeaders } : {}),
    },
    client ? vodDependencies(client, outputType) : noVodDependencies,
  )
  const problems = [...parsed.problems, ...plan.problems]
  report(context, listName, problems, 'error')
  report(context, listName, plan.notes, 'note')
  const badLines = new Set(problems.map((problem) => problem.line)).size
  if (plan.jobs.length === 0) {
    context.stderr.write(`vod-dl: nothing to download from ${listName}\n`)
    return 1
  }
  const status = await downloadInForeground(
    plan.jobs,
    {
      home: values.home,
      verbose: values.verbose ?? false,
      concurrentJobs,
      limit: values.limit,
      resolvers: client ? [vodResolverFrom(client, values)] : [],
      batchLabel: (count) => `${basename(listName)} (${count} files)`,
    },
    context,
  )
  if (badLines > 0) {
    context.stderr.write(
      `${badLines} line${badLines === 1 ? ' was' : 's were'} not imported (listed above)\n`,
    )
  }
  return Math.max(status, badLines > 0 ? 1 : 0)
}

/** Ids checked in batches, files listed as `vod get` lists them. */
function vodDependencies(
  client: VodClient,
  outputType: ReturnType<typeof parseOutputType>,
): ImportDependencies {
  return {
    lookupMedia: (mediaIds) => lookupMedia(client, mediaIds),
    async listFiles(media, request) {
      const listed = await mediaFiles(client, media.mediaId, media.mediaType, outputType)
      return { title: listed.title, ...selectFiles(listed.files, request) }
    },
  }
}

/** A list of URLs only never reaches the VOD API. */
const noVodDependencies: ImportDependencies = {
  lookupMedia: () => Promise.reject(new AppError('NotConfigured')),
  listFiles: () => Promise.reject(new AppError('NotConfigured')),
}

function report(
  context: CliContext,
  listName: string,
  problems: readonly LineProblem[],
  label: string,
): void {
  for (const problem of [...problems].sort((left, right) => left.line - right.line)) {
    context.stderr.write(`${listName}:${problem.line}: ${label}: ${problem.message}\n`)
  }
}
