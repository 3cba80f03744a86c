import { describe, expect, it } from 'vitest'
import { DownloadsMonitor } from '../../../src/main/desktop/downloads-monitor'
import { QuitCoordinator } from '../../../src/main/desktop/quit-coordinator'
import { FakeDownloads, makeJob } from './fakes/downloads'
import { FakeApp } from './fakes/electron'
import { FakeScheduler } from './fakes/scheduler'

/** Lets pending promise callbacks run (no timers involved). */
async function settle(): Promise<void> {
  for (let round = 0; round < 10; round++) await Promise.resolve()
}

function setup(
  answer: boolean,
  jobs = [makeJob({ state: 'downloading' }), makeJob({ state: 'queued' })],
) {
  const app = new FakeApp()
  const scheduler = new FakeScheduler()
  const engine = new FakeDownloads(jobs)
  engine.shutdown = () => {
    engine.calls.push('shutdown')
    for (const job of jobs) engine.state({ ...job, state: 'queued' })
    return Promise.resolve()
  }
  const monitor = new DownloadsMonitor(engine)
  const asked: number[] = []
  const exits: string[] = []
  const coordinator = new QuitCoordinator({
    app,
    monitor,
    scheduler,
    confirm: (running) => {
      asked.push(running)
      return Promise.resolve(answer)
    },
    beforeExit: () => exits.push('beforeExit'),
  })
  return { app, scheduler, engine, coordinator, asked, exits }
}

describe('QuitCoordinator', () => {
  it('quits at once when nothing runs', () => {
    const { app, coordinator, asked, exits } = setup(true, [makeJob({ state: 'paused' })])
    coordinator.requestQuit()
    expect(app.exited).toBe(true)
    expect(asked).toEqual([])
    expect(coordinator.quitting).toBe(true)
    expect(exits).toEqual(['beforeExit'])
  })

  it('asks first, stops the jobs cleanly, then quits', async () => {
    const { app, engine, coordinator, asked } = setup(true)
    coordinator.requestQuit()
    expect(app.exited).toBe(false)
    await settle()
    expect(asked).toEqual([2])
    expect(engine.calls).toEqual(['shutdown'])
    expect(app.quitCalls).toBe(2)
    expect(app.exited).toBe(true)
  })

  it('keeps running when the user declines', async () => {
    const { app, engine, coordinator } = setup(false)
    coordinator.requestQuit()
    await settle()
    expect(app.exited).toBe(false)
    expect(engine.calls).toEqual([])
    expect(coordinator.quitting).toBe(false)
  })

  it('does not ask twice when quit is requested again while the dialog is open', async () => {
    const { app, coordinator, asked } = setup(true)
    coordinator.requestQuit()
    coordinator.requestQuit()
    await settle()
    expect(asked).toEqual([2])
    expect(app.exited).toBe(true)
  })

  it('does not ask during a system shutdown, and gives up waiting at the timeout', async () => {
    const { app, scheduler, engine, coordinator, asked } = setup(true)
    engine.shutdown = () => Promise.resolve()
    coordinator.requestQuit('system')
    await settle()
    expect(asked).toEqual([])
    expect(app.exited).toBe(false)
    scheduler.advance(3_000)
    await settle()
    expect(app.exited).toBe(true)
  })

  it('still quits when stopping the engine fails', async () => {
    const { app, engine, coordinator } = setup(true)
    engine.shutdown = () => Promise.reject(new Error('database locked'))
    coordinator.requestQuit()
    await settle()
    expect(app.exited).toBe(true)
  })

  it('stops listening on dispose', () => {
    const { app, coordinator } = setup(true)
    coordinator.dispose()
    expect(app.listenerCount('before-quit')).toBe(0)
  })
})
