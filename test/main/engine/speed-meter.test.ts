import { describe, expect, it } from 'vitest'
import { SpeedMeter } from '../../../src/main/engine/speed-meter'

/** A meter on a hand-driven clock, plus a helper that feeds it at a steady rate. */
function setup(windowMs?: number): {
  meter: SpeedMeter
  advance: (ms: number) => void
  feed: (bytesPerSecond: number, durationMs: number) => void
} {
  let time = 1_000_000
  const meter = new SpeedMeter({ now: () => time, ...(windowMs ? { windowMs } : {}) })
  const advance = (ms: number): void => {
    time += ms
  }
  const feed = (bytesPerSecond: number, durationMs: number): void => {
    // One chunk every 10 ms, like a busy socket.
    for (let elapsed = 0; elapsed < durationMs; elapsed += 10) {
      advance(10)
      meter.add(bytesPerSecond / 100)
    }
  }
  return { meter, advance, feed }
}

describe('SpeedMeter', () => {
  it('reads 0 and has no ETA before any bytes', () => {
    const { meter } = setup()
    expect(meter.bytesPerSecond()).toBe(0)
    expect(meter.etaSeconds(1000)).toBeNull()
  })

  it('measures a steady rate over the window', () => {
    const { meter, feed } = setup()
    feed(100_000, 20_000)
    expect(meter.bytesPerSecond()).toBeGreaterThan(99_000)
    expect(meter.bytesPerSecond()).toBeLessThan(101_000)
  })

  it('divides by its age while younger than the window', () => {
    const { meter, feed } = setup()
    feed(100_000, 1000)
    // Dividing 1 s of bytes by the full 5 s window would show 20 000.
    expect(meter.bytesPerSecond()).toBeCloseTo(100_000, -3)
  })

  it('does not show an absurd speed for the very first chunk', () => {
    const { meter, advance } = setup()
    advance(1)
    meter.add(1000)
    expect(meter.bytesPerSecond()).toBe(10_000)
  })

  it('follows a change of speed within one window', () => {
    const { meter, feed } = setup()
    feed(100_000, 10_000)
    feed(300_000, 2500)
    const halfway = meter.bytesPerSecond()
    expect(halfway).toBeGreaterThan(180_000)
    expect(halfway).toBeLessThan(220_000)
    feed(300_000, 2500)
    expect(meter.bytesPerSecond()).toBeCloseTo(300_000, -4)
  })

  it('falls to 0 once the window passes without bytes', () => {
    const { meter, feed, advance } = setup()
    feed(100_000, 3000)
    advance(2500)
    expect(meter.bytesPerSecond()).toBeGreaterThan(0)
    advance(2600)
    expect(meter.bytesPerSecond()).toBe(0)
    expect(meter.etaSeconds(1)).toBeNull()
  })

  it('recovers after a gap much longer than the window', () => {
    const { meter, feed, advance } = setup()
    feed(100_000, 3000)
    advance(3_600_000)
    feed(50_000, 6000)
    expect(meter.bytesPerSecond()).toBeCloseTo(50_000, -3)
  })

  it('estimates the time left in whole seconds', () => {
    const { meter, feed } = setup()
    feed(100_000, 6000)
    expect(meter.etaSeconds(1_000_000)).toBe(10)
    expect(meter.etaSeconds(1)).toBe(1)
    expect(meter.etaSeconds(0)).toBe(0)
  })

  it('starts over on reset', () => {
    const { meter, feed, advance } = setup()
    feed(100_000, 6000)
    meter.reset()
    expect(meter.bytesPerSecond()).toBe(0)
    advance(500)
    meter.add(10_000)
    expect(meter.bytesPerSecond()).toBe(20_000)
  })

  it('treats a clock stepping back as standing still', () => {
    let time = 10_000
    const meter = new SpeedMeter({ now: () => time })
    time += 1000
    meter.add(1000)
    time -= 5000
    meter.add(1000)
    expect(meter.bytesPerSecond()).toBe(2000)
  })

  it('ignores counts that are not positive numbers', () => {
    const { meter, advance } = setup()
    advance(1000)
    meter.add(1000)
    meter.add(0)
    meter.add(-500)
    meter.add(Number.NaN)
    meter.add(Number.POSITIVE_INFINITY)
    expect(meter.bytesPerSecond()).toBe(1000)
  })

  it('honours a custom window', () => {
    const { meter, feed, advance } = setup(1000)
    feed(100_000, 3000)
    // A chunk that lands exactly on a bucket boundary counts fully over a span just under 1 s.
    expect(meter.bytesPerSecond()).toBeGreaterThan(98_000)
    expect(meter.bytesPerSecond()).toBeLessThan(102_000)
    advance(1001)
    expect(meter.bytesPerSecond()).toBe(0)
  })

  it('rejects a window that is not positive', () => {
    expect(() => new SpeedMeter({ windowMs: 0 })).toThrow(RangeError)
  })
})
