import { describe, expect, it } from 'vitest'
import type { JobTransition } from '../../../src/main/desktop/downloads-monitor'
import { DownloadsMonitor } from '../../../src/main/desktop/downloads-monitor'
import { FakeDownloads, makeJob, makeProgress } from './fakes/downloads'
import { FakeScheduler } from './fakes/scheduler'

describe('DownloadsMonitor', () => {
  it('seeds from list() and follows state, progress and removals', () => {
    const running = makeJob({ state: 'downloading' })
    const engine = new FakeDownloads([running, makeJob({ state: 'completed' })])
    const monitor = new DownloadsMonitor(engine)
    expect(monitor.aggregate()).toMatchObject({ active: 1, moving: 0 })

    engine.progress(makeProgress({ id: running.id, speed: 100, doneBytes: 10 }))
    expect(monitor.aggregate()).toMatchObject({ moving: 1, speed: 100 })

    engine.state({ ...running, state: 'paused' })
    expect(monitor.aggregate()).toMatchObject({ active: 0, paused: 1, speed: 0 })
    // A late progress tick for a job that already paused is ignored.
    engine.progress(makeProgress({ id: running.id, speed: 100 }))
    expect(monitor.aggregate().speed).toBe(0)

    engine.removed(running.id)
    expect(monitor.job(running.id)).toBeUndefined()
    expect(monitor.aggregate().paused).toBe(0)
  })

  it('reports state transitions only when the state changes', () => {
    const job = makeJob({ state: 'queued' })
    const engine = new FakeDownloads([job])
    const monitor = new DownloadsMonitor(engine)
    const transitions: JobTransition[] = []
    monitor.onTransition((transition) => transitions.push(transition))
    engine.state({ ...job, state: 'downloading' })
    engine.state({ ...job, state: 'downloading', doneBytes: 5 })
    const fresh = engine.state(makeJob({ state: 'queued' }))
    expect(transitions.map(({ previous, snapshot }) => [previous, snapshot.state])).toEqual([
      ['queued', 'downloading'],
      [undefined, 'queued'],
    ])
    expect(transitions[1]?.snapshot.id).toBe(fresh.id)
  })

  it('waits until every job has settled, or gives up at the timeout', async () => {
    const scheduler = new FakeScheduler()
    const job = makeJob({ state: 'downloading' })
    const engine = new FakeDownloads([job])
    const monitor = new DownloadsMonitor(engine)
    const settled = monitor.waitUntilSettled((callback) => scheduler.schedule(1000, callback))
    engine.state({ ...job, state: 'paused' })
    await expect(settled).resolves.toBe('settled')
    expect(scheduler.pendingTimers).toBe(0)

    engine.state({ ...job, state: 'downloading' })
    const stuck = monitor.waitUntilSettled((callback) => scheduler.schedule(1000, callback))
    scheduler.advance(1000)
    await expect(stuck).resolves.toBe('timeout')

    engine.state({ ...job, state: 'paused' })
    await expect(
      monitor.waitUntilSettled((callback) => scheduler.schedule(1000, callback)),
    ).resolves.toBe('settled')
  })

  it('prefers the engine shutdown for quitting and falls back to pause all', async () => {
    const engine = new FakeDownloads()
    const monitor = new DownloadsMonitor(engine)
    await monitor.stopForQuit()
    expect(engine.calls).toEqual(['pauseAll'])
    engine.shutdown = () => {
      engine.calls.push('shutdown')
      return Promise.resolve()
    }
    await monitor.stopForQuit()
    await monitor.resumeAll()
    expect(engine.calls).toEqual(['pauseAll', 'shutdown', 'resumeAll'])
  })

  it('unsubscribes from the engine on dispose', () => {
    const engine = new FakeDownloads()
    const monitor = new DownloadsMonitor(engine)
    expect(engine.listenerCount).toBe(1)
    monitor.dispose()
    expect(engine.listenerCount).toBe(0)
  })
})
