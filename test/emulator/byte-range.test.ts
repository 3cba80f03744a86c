import { describe, expect, it } from 'vitest'
import { parseRange, rangeModeFor } from '../../src/emulator/media/byte-range'

/**
 * The cases of the OSS documentation ("Use HTTP Range requests to get OSS resources in segments",
 * and the range download pages of the OSS SDKs), all on a 1,000-byte object: without
 * `x-oss-range-behavior: standard` a range not wholly inside the object is ignored; with it, the
 * end is cut to the object and a start at or past the end is 416 InvalidRange.
 */
const size = 1000

describe('parseRange', () => {
  it('serves ranges inside the object the same way in both modes', () => {
    for (const mode of ['standard', 'ignore-out-of-range'] as const) {
      expect(parseRange('bytes=0-499', size, mode)).toEqual({
        kind: 'range',
        start: 0,
        endExclusive: 500,
      })
      expect(parseRange('bytes=500-999', size, mode)).toEqual({
        kind: 'range',
        start: 500,
        endExclusive: 1000,
      })
      expect(parseRange('bytes=-500', size, mode)).toEqual({
        kind: 'range',
        start: 500,
        endExclusive: 1000,
      })
      expect(parseRange('bytes=500-', size, mode)).toEqual({
        kind: 'range',
        start: 500,
        endExclusive: 1000,
      })
      expect(parseRange('bytes=0-', size, mode)).toEqual({
        kind: 'range',
        start: 0,
        endExclusive: 1000,
      })
    }
  })

  it('ignores out-of-range requests by default, as OSS does without the header', () => {
    const mode = 'ignore-out-of-range'
    expect(parseRange('bytes=0-1000', size, mode)).toEqual({ kind: 'none' })
    expect(parseRange('bytes=500-2000', size, mode)).toEqual({ kind: 'none' })
    expect(parseRange('bytes=1000-2000', size, mode)).toEqual({ kind: 'none' })
    expect(parseRange('bytes=1000-', size, mode)).toEqual({ kind: 'none' })
    expect(parseRange('bytes=-2000', size, mode)).toEqual({ kind: 'none' })
  })

  it('cuts the end and refuses a start past the end with the standard behaviour', () => {
    const mode = 'standard'
    expect(parseRange('bytes=500-2000', size, mode)).toEqual({
      kind: 'range',
      start: 500,
      endExclusive: 1000,
    })
    expect(parseRange('bytes=-2000', size, mode)).toEqual({
      kind: 'range',
      start: 0,
      endExclusive: 1000,
    })
    expect(parseRange('bytes=1000-2000', size, mode)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=1000-', size, mode)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=-0', size, mode)).toEqual({ kind: 'unsatisfiable' })
  })

  it('ignores malformed and invalid headers in both modes, whatever the size', () => {
    for (const mode of ['standard', 'ignore-out-of-range'] as const) {
      expect(parseRange('byte=0-499', size, mode), mode).toEqual({ kind: 'none' })
      expect(parseRange('bytes=0-9,20-29', size, mode), mode).toEqual({ kind: 'none' })
      expect(parseRange('bytes=-', size, mode), mode).toEqual({ kind: 'none' })
      // Last before first is an invalid range (RFC 9110 §14.1.1), not one past the end: the
      // header is ignored even when the first byte is beyond the object.
      expect(parseRange('bytes=500-100', 100, mode), mode).toEqual({ kind: 'none' })
      expect(parseRange('bytes=2000-1000', size, mode), mode).toEqual({ kind: 'none' })
    }
  })
})

describe('rangeModeFor', () => {
  it('follows x-oss-range-behavior on an OSS origin and is always standard elsewhere', () => {
    expect(rangeModeFor('oss', {})).toBe('ignore-out-of-range')
    expect(rangeModeFor('oss', { 'x-oss-range-behavior': 'standard' })).toBe('standard')
    expect(rangeModeFor('oss', { 'x-oss-range-behavior': 'Standard ' })).toBe('standard')
    expect(rangeModeFor('oss', { 'x-oss-range-behavior': 'other' })).toBe('ignore-out-of-range')
    expect(rangeModeFor('standard', {})).toBe('standard')
  })
})
