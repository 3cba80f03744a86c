import { describe, expect, it } from 'vitest'
import { DisposableStore, toDisposable } from '../../../src/main/common/disposable'

describe('toDisposable', () => {
  it('releases once', () => {
    let count = 0
    const disposable = toDisposable(() => count++)
    disposable.dispose()
    disposable.dispose()
    expect(count).toBe(1)
  })
})

describe('DisposableStore', () => {
  it('releases newest first, keeps going past a failure, then rethrows it', () => {
    const order: string[] = []
    const store = new DisposableStore()
    store.add(toDisposable(() => order.push('first')))
    store.add(
      toDisposable(() => {
        order.push('broken')
        throw new Error('boom')
      }),
    )
    store.add(toDisposable(() => order.push('last')))
    expect(() => store.dispose()).toThrow('boom')
    expect(order).toEqual(['last', 'broken', 'first'])
    expect(store.isDisposed).toBe(true)
    store.dispose()
    expect(order).toHaveLength(3)
  })

  it('releases items added after disposal at once', () => {
    const store = new DisposableStore()
    store.dispose()
    let released = false
    store.add(toDisposable(() => (released = true)))
    expect(released).toBe(true)
  })
})
