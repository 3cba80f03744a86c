import { describe, expect, it } from 'vitest'
import { mapInOrder } from '../../../src/main/lists/ordered-pool'

/** A promise settled from the outside, so tests decide the order in which work finishes. */
function deferred<T>(): {
  promise: Promise<T>
  resolve(value: T): void
  reject(error: unknown): void
} {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((resolvePromise, rejectPromise) => {
    resolve = resolvePromise
    reject = rejectPromise
  })
  return { promise, resolve, reject }
}

/** Lets every pending callback run. */
async function settle(): Promise<void> {
  for (let round = 0; round < 10; round++) await Promise.resolve()
}

describe('mapInOrder', () => {
  it('keeps the input order whatever order the work finishes in, with at most N running', async () => {
    const pending = new Map<number, ReturnType<typeof deferred<string>>>()
    let running = 0
    let mostRunning = 0
    const results: string[] = []
    const consumer = (async () => {
      for await (const result of mapInOrder([1, 2, 3, 4, 5], 2, (item) => {
        running += 1
        mostRunning = Math.max(mostRunning, running)
        const work = deferred<string>()
        pending.set(item, work)
        return work.promise.finally(() => (running -= 1))
      })) {
        results.push(result)
      }
    })()
    await settle()
    expect([...pending.keys()]).toEqual([1, 2])
    pending.get(2)?.resolve('two')
    await settle()
    expect(results).toEqual([])
    pending.get(1)?.resolve('one')
    await settle()
    expect(results).toEqual(['one', 'two'])
    expect([...pending.keys()]).toEqual([1, 2, 3, 4])
    pending.get(4)?.resolve('four')
    pending.get(3)?.resolve('three')
    await settle()
    pending.get(5)?.resolve('five')
    await consumer
    expect(results).toEqual(['one', 'two', 'three', 'four', 'five'])
    expect(mostRunning).toBe(2)
  })

  it('reads a lazy source only as slots free up', async () => {
    let pulled = 0
    async function* source(): AsyncGenerator<number> {
      for (let item = 1; item <= 100; item++) {
        // A page that has to be fetched, as a search result would be.
        await Promise.resolve()
        pulled = item
        yield item
      }
    }
    const seen: number[] = []
    for await (const result of mapInOrder(source(), 3, (item) => Promise.resolve(item * 10))) {
      seen.push(result)
      if (seen.length === 2) break
    }
    expect(seen).toEqual([10, 20])
    expect(pulled).toBeLessThanOrEqual(5)
  })

  it('throws the first failure in order and starts nothing after it', async () => {
    const started: number[] = []
    const outcome = (async () => {
      const results: number[] = []
      for await (const result of mapInOrder([1, 2, 3, 4, 5, 6], 2, (item) => {
        started.push(item)
        return item === 2 ? Promise.reject(new Error('item 2 failed')) : Promise.resolve(item)
      })) {
        results.push(result)
      }
      return results
    })()
    await expect(outcome).rejects.toThrow('item 2 failed')
    expect(started).toEqual([1, 2, 3])
  })
})
