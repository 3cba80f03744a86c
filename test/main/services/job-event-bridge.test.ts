import { describe, expect, it } from 'vitest'
import type { CoalescerClock, EventMessage } from '../../../src/shared/contract'
import type { JobProgress, JobSnapshot, JobState } from '../../../src/shared/jobs'
import type { EngineEvents } from '../../../src/main/engine/job-manager'
import { TypedEmitter } from '../../../src/main/common/typed-emitter'
import { bridgeJobEvents } from '../../../src/main/services/job-event-bridge'

/** A clock whose timers fire only when the test advances time. */
function fakeClock(): CoalescerClock & { advance(ms: number): void } {
  let now = 1_000
  let timers: Array<{ at: number; callback: () => void; handle: number }> = []
  let handles = 0
  return {
    now: () => now,
    setTimer(callback, delayMs) {
      handles += 1
      timers.push({ at: now + delayMs, callback, handle: handles })
      return handles
    },
    clearTimer(handle) {
      timers = timers.filter((timer) => timer.handle !== handle)
    },
    advance(ms) {
      now += ms
      const due = timers.filter((timer) => timer.at <= now)
      timers = timers.filter((timer) => timer.at > now)
      for (const timer of due) timer.callback()
    },
  }
}

function job(id: number, state: JobState, doneBytes = 0): JobSnapshot {
  return { id, state, doneBytes } as JobSnapshot
}

function progress(id: number, doneBytes: number): JobProgress {
  return { id, doneBytes, totalBytes: 100, speed: 1, etaSeconds: 1, activeConnections: 1 }
}

function setup() {
  const events = new TypedEmitter<EngineEvents>()
  const clock = fakeClock()
  const sent: EventMessage[] = []
  const bridge = bridgeJobEvents(events, (message) => sent.push(message), {
    clock,
    intervalMs: 100,
  })
  return { events, clock, sent, bridge }
}

describe('job event bridge', () => {
  it('sends the first change at once and batches the rest, newest snapshot per job', () => {
    const { events, clock, sent } = setup()
    events.emit('state', job(1, 'queued'))
    expect(sent).toEqual([{ event: 'jobs.changed', payload: [job(1, 'queued')] }])
    events.emit('state', job(1, 'probing'))
    events.emit('state', job(2, 'queued'))
    events.emit('state', job(1, 'downloading'))
    clock.advance(99)
    expect(sent).toHaveLength(1)
    clock.advance(1)
    expect(sent[1]).toEqual({
      event: 'jobs.changed',
      payload: [job(1, 'downloading'), job(2, 'queued')],
    })
    clock.advance(1000)
    expect(sent).toHaveLength(2)
  })

  it('coalesces progress and drops figures that would arrive after a final state', () => {
    const { events, clock, sent } = setup()
    events.emit('progress', [progress(1, 10)])
    events.emit('progress', [progress(1, 20), progress(2, 5)])
    events.emit('state', job(2, 'completed'))
    clock.advance(100)
    const progressEvents = sent.filter((message) => message.event === 'jobs.progress')
    expect(progressEvents).toEqual([
      { event: 'jobs.progress', payload: [progress(1, 10)] },
      { event: 'jobs.progress', payload: [progress(1, 20)] },
    ])
  })

  it('sends removals in the batch and forgets pending changes of removed jobs', () => {
    const { events, clock, sent } = setup()
    events.emit('state', job(1, 'completed'))
    events.emit('state', job(2, 'completed'))
    events.emit('state', job(3, 'queued'))
    events.emit('removed', [2])
    events.emit('removed', [3])
    clock.advance(100)
    expect(sent.slice(1)).toEqual([{ event: 'jobs.removed', payload: [2, 3] }])
  })

  it('splits a large batch into events of at most 250 snapshots, one per interval', () => {
    const { events, clock, sent } = setup()
    events.emit('state', job(1, 'queued'))
    for (let id = 2; id <= 1201; id += 1) events.emit('state', job(id, 'queued'))
    events.emit('state', job(2, 'downloading'))
    events.emit('removed', [1000])
    const sizes = () =>
      sent.map((message) =>
        message.event === 'jobs.changed' ? message.payload.length : message.event,
      )
    expect(sizes()).toEqual([1])
    clock.advance(100)
    expect(sizes()).toEqual([1, 250, 'jobs.removed'])
    // A job changed again keeps its place and goes with its newest snapshot.
    expect(sent[1]?.payload).toContainEqual(job(2, 'downloading'))
    clock.advance(99)
    expect(sent).toHaveLength(3)
    for (let step = 0; step < 4; step += 1) clock.advance(100)
    expect(sizes()).toEqual([1, 250, 'jobs.removed', 250, 250, 250, 199])
    const ids = sent
      .filter((message) => message.event === 'jobs.changed')
      .flatMap((message) => message.payload.map((snapshot) => snapshot.id))
    expect(new Set(ids).size).toBe(1200)
    expect(ids).not.toContain(1000)
    clock.advance(1000)
    expect(sent).toHaveLength(7)
  })

  it('stops listening when disposed', () => {
    const { events, clock, sent, bridge } = setup()
    events.emit('state', job(1, 'queued'))
    events.emit('state', job(1, 'probing'))
    bridge.dispose()
    clock.advance(1000)
    events.emit('state', job(1, 'downloading'))
    expect(sent).toHaveLength(1)
  })
})
