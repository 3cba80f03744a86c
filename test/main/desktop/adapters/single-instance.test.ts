import { describe, expect, it } from 'vitest'
import { acquireSingleInstance } from '../../../../src/main/desktop/adapters/single-instance'
import { FakeApp } from '../fakes/electron'

describe('acquireSingleInstance', () => {
  it('shows the first instance when a second one starts', () => {
    const app = new FakeApp()
    let shown = 0
    const lock = acquireSingleInstance(app, () => shown++)
    expect(lock).not.toBeNull()
    app.emit('second-instance', {}, ['app'])
    app.emit('second-instance', {}, ['app', '--hidden'])
    expect(shown).toBe(1)
    lock?.dispose()
    app.emit('second-instance', {}, ['app'])
    expect(shown).toBe(1)
  })

  it('returns null when another instance holds the lock', () => {
    const app = new FakeApp()
    app.hasLock = false
    expect(acquireSingleInstance(app, () => undefined)).toBeNull()
    expect(app.listenerCount('second-instance')).toBe(0)
  })
})
