import { describe, expect, it } from 'vitest'
import {
  NetworkBufferReclaim,
  youngGenerationCollector,
} from '../../../src/main/engine/network-buffer-reclaim'

const MiB = 1024 * 1024

/**
 * Makes 16 MiB of 64 KiB buffers, like written network chunks, and drops them: too little outside
 * memory and too few JavaScript allocations for V8 to collect them by itself. Returns the memory
 * held by array buffers while they were still alive (a function of its own, so no stack slot of
 * the test keeps them).
 */
function allocateAndDrop(): number {
  const chunks: Buffer[] = []
  for (let index = 0; index < 256; index++) chunks.push(Buffer.alloc(64 * 1024, index))
  return process.memoryUsage().arrayBuffers
}

describe('NetworkBufferReclaim (freeing written network buffers early)', () => {
  it('collects once per `everyBytes` received, not per chunk', () => {
    let collections = 0
    const reclaim = new NetworkBufferReclaim(() => (collections += 1), 4 * MiB)
    for (let chunk = 0; chunk < 64 * 3; chunk++) reclaim.note(64 * 1024)
    // 12 MiB in 64 KiB chunks: three collections, at 4, 8 and 12 MiB.
    expect(collections).toBe(3)
    reclaim.note(64 * 1024)
    expect(collections).toBe(3)
  })

  it('does nothing without a collector', () => {
    const reclaim = new NetworkBufferReclaim(undefined, 1)
    expect(() => reclaim.note(10 * MiB)).not.toThrow()
  })

  it('gets a collector that frees dead buffers outside the heap right away', () => {
    const collect = youngGenerationCollector()
    expect(collect).toBeTypeOf('function')
    const before = allocateAndDrop()
    collect?.()
    const after = process.memoryUsage().arrayBuffers
    expect(before - after).toBeGreaterThan(8 * MiB)
  })
})
