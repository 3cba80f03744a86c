import { describe, expect, it } from 'vitest'
import { SmallFileLane } from '../../../src/main/engine/small-file-lane'

const options = { initial: 16, minimum: 4, maximum: 32, step: 8, windowMs: 500 }

/** Completes `count` files spread evenly over one window starting at `start`. */
function window(lane: SmallFileLane, start: number, count: number): number {
  for (let index = 1; index <= count; index++) lane.recordCompletion(start + (500 * index) / count)
  return start + 500
}

describe('SmallFileLane', () => {
  it('widens while files per second keep rising, up to the maximum', () => {
    const lane = new SmallFileLane(options)
    let time = window(lane, 0, 1) // first completion opens the window
    time = window(lane, time, 100)
    expect(lane.limit).toBe(24)
    time = window(lane, time, 200)
    expect(lane.limit).toBe(32)
    window(lane, time, 400)
    expect(lane.limit).toBe(32)
  })

  it('narrows when throughput falls, down to the minimum, and holds when it is flat', () => {
    const lane = new SmallFileLane(options)
    let time = window(lane, 0, 1)
    time = window(lane, time, 400)
    expect(lane.limit).toBe(24)
    time = window(lane, time, 400)
    expect(lane.limit).toBe(24)
    for (const count of [200, 100, 50, 25]) time = window(lane, time, count)
    expect(lane.limit).toBe(4)
  })
})
