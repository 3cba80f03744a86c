import { parseArgs } from 'node:util'
import { formatBytes } from '../../shared/format'
import { createEngineRuntime } from '../../main/runtime/engine-runtime'
import type { CliContext } from '../context'
import { cliLogger, dataFolder } from '../home'
import { connectionOptions } from './vod/connection-options'
import { vodResolverForExistingJobs } from './vod/lazy-resolver'

export async function jobsCommand(argv: string[], context: CliContext): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...connectionOptions,
      json: { type: 'boolean' },
      home: { type: 'string' },
    },
  })
  const runtime = createEngineRuntime({
    dataFolder: dataFolder(values.home, context),
    resolvers: [vodResolverForExistingJobs(values, context)],
    log: cliLogger(context, false),
  })
  try {
    const jobs = runtime.manager.list().sort((first, second) => first.id - second.id)
    if (values.json) {
      context.stdout.write(`${JSON.stringify(jobs, null, 2)}\n`)
      return 0
    }
    if (jobs.length === 0) {
      context.stdout.write('No jobs.\n')
      return 0
    }
    const rows = jobs.map((job) => [
      String(job.id),
      job.state,
      `${formatBytes(job.doneBytes)}/${formatBytes(job.totalBytes)}`,
      job.fileName || job.label,
      job.error ? `${job.error.code}: ${job.error.message}` : '',
    ])
    const header = ['ID', 'STATE', 'BYTES', 'FILE', 'LAST ERROR']
    const widths = header.map((title, column) =>
      Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
    )
    for (const row of [header, ...rows]) {
      const line = row
        .map((cell, column) =>
          column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0),
        )
        .join('  ')
      context.stdout.write(`${line.trimEnd()}\n`)
    }
    return 0
  } finally {
    await runtime.close()
  }
}
