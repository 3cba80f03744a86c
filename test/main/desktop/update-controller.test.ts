import { describe, expect, it } from 'vitest'
import type { UpdaterLike } from '../../../src/main/desktop/adapters/updater'
import { toDisposable } from '../../../src/main/common/disposable'
import { DownloadsMonitor } from '../../../src/main/desktop/downloads-monitor'
import type { RestartChoice } from '../../../src/main/desktop/policies/update'
import { QuitCoordinator } from '../../../src/main/desktop/quit-coordinator'
import type {
  UpdateControllerOptions,
  UpdatePreferences,
} from '../../../src/main/desktop/update-controller'
import { UpdateController } from '../../../src/main/desktop/update-controller'
import type { UpdateStatus } from '../../../src/shared/contract'
import { FakeDownloads, makeJob } from './fakes/downloads'
import { FakeApp } from './fakes/electron'
import { FakeScheduler } from './fakes/scheduler'
import { FakeUpdater } from './fakes/updater'

const minute = 60_000
const hour = 60 * minute

/** Lets pending promise callbacks run (no timers involved). */
async function settle(): Promise<void> {
  for (let round = 0; round < 20; round++) await Promise.resolve()
}

function setup(
  options: {
    jobs?: ReturnType<typeof makeJob>[]
    preferences?: UpdatePreferences
    answer?: RestartChoice
    overrides?: Partial<UpdateControllerOptions>
  } = {},
) {
  const app = new FakeApp()
  const scheduler = new FakeScheduler()
  const jobs = options.jobs ?? []
  const engine = new FakeDownloads(jobs)
  engine.shutdown = () => {
    engine.calls.push('shutdown')
    for (const job of engine.list()) engine.state({ ...job, state: 'queued' })
    return Promise.resolve()
  }
  const monitor = new DownloadsMonitor(engine)
  const quitAsked: number[] = []
  const quit = new QuitCoordinator({
    app,
    monitor,
    scheduler,
    confirm: (running) => {
      quitAsked.push(running)
      return Promise.resolve(false)
    },
  })
  const updater = new FakeUpdater()
  updater.onQuit = () => app.quit()
  let loads = 0
  let preferences: UpdatePreferences = options.preferences ?? { enabled: true, channel: 'stable' }
  const preferenceListeners = new Set<() => void>()
  const asked: string[] = []
  const ready: string[] = []
  const log: string[] = []
  let relaunched = 0
  const controller = new UpdateController({
    support: { supported: true },
    feed: { kind: 'feed', url: 'https://updates.corp.cn/vod/', source: 'built-in' },
    loadUpdater: () => {
      loads++
      return Promise.resolve(updater as unknown as UpdaterLike)
    },
    preferences: () => preferences,
    onPreferencesChange: (listener) => {
      preferenceListeners.add(listener)
      return toDisposable(() => preferenceListeners.delete(listener))
    },
    monitor,
    scheduler,
    askRestart: (running, version) => {
      asked.push(`${running} ${version}`)
      return Promise.resolve(options.answer ?? 'cancel')
    },
    prepareRestart: () => quit.prepareRestart(),
    relaunch: () => relaunched++,
    notifyReady: (version) => ready.push(version),
    log: (message) => log.push(message),
    ...options.overrides,
  })
  const statuses: UpdateStatus[] = []
  controller.onChange((status) => statuses.push(status))
  return {
    app,
    scheduler,
    engine,
    updater,
    controller,
    statuses,
    asked,
    ready,
    log,
    quitAsked,
    loads: () => loads,
    relaunched: () => relaunched,
    setPreferences(next: UpdatePreferences) {
      preferences = next
      for (const listener of [...preferenceListeners]) listener()
    },
  }
}

/** Runs the first check (a minute after start) and lets its events land. */
async function firstCheck(context: ReturnType<typeof setup>): Promise<void> {
  context.scheduler.advance(minute)
  await settle()
}

describe('UpdateController: when it checks', () => {
  it('checks a minute after start against the configured feed, then every four hours', async () => {
    const context = setup()
    const { scheduler, updater } = context
    expect(context.loads()).toBe(0)
    scheduler.advance(minute - 1)
    await settle()
    expect(updater.calls).toEqual([])
    await firstCheck(context)
    expect(updater.calls).toEqual(['setFeedURL https://updates.corp.cn/vod/', 'check latest'])
    expect(updater).toMatchObject({
      autoDownload: true,
      autoInstallOnAppQuit: true,
      allowDowngrade: false,
      channel: 'latest',
    })
    scheduler.advance(4 * hour - 1)
    await settle()
    expect(updater.calls.filter((call) => call.startsWith('check'))).toHaveLength(1)
    scheduler.advance(1)
    await settle()
    expect(updater.calls.filter((call) => call.startsWith('check'))).toHaveLength(2)
    expect(context.controller.status()).toEqual({
      state: 'idle',
      lastCheckedAt: scheduler.now(),
      lastCheckFailed: false,
    })
  })

  it('tries again within the hour after a check that did not reach the feed', async () => {
    const context = setup()
    context.updater.script = [{ kind: 'offline' }, { kind: 'none' }]
    await firstCheck(context)
    expect(context.controller.status()).toMatchObject({ state: 'idle', lastCheckFailed: true })
    context.scheduler.advance(hour)
    await settle()
    expect(context.updater.calls.filter((call) => call.startsWith('check'))).toHaveLength(2)
    expect(context.controller.status()).toMatchObject({ state: 'idle', lastCheckFailed: false })
  })

  it('never loads the updater in a development build or with the placeholder feed', async () => {
    for (const overrides of [
      { support: { supported: false as const, reason: 'development' as const } },
      {
        feed: {
          kind: 'none' as const,
          reason: 'placeholder' as const,
          detail: 'https://updates.example.com is a placeholder',
        },
      },
    ]) {
      const context = setup({ overrides })
      context.scheduler.advance(24 * hour)
      await settle()
      expect(context.loads()).toBe(0)
      expect(context.scheduler.pendingTimers).toBe(0)
      expect(context.controller.status().state).toBe('unavailable')
    }
  })

  it('stops checking when switched off, and looks again soon when switched back on', async () => {
    const context = setup()
    await firstCheck(context)
    context.setPreferences({ enabled: false, channel: 'stable' })
    expect(context.controller.status()).toEqual({ state: 'off' })
    context.scheduler.advance(24 * hour)
    await settle()
    expect(context.updater.calls.filter((call) => call.startsWith('check'))).toHaveLength(1)
    context.setPreferences({ enabled: true, channel: 'beta' })
    await firstCheck(context)
    expect(context.updater.calls.at(-1)).toBe('check beta')
    expect(context.updater.allowDowngrade).toBe(false)
  })
})

describe('UpdateController: downloading and installing', () => {
  it('downloads in the background, says so once, and installs on quit', async () => {
    const context = setup()
    context.updater.script = [{ kind: 'found', version: '0.2.0' }]
    await firstCheck(context)
    expect(context.statuses.map((status) => status.state)).toEqual([
      'checking',
      'downloading',
      'downloading',
      'ready',
    ])
    expect(context.controller.status()).toEqual({
      state: 'ready',
      version: '0.2.0',
      waitingForDownloads: false,
    })
    expect(context.ready).toEqual(['0.2.0'])
    expect(context.updater.autoInstallOnAppQuit).toBe(true)
    // The next check finds the same version: no second notice.
    context.scheduler.advance(4 * hour)
    await settle()
    expect(context.ready).toEqual(['0.2.0'])
  })

  it('does not install on quit once updates are off, or a download of another channel', async () => {
    const context = setup()
    context.updater.script = [{ kind: 'found', version: '0.2.0' }]
    await firstCheck(context)
    context.setPreferences({ enabled: true, channel: 'beta' })
    await settle()
    expect(context.updater.autoInstallOnAppQuit).toBe(false)
    expect(await context.controller.restartNow()).toBe('nothing-to-install')
    context.setPreferences({ enabled: true, channel: 'stable' })
    await settle()
    expect(context.updater.autoInstallOnAppQuit).toBe(true)
    context.setPreferences({ enabled: false, channel: 'stable' })
    await settle()
    expect(context.updater.autoInstallOnAppQuit).toBe(false)
  })

  it('restarts at once with an idle queue, through an approved quit', async () => {
    const context = setup({ jobs: [makeJob({ state: 'completed' })] })
    context.updater.script = [{ kind: 'found', version: '0.2.0' }]
    await firstCheck(context)
    expect(await context.controller.restartNow()).toBe('restarting')
    expect(context.asked).toEqual([])
    expect(context.updater.calls.at(-1)).toBe('quitAndInstall silent=true runAfter=true')
    expect(context.app.exited).toBe(true)
    expect(context.quitAsked).toEqual([])
  })

  it('with downloads running, asks; "when downloads finish" installs once the queue is idle', async () => {
    const running = makeJob({ state: 'downloading' })
    const waiting = makeJob({ state: 'queued' })
    const context = setup({ jobs: [running, waiting], answer: 'wait' })
    context.updater.script = [{ kind: 'found', version: '0.2.0' }]
    await firstCheck(context)
    expect(await context.controller.restartNow()).toBe('waiting-for-downloads')
    expect(context.asked).toEqual(['2 0.2.0'])
    expect(context.controller.status()).toMatchObject({ state: 'ready', waitingForDownloads: true })
    context.engine.state({ ...running, state: 'completed' })
    await settle()
    expect(context.updater.calls.some((call) => call.startsWith('quitAndInstall'))).toBe(false)
    // The queued job starts and finishes: now nothing runs or waits.
    context.engine.state({ ...waiting, state: 'downloading' })
    context.engine.state({ ...waiting, state: 'completed' })
    await settle()
    expect(context.updater.calls.at(-1)).toBe('quitAndInstall silent=true runAfter=true')
    expect(context.engine.calls).toEqual([])
    expect(context.app.exited).toBe(true)
    expect(context.quitAsked).toEqual([])
  })

  it('"stop downloads and restart" stops them cleanly first, without asking again on quit', async () => {
    const context = setup({ jobs: [makeJob({ state: 'downloading' })], answer: 'stop' })
    context.updater.script = [{ kind: 'found', version: '0.2.0' }]
    await firstCheck(context)
    expect(await context.controller.restartNow()).toBe('restarting')
    expect(context.engine.calls).toEqual(['shutdown'])
    expect(context.updater.calls.at(-1)).toBe('quitAndInstall silent=true runAfter=true')
    expect(context.quitAsked).toEqual([])
    expect(context.app.exited).toBe(true)
  })

  it('cancel leaves the downloads and the update alone', async () => {
    const context = setup({ jobs: [makeJob({ state: 'downloading' })], answer: 'cancel' })
    context.updater.script = [{ kind: 'found', version: '0.2.0' }]
    await firstCheck(context)
    expect(await context.controller.restartNow()).toBe('canceled')
    expect(context.engine.calls).toEqual([])
    expect(context.updater.calls.some((call) => call.startsWith('quitAndInstall'))).toBe(false)
    expect(context.controller.status()).toMatchObject({
      state: 'ready',
      waitingForDownloads: false,
    })
  })

  it('restarts without the update when the installer cannot start, so downloads carry on', async () => {
    const context = setup({ jobs: [makeJob({ state: 'downloading' })], answer: 'stop' })
    context.updater.script = [{ kind: 'found', version: '0.2.0' }]
    context.updater.installFails = true
    await firstCheck(context)
    await context.controller.restartNow()
    expect(context.relaunched()).toBe(1)
    expect(context.log).toContain('The update could not be installed; restarting without it')
  })
})
