import { describe, expect, it } from 'vitest'
import { toErrorData } from '../../../src/shared/errors'
import { DownloadsMonitor } from '../../../src/main/desktop/downloads-monitor'
import { FinishedJobNotifier } from '../../../src/main/desktop/finished-job-notifier'
import type {
  NotificationMode,
  NotificationModel,
} from '../../../src/main/desktop/policies/notification-grouping'
import { FakeDownloads, makeJob } from './fakes/downloads'
import { FakeScheduler } from './fakes/scheduler'

function setup(mode: NotificationMode = 'batch') {
  const scheduler = new FakeScheduler()
  const jobs = [1, 2, 3].map((id) =>
    makeJob({ id: 100 + id, state: 'downloading', fileName: `show/ep${id}.mp4` }),
  )
  const engine = new FakeDownloads(jobs)
  const monitor = new DownloadsMonitor(engine)
  const shown: NotificationModel[] = []
  const preferences = { mode, language: 'en' as const }
  const notifier = new FinishedJobNotifier({
    monitor,
    scheduler,
    sink: { show: (model) => shown.push(model) },
    preferences: () => preferences,
    timing: { settleMs: 2000, maximumDelayMs: 60_000 },
  })
  return { scheduler, jobs, engine, shown, notifier, preferences }
}

describe('FinishedJobNotifier', () => {
  it('announces a whole batch once the queue drains and settles', () => {
    const { scheduler, jobs, engine, shown } = setup()
    const [first, second, third] = jobs as [
      ReturnType<typeof makeJob>,
      ReturnType<typeof makeJob>,
      ReturnType<typeof makeJob>,
    ]
    engine.state({ ...first, state: 'completed' })
    scheduler.advance(500)
    engine.state({ ...second, state: 'completed' })
    engine.state({ ...third, state: 'failed', error: toErrorData('UrlExpired') })
    expect(shown).toEqual([])
    scheduler.advance(1999)
    expect(shown).toEqual([])
    scheduler.advance(1)
    expect(shown).toHaveLength(1)
    expect(shown[0]).toMatchObject({
      body: '2 files downloaded, 1 failed: ep3.mp4',
      jobIds: [101, 102, 103],
    })
    expect(scheduler.pendingTimers).toBe(0)
  })

  it('keeps collecting while other jobs still run', () => {
    const { scheduler, jobs, engine, shown } = setup()
    engine.state({ ...jobs[0]!, state: 'completed' })
    scheduler.advance(30_000)
    expect(shown).toEqual([])
    engine.state({ ...jobs[1]!, state: 'paused' })
    engine.state({ ...jobs[2]!, state: 'paused' })
    scheduler.advance(2000)
    expect(shown.map((model) => model.body)).toEqual(['Downloaded ep1.mp4'])
  })

  it('ignores jobs that were already finished and follows the mode setting', () => {
    const { scheduler, jobs, engine, shown, preferences } = setup('none')
    engine.state(makeJob({ state: 'completed' }))
    engine.state({ ...jobs[0]!, state: 'completed' })
    scheduler.advance(10_000)
    expect(shown).toEqual([])
    preferences.mode = 'each'
    engine.state({ ...jobs[1]!, state: 'completed' })
    expect(shown.map((model) => model.body)).toEqual(['Downloaded ep2.mp4'])
  })

  it('cancels its timer on dispose', () => {
    const { scheduler, jobs, engine, shown, notifier } = setup()
    engine.state({ ...jobs[0]!, state: 'completed' })
    notifier.dispose()
    scheduler.advance(120_000)
    expect(shown).toEqual([])
  })
})
