import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { maxConnectionsPerJob, type NewJob } from '../../main/engine/job-manager'
import { parseHeaders, parsePositiveInteger, UsageError } from '../arguments'
import type { CliContext } from '../context'
import { downloadInForeground } from '../download-jobs'

/** Reads URLs from a list file: one per line, blank lines and # comments skipped. */
export function readUrlList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
}

export async function getCommand(argv: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      name: { type: 'string', short: 'n' },
      connections: { type: 'string', short: 'c' },
      jobs: { type: 'string', short: 'j' },
      input: { type: 'string', short: 'i' },
      header: { type: 'string', short: 'H', multiple: true },
      referer: { type: 'string' },
      limit: { type: 'string' },
      'max-unknown-size': { type: 'string' },
      home: { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
    },
  })
  const urls = [...positionals]
  if (values.input)
    urls.push(...readUrlList(readFileSync(resolve(context.workingDirectory, values.input), 'utf8')))
  if (urls.length === 0) throw new UsageError('give at least one URL (or --input FILE)')
  if (values.name && urls.length > 1) throw new UsageError('--name works with one URL only')
  const connections = parsePositiveInteger(
    values.connections,
    '--connections',
    maxConnectionsPerJob,
  )
  const concurrentJobs = parsePositiveInteger(values.jobs, '--jobs', 256)
  const headers = parseHeaders(values.header ?? [])
  if (values.referer) headers.referer = values.referer
  const directory = resolve(context.workingDirectory, values.output ?? '.')
  const jobs: NewJob[] = urls.map((url) => ({
    source: Object.keys(headers).length > 0 ? { kind: 'url', url, headers } : { kind: 'url', url },
    directory,
    ...(values.name === undefined ? {} : { fileName: values.name }),
    ...(connections === undefined ? {} : { connections }),
  }))
  return downloadInForeground(
    jobs,
    {
      home: values.home,
      verbose: values.verbose ?? false,
      concurrentJobs,
      limit: values.limit,
      maxUnknownSize: values['max-unknown-size'],
      batchLabel: (count) => `${count} URLs`,
    },
    context,
  )
}
