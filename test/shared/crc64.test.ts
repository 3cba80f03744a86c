import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors'
import { Crc64, combineCrc64, crc64, formatCrc64, parseCrc64 } from '../../src/shared/crc64'

/** Bit-at-a-time CRC-64/XZ straight from the definition: slow, but independent of the tables. */
function referenceCrc64(data: Uint8Array): bigint {
  const polynomial = 0xc96c5795d7870f42n
  const mask = (1n << 64n) - 1n
  let register = mask
  for (const byte of data) {
    register ^= BigInt(byte)
    for (let bit = 0; bit < 8; bit++) {
      register = register & 1n ? (register >> 1n) ^ polynomial : register >> 1n
    }
  }
  return register ^ mask
}

/** Deterministic pseudo-random bytes and numbers (mulberry32), so a failure can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 2 ** 32
  }
}

function randomData(length: number, random: () => number): Uint8Array {
  const data = new Uint8Array(length)
  for (let index = 0; index < length; index++) data[index] = Math.floor(random() * 256)
  return data
}

describe('crc64', () => {
  it('matches the CRC-64/XZ check value', () => {
    expect(crc64(new TextEncoder().encode('123456789'))).toBe(0x995dc9bbdf1939fan)
  })

  it('is 0 for no bytes', () => {
    expect(crc64(new Uint8Array(0))).toBe(0n)
    expect(new Crc64().digest()).toBe(0n)
  })

  it('matches the value xz stores for a 1 MiB pattern', () => {
    // `xz --check=crc64` on these bytes; `xz -lvv` shows CheckVal 60f6948fe35f4e16.
    const data = new Uint8Array(1 << 20)
    for (let index = 0; index < data.length; index++) {
      data[index] = (index * 31 + (index >> 8)) & 0xff
    }
    expect(crc64(data)).toBe(0x60f6948fe35f4e16n)
  })

  it('matches the bitwise reference for every length around the 8-byte blocks', () => {
    const random = seededRandom(1)
    for (let length = 0; length <= 70; length++) {
      const data = randomData(length, random)
      expect(crc64(data), `length ${length}`).toBe(referenceCrc64(data))
    }
  })

  it('reads a subarray at an unaligned offset of a larger buffer', () => {
    const data = randomData(1000, seededRandom(2))
    const view = data.subarray(3, 990)
    expect(crc64(view)).toBe(referenceCrc64(view.slice()))
  })
})

describe('Crc64', () => {
  it('gives the one-pass value for updates split at arbitrary points', () => {
    const random = seededRandom(3)
    const data = randomData(5000, random)
    const expected = crc64(data)
    for (let round = 0; round < 50; round++) {
      const checksum = new Crc64()
      let offset = 0
      while (offset < data.length) {
        const size = Math.floor(random() * 300)
        checksum.update(data.subarray(offset, offset + size))
        offset += size
      }
      expect(checksum.digest()).toBe(expected)
    }
  })

  it('keeps going after digest', () => {
    const data = randomData(100, seededRandom(4))
    const checksum = new Crc64().update(data.subarray(0, 40))
    expect(checksum.digest()).toBe(crc64(data.subarray(0, 40)))
    expect(checksum.update(data.subarray(40)).digest()).toBe(crc64(data))
  })

  it('continues from an initial value', () => {
    const data = randomData(777, seededRandom(5))
    const head = crc64(data.subarray(0, 300))
    expect(new Crc64(head).update(data.subarray(300)).digest()).toBe(crc64(data))
    expect(crc64(data.subarray(300), head)).toBe(crc64(data))
  })

  it('rejects an initial value outside 64 bits', () => {
    expect(() => new Crc64(-1n)).toThrow(AppError)
    expect(() => new Crc64(1n << 64n)).toThrow(AppError)
  })
})

describe('combineCrc64', () => {
  it('equals the CRC of the whole for random splits, including empty parts', () => {
    const random = seededRandom(6)
    const data = randomData(4096, random)
    const whole = crc64(data)
    const splits = [0, 1, 7, 8, 16, 4095, 4096]
    for (let round = 0; round < 40; round++) splits.push(Math.floor(random() * 4097))
    for (const split of splits) {
      const first = crc64(data.subarray(0, split))
      const second = crc64(data.subarray(split))
      expect(combineCrc64(first, second, data.length - split), `split ${split}`).toBe(whole)
    }
  })

  it('folds many parts in order, the way parallel segments are checked', () => {
    const random = seededRandom(7)
    const data = randomData(10_000, random)
    const boundaries = [0, 1234, 1234, 5000, 9999, 10_000]
    let combined = 0n
    for (let index = 1; index < boundaries.length; index++) {
      const part = data.subarray(boundaries[index - 1], boundaries[index])
      combined = combineCrc64(combined, crc64(part), part.length)
    }
    expect(combined).toBe(crc64(data))
  })

  it('agrees with hashing real bytes for a length with many set bits', () => {
    // 123457 = 0b11110001001000001: exercises many of the precomputed powers of x.
    const zeros = new Uint8Array(123_457)
    const head = crc64(new TextEncoder().encode('head'))
    expect(combineCrc64(head, crc64(zeros), zeros.length)).toBe(crc64(zeros, head))
  })

  it('rejects a negative or fractional length', () => {
    expect(() => combineCrc64(1n, 2n, -1)).toThrow(AppError)
    expect(() => combineCrc64(1n, 2n, 1.5)).toThrow(AppError)
  })
})

describe('formatCrc64 and parseCrc64', () => {
  it('round-trips the unsigned decimal form OSS sends', () => {
    const value = 0x995dc9bbdf1939fan
    expect(formatCrc64(value)).toBe('11051210869376104954')
    expect(parseCrc64('11051210869376104954')).toBe(value)
    expect(parseCrc64(' 0 ')).toBe(0n)
    expect(formatCrc64((1n << 64n) - 1n)).toBe('18446744073709551615')
  })

  it.each(['', 'abc', '-1', '0x10', '1.5', '1e5', '18446744073709551616', '123456789012345678901'])(
    'rejects %j',
    (text) => {
      expect(() => parseCrc64(text)).toThrow(AppError)
    },
  )

  it('refuses to format a value outside 64 bits', () => {
    expect(() => formatCrc64(-1n)).toThrow(AppError)
  })
})
