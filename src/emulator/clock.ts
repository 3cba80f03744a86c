/**
 * The emulator's notion of "now". Tests shift it (to expire a URL or an STS token without
 * waiting) while the SDKs keep signing with the real time, exactly as a client with a skewed
 * clock would.
 */
export interface EmulatorClock {
  /** Milliseconds since the Unix epoch, offset included. */
  readonly now: () => number
  /** Whole seconds since the Unix epoch, as used by URL expiry. */
  readonly nowSeconds: () => number
  readonly setOffsetMs: (offsetMs: number) => void
}

/** Wraps a base clock (default `Date.now`) with an adjustable offset. */
export function createEmulatorClock(base: () => number = Date.now): EmulatorClock {
  let offsetMs = 0
  const now = (): number => base() + offsetMs
  return {
    now,
    nowSeconds: () => Math.floor(now() / 1000),
    setOffsetMs: (value: number): void => {
      if (!Number.isFinite(value)) throw new RangeError(`clock offset must be finite: ${value}`)
      offsetMs = value
    },
  }
}

/** `YYYY-MM-DDThh:mm:ssZ`: the UTC format VOD uses for every time field (no milliseconds). */
export function formatUtc(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}
