import { describe, expect, it, vi } from 'vitest'
import { referenceKey } from '../../../src/shared/contract'
import { JobsStore } from '../../../src/renderer/src/store/jobs-store'
import { makeJob, makeProgress, makeReference } from '../support/fixtures'

function loadedStore(...jobs: ReturnType<typeof makeJob>[]): JobsStore {
  const store = new JobsStore()
  store.replaceAll(jobs, store.beginSync())
  return store
}

describe('JobsStore', () => {
  it('starts unloaded and becomes loaded with the first full list', () => {
    const store = new JobsStore()
    expect(store.isLoaded()).toBe(false)
    store.replaceAll([makeJob({ id: 1 })], store.beginSync())
    expect(store.isLoaded()).toBe(true)
    expect(store.getIds('all')).toEqual([1])
  })

  it('patches changed jobs and ignores snapshots older than what it has', () => {
    const store = loadedStore(makeJob({ id: 1, updatedAt: 10 }))
    store.applyChanged([makeJob({ id: 1, state: 'downloading', updatedAt: 20 })])
    expect(store.getJob(1)?.snapshot.state).toBe('downloading')
    store.applyChanged([makeJob({ id: 1, state: 'queued', updatedAt: 15 })])
    expect(store.getJob(1)?.snapshot.state).toBe('downloading')
  })

  it('takes progress only for running jobs and drops it when a job stops', () => {
    const store = loadedStore(
      makeJob({ id: 1, state: 'downloading' }),
      makeJob({ id: 2, state: 'paused' }),
    )
    store.applyProgress([
      makeProgress({ id: 1, doneBytes: 400, speed: 100 }),
      makeProgress({ id: 2, doneBytes: 999 }),
    ])
    expect(store.getJob(1)?.progress?.doneBytes).toBe(400)
    // A late tick for a paused job must not show it moving.
    expect(store.getJob(2)?.progress).toBeNull()
    store.applyChanged([
      makeJob({ id: 1, state: 'completed', doneBytes: 1000, updatedAt: 2_000_000_000_000 }),
    ])
    expect(store.getJob(1)?.progress).toBeNull()
    store.applyProgress([makeProgress({ id: 99, doneBytes: 1 })])
    expect(store.getJob(99)).toBeUndefined()
  })

  it('notifies only the row whose job changed, and never the list on progress', () => {
    const store = loadedStore(
      makeJob({ id: 1, state: 'downloading' }),
      makeJob({ id: 2, state: 'downloading' }),
    )
    const first = vi.fn()
    const second = vi.fn()
    const list = vi.fn()
    const totals = vi.fn()
    store.subscribeJob(1, first)
    store.subscribeJob(2, second)
    store.subscribeList(list)
    store.subscribeTotals(totals)
    const idsBefore = store.getIds('all')

    store.applyProgress([makeProgress({ id: 2, doneBytes: 10 })])
    expect(first).not.toHaveBeenCalled()
    expect(second).toHaveBeenCalledTimes(1)
    expect(list).not.toHaveBeenCalled()
    expect(totals).toHaveBeenCalledTimes(1)
    // The same array, so a list subscribed with useSyncExternalStore does not re-render.
    expect(store.getIds('all')).toBe(idsBefore)

    // A state change that keeps the job in the same filters does not touch the list either.
    store.applyChanged([makeJob({ id: 1, state: 'refreshing', updatedAt: 2_000_000_000_000 })])
    expect(first).toHaveBeenCalledTimes(1)
    expect(list).not.toHaveBeenCalled()

    store.applyChanged([makeJob({ id: 1, state: 'completed', updatedAt: 2_000_000_000_001 })])
    expect(list).toHaveBeenCalledTimes(1)
    expect(store.getIds('completed')).toEqual([1])
  })

  it('filters and orders by queue order', () => {
    const store = loadedStore(
      makeJob({ id: 1, state: 'completed' }),
      makeJob({ id: 2, state: 'failed' }),
      makeJob({ id: 3, state: 'paused' }),
      makeJob({ id: 4, state: 'downloading', priority: 5 }),
      makeJob({ id: 5, state: 'canceled' }),
    )
    expect(store.getIds('all')).toEqual([4, 1, 2, 3, 5])
    expect(store.getIds('active')).toEqual([4, 3])
    expect(store.getIds('completed')).toEqual([1])
    expect(store.getIds('failed')).toEqual([2])
  })

  it('re-sorts when a move changes the engine position (once snapshots carry it)', () => {
    const first = { ...makeJob({ id: 1 }), position: 1 }
    const second = { ...makeJob({ id: 2 }), position: 2 }
    const store = loadedStore(first, second)
    const list = vi.fn()
    store.subscribeList(list)
    const movedUp = { ...second, position: 0, updatedAt: second.updatedAt + 1 }
    store.applyChanged([movedUp])
    expect(list).toHaveBeenCalledTimes(1)
    expect(store.getIds('all')).toEqual([2, 1])
  })

  it('removes jobs', () => {
    const store = loadedStore(makeJob({ id: 1 }), makeJob({ id: 2 }))
    const row = vi.fn()
    store.subscribeJob(1, row)
    store.applyRemoved([1])
    expect(store.getJob(1)).toBeUndefined()
    expect(store.getIds('all')).toEqual([2])
    expect(row).toHaveBeenCalledTimes(1)
  })

  it('keeps events that overtook a full reload', () => {
    const store = loadedStore(makeJob({ id: 1 }), makeJob({ id: 2 }))
    const since = store.beginSync()
    // While downloads.list is in flight: job 3 is added and job 2 is removed.
    store.applyChanged([makeJob({ id: 3, updatedAt: 2_000_000_000_000 })])
    store.applyRemoved([2])
    // The answer was computed before those events.
    store.replaceAll([makeJob({ id: 1 }), makeJob({ id: 2 })], since)
    expect(store.getIds('all')).toEqual([1, 3])
  })

  it('drops jobs a reload no longer lists', () => {
    const store = loadedStore(makeJob({ id: 1 }), makeJob({ id: 2 }))
    store.replaceAll([makeJob({ id: 2 })], store.beginSync())
    expect(store.getIds('all')).toEqual([2])
  })

  it('computes totals over unfinished jobs with live figures', () => {
    const store = loadedStore(
      makeJob({ id: 1, state: 'downloading', totalBytes: 1000, doneBytes: 100 }),
      makeJob({ id: 2, state: 'downloading', totalBytes: 3000, doneBytes: 0 }),
      makeJob({ id: 3, state: 'completed', totalBytes: 5000, doneBytes: 5000 }),
    )
    store.applyProgress([
      makeProgress({ id: 1, doneBytes: 500, totalBytes: 1000, speed: 100 }),
      makeProgress({ id: 2, doneBytes: 1000, totalBytes: 3000, speed: 100 }),
    ])
    const totals = store.getTotals()
    expect(totals).toMatchObject({ running: 2, speed: 200, doneBytes: 1500, totalBytes: 4000 })
    expect(totals.etaSeconds).toBe(12.5)
    expect(totals.counts).toEqual({ all: 3, active: 2, completed: 1, failed: 0, canceled: 0 })
    expect(totals).toMatchObject({
      files: { done: 1, total: 3 },
      overallBytes: { done: 6500, total: 9000 },
      lanes: { large: 0, small: 2 },
    })
    expect(store.getTotals()).toBe(totals)
  })

  it('counts canceled jobs under their own filter and outside the overall progress', () => {
    const store = loadedStore(
      makeJob({ id: 1, state: 'canceled', totalBytes: 180, doneBytes: 69 }),
      makeJob({ id: 2, state: 'downloading', totalBytes: 2 * 1024 * 1024, doneBytes: 0 }),
    )
    expect(store.getIds('canceled')).toEqual([1])
    const totals = store.getTotals()
    expect(totals.counts.canceled).toBe(1)
    expect(totals.files).toEqual({ done: 0, total: 1 })
    expect(totals.lanes).toEqual({ large: 1, small: 0 })
  })

  it('finds the newest job for a file reference', () => {
    const reference = makeReference({ mediaId: 'm', definition: 'HD' })
    const store = loadedStore(
      makeJob({ id: 4, source: { kind: 'vod', reference } }),
      makeJob({ id: 9, source: { kind: 'vod', reference: { ...reference, outputType: 'oss' } } }),
    )
    expect(store.getJobIdForReference(referenceKey(reference))).toBe(9)
    store.applyRemoved([9])
    expect(store.getJobIdForReference(referenceKey(reference))).toBe(4)
  })

  it('keeps the "all" list while jobs only change state, so a big batch does not re-render it', () => {
    const store = loadedStore(
      makeJob({ id: 1, state: 'downloading', position: 1 }),
      makeJob({ id: 2, state: 'queued', position: 2 }),
    )
    const all = store.getIds('all')
    const active = store.getIds('active')
    store.applyChanged([makeJob({ id: 1, state: 'completed', position: 1, updatedAt: 2e12 })])
    expect(store.getIds('all')).toBe(all)
    expect(store.getIds('active')).not.toBe(active)
    expect(store.getIds('active')).toEqual([2])
    expect(store.getIds('completed')).toEqual([1])
    // Added jobs, a new order and removals still rebuild it, and the reference index follows.
    const reference = makeReference({ mediaId: 'added' })
    store.applyChanged([makeJob({ id: 3, position: 3, source: { kind: 'vod', reference } })])
    expect(store.getIds('all')).toEqual([1, 2, 3])
    expect(store.getJobIdForReference(referenceKey(reference))).toBe(3)
    store.applyChanged([makeJob({ id: 3, position: 0, updatedAt: 2e12 })])
    expect(store.getIds('all')).toEqual([3, 1, 2])
    store.applyRemoved([3])
    expect(store.getIds('all')).toEqual([1, 2])
    expect(store.getJobIdForReference(referenceKey(reference))).toBeUndefined()
  })
})

describe('JobsStore: a large answer in slices', () => {
  it('applies 1,200 snapshots 500 per task, and never brings back a job removed meanwhile', () => {
    const store = loadedStore()
    const tasks: Array<() => void> = []
    const lists = vi.fn()
    store.subscribeList(lists)
    const jobs = Array.from({ length: 1200 }, (_, index) => makeJob({ id: index + 1 }))
    store.applyChangedInSlices(jobs, (next) => tasks.push(next))
    expect(store.getIds('all')).toHaveLength(500)
    expect(lists).toHaveBeenCalledTimes(1)

    store.applyRemoved([700])
    tasks.shift()?.()
    expect(store.getIds('all')).toHaveLength(999)
    tasks.shift()?.()
    expect(tasks).toHaveLength(0)
    expect(store.getIds('all')).toHaveLength(1199)
    expect(store.getJob(700)).toBeUndefined()
  })
})
