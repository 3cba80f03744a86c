import type { NewJob } from '../main/engine/job-manager'
import type { SourceResolver } from '../main/engine/source'
import type { HlsSettings } from '../main/hls/hls-kind'
import { createEngineRuntime, type EngineRuntime } from '../main/runtime/engine-runtime'
import { parseByteRate } from './arguments'
import type { CliContext } from './context'
import { cliLogger, dataFolder } from './home'
import { runInForeground } from './run-jobs'

export interface DownloadOptions {
  home: string | undefined
  verbose: boolean
  /** Files downloaded at once. */
  concurrentJobs: number | undefined
  /** `--limit` as typed, e.g. `8M`. */
  limit: string | undefined
  /** `--max-unknown-size` as typed, e.g. `500G`. */
  maxUnknownSize?: string | undefined
  resolvers?: readonly SourceResolver[]
  /** HLS output and key token (`vod get --hls-output`, `--hls-token`). */
  hls?: Partial<HlsSettings>
  /** Names the batch when there is more than one job. */
  batchLabel: (count: number) => string
}

/**
 * The engine of a command that downloads (the job database in the data folder, the command's
 * limits), for commands that add and run jobs in steps of their own (`vod sync`).
 */
export function openDownloadRuntime(
  options: Omit<DownloadOptions, 'batchLabel'>,
  context: CliContext,
): EngineRuntime {
  return createEngineRuntime({
    dataFolder: dataFolder(options.home, context),
    log: cliLogger(context, options.verbose),
    ...(context.network ? { agents: context.network.agents } : {}),
    resolvers: options.resolvers ?? [],
    ...(options.hls ? { hls: options.hls } : {}),
    settings: {
      ...(options.concurrentJobs === undefined
        ? {}
        : { maxConcurrentJobs: options.concurrentJobs }),
      ...(options.limit === undefined
        ? {}
        : { speedLimitBytesPerSecond: parseByteRate(options.limit) }),
      ...(options.maxUnknownSize === undefined
        ? {}
        : { maxUnknownLengthBytes: parseByteRate(options.maxUnknownSize) }),
    },
  })
}

/** Adds the jobs to the database as one batch and runs them in the foreground; the exit status. */
export async function downloadInForeground(
  jobs: readonly NewJob[],
  options: DownloadOptions,
  context: CliContext,
): Promise<number> {
  const runtime = openDownloadRuntime(options, context)
  try {
    const created = runtime.manager.addMany(
      jobs,
      jobs.length > 1 ? options.batchLabel(jobs.length) : undefined,
    )
    return await runInForeground(
      runtime.manager,
      created.map((job) => job.id),
      context,
    )
  } finally {
    await runtime.close()
  }
}
