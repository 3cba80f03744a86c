import { parseArgs } from 'node:util'
import { createEngineRuntime } from '../../main/runtime/engine-runtime'
import { parseJobIds, UsageError } from '../arguments'
import type { CliContext } from '../context'
import { cliLogger, dataFolder } from '../home'
import { connectionOptions } from './vod/connection-options'
import { vodResolverForExistingJobs } from './vod/lazy-resolver'
import { runInForeground } from '../run-jobs'

export async function resumeCommand(argv: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...connectionOptions,
      all: { type: 'boolean' },
      home: { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
    },
  })
  if (!values.all && positionals.length === 0) throw new UsageError('give job ids or --all')
  if (values.all && positionals.length > 0) throw new UsageError('give job ids or --all, not both')
  const runtime = createEngineRuntime({
    dataFolder: dataFolder(values.home, context),
    resolvers: [vodResolverForExistingJobs(values, context)],
    log: cliLogger(context, values.verbose ?? false),
    ...(context.network ? { agents: context.network.agents } : {}),
    // An encrypted HLS job that still needs its key asks for it with this token again.
    hls: { mtsHlsUriToken: () => context.environment.VOD_DL_HLS_TOKEN },
  })
  try {
    const manager = runtime.manager
    const ids = values.all
      ? manager
          .list()
          .filter((job) => job.state !== 'completed' && job.state !== 'canceled')
          .map((job) => job.id)
      : parseJobIds(positionals)
    if (ids.length === 0) {
      context.stderr.write('Nothing to resume.\n')
      return 0
    }
    for (const id of ids) {
      const job = manager.get(id)
      if (job && (job.state === 'paused' || job.state === 'failed')) manager.resume(id)
    }
    return await runInForeground(manager, ids, context)
  } finally {
    await runtime.close()
  }
}
