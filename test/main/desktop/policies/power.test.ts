import { describe, expect, it } from 'vitest'
import { decidePower, initialPowerState } from '../../../../src/main/desktop/policies/power'

const options = { stallGraceMs: 30_000 }

describe('decidePower', () => {
  it('holds while bytes move and releases at once when nothing downloads', () => {
    const moving = decidePower(initialPowerState, { moving: 1, downloading: 1 }, 100, options)
    expect(moving).toMatchObject({ hold: true, recheckAt: null })
    const paused = decidePower(moving.state, { moving: 0, downloading: 0 }, 200, options)
    expect(paused).toEqual({ state: initialPowerState, hold: false, recheckAt: null })
  })

  it('keeps holding through a short stall, then releases at the end of the grace', () => {
    const moving = decidePower(initialPowerState, { moving: 1, downloading: 1 }, 0, options)
    const stalled = decidePower(moving.state, { moving: 0, downloading: 1 }, 5_000, options)
    expect(stalled).toMatchObject({ hold: true, recheckAt: 30_000 })
    const expired = decidePower(stalled.state, { moving: 0, downloading: 1 }, 30_000, options)
    expect(expired.hold).toBe(false)
  })

  it('does not start holding for a job that has not moved a byte yet', () => {
    expect(decidePower(initialPowerState, { moving: 0, downloading: 3 }, 0, options).hold).toBe(
      false,
    )
  })
})
