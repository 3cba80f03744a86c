import { describe, expect, it } from 'vitest'
import { PowerController, watchPowerEvents } from '../../../../src/main/desktop/adapters/power'
import { DownloadsMonitor } from '../../../../src/main/desktop/downloads-monitor'
import { FakeDownloads, makeJob, makeProgress } from '../fakes/downloads'
import { FakeEmitter, FakePowerSaveBlocker } from '../fakes/electron'
import { FakeScheduler } from '../fakes/scheduler'

describe('PowerController', () => {
  it('holds prevent-app-suspension only while bytes move', () => {
    const scheduler = new FakeScheduler()
    const job = makeJob({ state: 'queued' })
    const engine = new FakeDownloads([job])
    const blocker = new FakePowerSaveBlocker()
    const controller = new PowerController(new DownloadsMonitor(engine), blocker, scheduler, {
      stallGraceMs: 10_000,
    })
    expect(controller.holding).toBe(false)

    engine.state({ ...job, state: 'probing' })
    expect(controller.holding).toBe(true)
    engine.state({ ...job, state: 'downloading' })
    engine.progress(makeProgress({ id: job.id, speed: 1000 }))
    engine.progress(makeProgress({ id: job.id, speed: 900 }))
    expect(blocker.log).toEqual(['start prevent-app-suspension'])

    engine.state({ ...job, state: 'paused' })
    expect(controller.holding).toBe(false)
    expect(blocker.active.size).toBe(0)
  })

  it('releases after the stall grace when speed stays at zero', () => {
    const scheduler = new FakeScheduler()
    const job = makeJob({ state: 'downloading' })
    const engine = new FakeDownloads([job])
    const blocker = new FakePowerSaveBlocker()
    const controller = new PowerController(new DownloadsMonitor(engine), blocker, scheduler, {
      stallGraceMs: 10_000,
    })
    engine.progress(makeProgress({ id: job.id, speed: 1000 }))
    engine.progress(makeProgress({ id: job.id, speed: 0 }))
    scheduler.advance(9_999)
    expect(controller.holding).toBe(true)
    scheduler.advance(1)
    expect(controller.holding).toBe(false)
  })

  it('releases on dispose', () => {
    const job = makeJob({ state: 'refreshing' })
    const engine = new FakeDownloads([job])
    const blocker = new FakePowerSaveBlocker()
    const controller = new PowerController(
      new DownloadsMonitor(engine),
      blocker,
      new FakeScheduler(),
    )
    expect(blocker.active.size).toBe(1)
    controller.dispose()
    expect(blocker.active.size).toBe(0)
  })
})

describe('watchPowerEvents', () => {
  it('forwards suspend, resume and shutdown until disposed', () => {
    const powerMonitor = new FakeEmitter()
    const seen: string[] = []
    const subscription = watchPowerEvents(powerMonitor, {
      onSuspend: () => seen.push('suspend'),
      onResume: () => seen.push('resume'),
      onShutdown: () => seen.push('shutdown'),
    })
    powerMonitor.emit('suspend')
    powerMonitor.emit('resume')
    powerMonitor.emit('shutdown')
    subscription.dispose()
    powerMonitor.emit('resume')
    expect(seen).toEqual(['suspend', 'resume', 'shutdown'])
  })
})
