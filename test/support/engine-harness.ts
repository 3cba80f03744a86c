import { createHash } from 'node:crypto'
import { createReadStream, promises as fs } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { JobSnapshot, JobState } from '../../src/shared/jobs'
import type { EngineSettings } from '../../src/main/engine/job-manager'
import type { Logger } from '../../src/main/common/logger'
import type { SourceResolver } from '../../src/main/engine/source'
import { createEngineRuntime, type EngineRuntime } from '../../src/main/runtime/engine-runtime'

/** Engine settings small enough that fault scenarios play out in a test's time. */
export const fastSettings: Partial<EngineSettings> = {
  minPieceBytes: 256 * 1024,
  checkpointIntervalMs: 100,
  stallTimeoutMs: 1_000,
  retryBaseMs: 20,
  jobRetryBaseMs: 50,
  progressIntervalMs: 50,
  diskReserveBytes: 0,
  // Loopback is faster than any real link; tests exercise several connections regardless.
  fastConnectionBytesPerSecond: 0,
}

export interface TestEngine extends EngineRuntime {
  directory: string
  dataFolder: string
  logLines: string[]
  states: Map<number, JobState[]>
  /** Resolves when the job reaches one of the states. */
  waitForState(id: number, states: readonly JobState[]): Promise<JobSnapshot>
  cleanup(): Promise<void>
}

export async function createTestEngine(
  options: {
    settings?: Partial<EngineSettings>
    resolvers?: SourceResolver[]
    dataFolder?: string
    directory?: string
  } = {},
): Promise<TestEngine> {
  const root = await mkdtemp(join(tmpdir(), 'vod-engine-'))
  const dataFolder = options.dataFolder ?? join(root, 'data')
  const directory = options.directory ?? join(root, 'downloads')
  await fs.mkdir(directory, { recursive: true })
  const logLines: string[] = []
  const log: Logger = {
    info: (message) => logLines.push(`info: ${message}`),
    warn: (message) => logLines.push(`warn: ${message}`),
    error: (message) => logLines.push(`error: ${message}`),
  }
  const runtime = createEngineRuntime({
    dataFolder,
    log,
    settings: { ...fastSettings, ...options.settings },
    resolvers: options.resolvers ?? [],
  })
  const states = new Map<number, JobState[]>()
  const waiters: Array<{
    id: number
    states: readonly JobState[]
    resolve: (job: JobSnapshot) => void
  }> = []
  runtime.manager.events.on('state', (job) => {
    const list = states.get(job.id) ?? []
    if (list.at(-1) !== job.state) list.push(job.state)
    states.set(job.id, list)
    for (const waiter of [...waiters]) {
      if (waiter.id === job.id && waiter.states.includes(job.state)) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(job)
      }
    }
  })
  return {
    ...runtime,
    directory,
    dataFolder,
    logLines,
    states,
    waitForState(id, wanted) {
      const current = runtime.manager.get(id)
      if (current && wanted.includes(current.state)) return Promise.resolve(current)
      return new Promise((resolve) => waiters.push({ id, states: wanted, resolve }))
    },
    async cleanup() {
      await runtime.close()
      await fs.rm(root, { recursive: true, force: true })
    },
  }
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
