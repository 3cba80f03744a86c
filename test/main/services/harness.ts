import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  dispatchRequest,
  type EventMessage,
  type EventName,
  type EventPayload,
  type RequestInput,
  type RequestName,
  type RequestOutput,
} from '../../../src/shared/contract'
import type { ErrorData } from '../../../src/shared/errors'
import type { JobSnapshot, JobState } from '../../../src/shared/jobs'
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../../src/emulator/index'
import type { EngineSettings } from '../../../src/main/engine/job-manager'
import type { Logger } from '../../../src/main/common/logger'
import { createAppRuntime, type AppRuntime } from '../../../src/main/runtime/app-runtime'
import { createFileKeySecretBox } from '../../../src/main/runtime/secret-box'

/** Engine settings that let faults and expiries play out within a test's time. */
export const quickEngineSettings: Partial<EngineSettings> = {
  checkpointIntervalMs: 100,
  stallTimeoutMs: 2_000,
  retryBaseMs: 20,
  jobRetryBaseMs: 50,
  diskReserveBytes: 0,
}

export interface AppHarness {
  runtime: AppRuntime
  emulator: RunningEmulator
  root: string
  dataFolder: string
  downloadFolder: string
  /** Every event the runtime emitted, in order. */
  events: EventMessage[]
  logLines: string[]
  /** Calls a request through the contract's dispatcher, as a bridge would. */
  call<Name extends RequestName>(
    name: Name,
    input: RequestInput<Name>,
  ): Promise<RequestOutput<Name>>
  /** The error data a request fails with (throws when it succeeds). */
  failure<Name extends RequestName>(name: Name, input: RequestInput<Name>): Promise<ErrorData>
  /** Resolves with the payload of the next matching event (or a past one, when `past`). */
  nextEvent<Name extends EventName>(
    name: Name,
    matches?: (payload: EventPayload<Name>) => boolean,
  ): Promise<EventPayload<Name>>
  /** Resolves when the job's snapshot (from `jobs.changed`) reaches one of the states. */
  waitForJob(id: number, states: readonly JobState[]): Promise<JobSnapshot>
  /** Saves the emulator's demo AccessKey as the account. */
  connectDemoAccount(): Promise<void>
  cleanup(): Promise<void>
}

/**
 * A real app runtime (SQLite in a temp folder, file-key secret box, the SDK client) against a
 * real emulator on 127.0.0.1.
 */
export async function startAppHarness(
  options: {
    emulator?: EmulatorOptions
    engineSettings?: Partial<EngineSettings>
    environment?: Record<string, string | undefined>
    connect?: boolean
  } = {},
): Promise<AppHarness> {
  const root = await mkdtemp(join(tmpdir(), 'vod-services-'))
  const dataFolder = join(root, 'data')
  const downloadFolder = join(root, 'downloads')
  const emulator = await startEmulator(options.emulator ?? {})
  const logLines: string[] = []
  const log: Logger = {
    info: (message) => logLines.push(`info: ${message}`),
    warn: (message) => logLines.push(`warn: ${message}`),
    error: (message) => logLines.push(`error: ${message}`),
  }
  const runtime = createAppRuntime({
    dataFolder,
    shell: 'headless',
    secretBox: createFileKeySecretBox(dataFolder),
    log,
    environment: options.environment ?? {},
    downloadFolder,
    version: '9.9.9-test',
    engineSettings: { ...quickEngineSettings, ...options.engineSettings },
  })
  const events: EventMessage[] = []
  const watchers = new Set<(message: EventMessage) => void>()
  runtime.events.subscribe((message) => {
    events.push(message)
    for (const watcher of [...watchers]) watcher(message)
  })
  const latest = new Map<number, JobSnapshot>()
  runtime.events.subscribe((message) => {
    if (message.event !== 'jobs.changed') return
    for (const job of message.payload) latest.set(job.id, job)
  })

  async function call<Name extends RequestName>(
    name: Name,
    input: RequestInput<Name>,
  ): Promise<RequestOutput<Name>> {
    const result = await dispatchRequest(runtime.handlers, name, input)
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`)
    return result.value as RequestOutput<Name>
  }

  function nextEvent<Name extends EventName>(
    name: Name,
    matches: (payload: EventPayload<Name>) => boolean = () => true,
  ): Promise<EventPayload<Name>> {
    return new Promise((resolve) => {
      const watcher = (message: EventMessage): void => {
        if (message.event !== name) return
        const payload = message.payload as EventPayload<Name>
        if (!matches(payload)) return
        watchers.delete(watcher)
        resolve(payload)
      }
      watchers.add(watcher)
    })
  }

  const harness: AppHarness = {
    runtime,
    emulator,
    root,
    dataFolder,
    downloadFolder,
    events,
    logLines,
    call,
    async failure(name, input) {
      const result = await dispatchRequest(runtime.handlers, name, input)
      if (result.ok) throw new Error(`${name} succeeded but a failure was expected`)
      return result.error
    },
    nextEvent,
    waitForJob(id, states) {
      const known = latest.get(id) ?? runtime.engine.manager.get(id)
      if (known && states.includes(known.state)) return Promise.resolve(known)
      return nextEvent('jobs.changed', (jobs) =>
        jobs.some((job) => job.id === id && states.includes(job.state)),
      ).then((jobs) => jobs.find((job) => job.id === id) as JobSnapshot)
    },
    async connectDemoAccount() {
      await call('account.save', {
        kind: 'access-key',
        accessKeyId: emulator.accessKeyId,
        accessKeySecret: emulator.accessKeySecret,
        regionId: emulator.regionId,
        endpoint: emulator.endpoint,
      })
    },
    async cleanup() {
      await runtime.close()
      await emulator.close()
      await rm(root, { recursive: true, force: true })
    },
  }
  if (options.connect ?? true) await harness.connectDemoAccount()
  return harness
}
