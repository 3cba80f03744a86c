import { afterEach, describe, expect, it } from 'vitest'
import type { NewJobRecord } from '../../../src/main/database/job-repository'
import { createTestEngine, type TestEngine } from '../../support/engine-harness'
import { newUrlJob } from '../../support/job-records'

let engine: TestEngine | undefined

afterEach(async () => {
  await engine?.cleanup()
  engine = undefined
})

function paused(directory: string, name: string): NewJobRecord {
  return newUrlJob(directory, {
    state: 'paused',
    source: { kind: 'url', url: `https://cdn.example/${name}` },
    requestedName: name,
  })
}

describe('moving a job in the queue', () => {
  it('swaps a job with its neighbour up and down, and takes it to either end', async () => {
    engine = await createTestEngine()
    const directory = engine.directory
    const jobs = engine.jobs.insertMany(['a', 'b', 'c'].map((name) => paused(directory, name)))
    const [a, b, c] = jobs.map((job) => job.id) as [number, number, number]
    const order = (): number[] => engine?.jobs.queueOrder().map((item) => item.id) ?? []
    const announced: number[] = []
    engine.manager.events.on('state', (snapshot) => announced.push(snapshot.id))
    engine.manager.move(c, 'up')
    expect(order()).toEqual([a, c, b])
    // Both jobs whose places changed are announced.
    expect(announced.sort()).toEqual([b, c].sort())
    engine.manager.move(a, 'down')
    expect(order()).toEqual([c, a, b])
    engine.manager.move(b, 'top')
    expect(order()).toEqual([b, c, a])
    engine.manager.move(b, 'bottom')
    expect(order()).toEqual([c, a, b])
    // At an end, up or down leaves the order as it is.
    engine.manager.move(c, 'up')
    expect(order()).toEqual([c, a, b])
    expect(() => engine?.manager.move(999, 'top')).toThrow(/job 999/)
  })
})

describe('moving a job in a data folder with a long history', () => {
  it('moves a job to the top and the bottom past 150,000 finished jobs', async () => {
    engine = await createTestEngine()
    const finished = newUrlJob(engine.directory, { state: 'completed' })
    engine.jobs.insertMany(Array.from({ length: 150_000 }, () => finished))
    const job = engine.jobs.insert(paused(engine.directory, 'new.jpg'))
    engine.manager.move(job.id, 'top')
    const top = engine.jobs.require(job.id).position
    expect(top).toBeLessThan(engine.jobs.require(1).position)
    engine.manager.move(job.id, 'bottom')
    expect(engine.jobs.require(job.id).position).toBeGreaterThan(
      engine.jobs.require(150_000).position,
    )
  })
})
