import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { maxConnectionsPerJob } from '../../main/engine/job-manager'
import { fileChoiceWords, parseFileChoice } from '../../main/lists/file-choices'
import { vodImportDependencies } from '../../main/lists/import-dependencies'
import type { LineProblem } from '../../main/lists/import-list'
import { importBatchLabel, planListImport } from '../../main/lists/import-text'
import { readListFile } from '../../main/lists/read-list'
import type { VodClient } from '../../main/vod/client'
import { parseHeaders, parsePositiveInteger, UsageError } from '../arguments'
import type { CliContext } from '../context'
import { downloadInForeground } from '../download-jobs'
import { authTimeoutFrom, vodClientFrom, vodResolverFrom } from './vod/connection'
import { connectionOptions } from './vod/connection-options'
import { parseOutputType } from './vod/options'

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
  // Only a list that names media ids needs credentials; a list of URLs works without.
  let client = undefined as VodClient | undefined
  const plan = await planListImport(
    listName,
    text,
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
    () => {
      client = vodClientFrom(values, context)
      return vodImportDependencies(client, outputType)
    },
  )
  report(context, listName, plan.problems, 'error')
  report(context, listName, plan.notes, 'note')
  const badLines = plan.badLineCount
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
      batchLabel: (count) => importBatchLabel(listName, count),
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

function report(
  context: CliContext,
  listName: string,
  problems: readonly LineProblem[],
  label: string,
): void {
  for (const problem of problems) {
    context.stderr.write(`${listName}:${problem.line}: ${label}: ${problem.message}\n`)
  }
}
