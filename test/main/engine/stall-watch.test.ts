import { describe, expect, it } from 'vitest'
import { StallWatch } from '../../../src/main/engine/stall-watch'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('StallWatch (one timer for every response)', () => {
  it('calls out a response that went quiet, once, and leaves the lively ones alone', async () => {
    const watch = new StallWatch()
    const stalled: string[] = []
    const quiet = watch.watch(300, () => stalled.push('quiet'))
    const lively = watch.watch(300, () => stalled.push('lively'))
    const started = performance.now()
    while (stalled.length === 0 && performance.now() - started < 5_000) {
      await sleep(20)
      lively.touch()
    }
    expect(stalled).toEqual(['quiet'])
    await sleep(800)
    expect(stalled).toEqual(['quiet', 'lively'])
    quiet.stop()
    lively.stop()
  })

  it('forgets a stopped response', async () => {
    const watch = new StallWatch()
    let calls = 0
    watch.watch(40, () => (calls += 1)).stop()
    await sleep(120)
    expect(calls).toBe(0)
  })

  it('sweeps often enough for the shortest timeout it watches', async () => {
    const watch = new StallWatch()
    const stalledAt: number[] = []
    const started = performance.now()
    const long = watch.watch(60_000, () => undefined)
    const short = watch.watch(100, () => stalledAt.push(performance.now() - started))
    for (let waited = 0; stalledAt.length === 0 && waited < 3_000; waited += 20) await sleep(20)
    expect(stalledAt).toHaveLength(1)
    // Swept for the 100 ms timeout, not once a quarter of the minute the other one allows.
    expect(stalledAt[0]).toBeLessThan(2_000)
    long.stop()
    short.stop()
  })
})
