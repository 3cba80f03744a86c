import { createCipheriv, createHash } from 'node:crypto'
import { Crc64, combineCrc64 } from '../shared/crc64'

/**
 * Deterministic synthetic file content for the emulator's large masters, the test fixture server,
 * and the tests that check what the engine wrote.
 *
 * The bytes at any offset depend only on (seed, offset), so a test can compute the expected hash
 * of a file it never stored, and the server can serve any range of a 1 GiB file without holding
 * it. Per seed we keep one random pattern of 1 MiB + 64 KiB (AES-128-CTR keystream, which is
 * native and fast). The 1 MiB-aligned block k of a file is the pattern window starting at a
 * per-block rotation r_k in [0, 64 KiB), so serving is zero-copy (`subarray`) and neighbouring
 * blocks still differ: a segment written at the wrong offset changes the file's hash.
 */

/** Bytes per content block; blocks are aligned to multiples of this in the file. */
export const syntheticBlockSize = 1 << 20

/** Rotations fall in [0, rotationSpan), so the pattern is one block plus this much longer. */
const rotationSpan = 1 << 16

/** The longest a pattern ever needs to be. */
const fullPatternLength = syntheticBlockSize + rotationSpan

/** Patterns grow in steps of this size, so small files never pay for a full 1.06 MiB pattern. */
const patternGrowthStep = 1 << 16

/**
 * A memo with a fixed budget that forgets the least recently used entries first. Content is
 * recomputed on a miss, so forgetting is always safe; the bound keeps a run that touches
 * thousands of seeds (the many-small-files benchmark) from growing without limit.
 */
class BoundedMemo<Key, Value> {
  private readonly entries = new Map<Key, Value>()
  private total = 0

  constructor(
    private readonly budget: number,
    private readonly weigh: (value: Value) => number,
  ) {}

  get(key: Key): Value | undefined {
    const value = this.entries.get(key)
    if (value !== undefined) {
      // Re-inserting moves the key to the end of the Map's insertion order: most recently used.
      this.entries.delete(key)
      this.entries.set(key, value)
    }
    return value
  }

  set(key: Key, value: Value): void {
    const previous = this.entries.get(key)
    if (previous !== undefined) {
      this.total -= this.weigh(previous)
      this.entries.delete(key)
    }
    this.entries.set(key, value)
    this.total += this.weigh(value)
    for (const [oldestKey, oldestValue] of this.entries) {
      if (this.total <= this.budget || oldestKey === key) break
      this.entries.delete(oldestKey)
      this.total -= this.weigh(oldestValue)
    }
  }
}

/** The random material for one seed; `bytes` may be a prefix of the full pattern. */
interface Pattern {
  /** 32 bits mixed into every block's rotation. */
  rotationSalt: number
  bytes: Buffer
}

/**
 * The only module-level state: bounded memos of derived values, documented above. 64 MiB of
 * patterns covers 60 big files or ~500 small ones at once.
 */
const patterns = new BoundedMemo<number, Pattern>(64 << 20, (pattern) => pattern.bytes.length)
const sha256Memo = new BoundedMemo<string, string>(1024, () => 1)
const md5Memo = new BoundedMemo<string, string>(1024, () => 1)
const crc64Memo = new BoundedMemo<string, bigint>(1024, () => 1)

function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`content seed must be an integer: ${seed}`)
}

function checkLength(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer: ${value}`)
  }
}

/** The AES key and rotation salt of a seed: a hash, cheap enough to recompute on every call. */
function seedMaterial(seed: number): { key: Buffer; rotationSalt: number } {
  const digest = createHash('sha256').update(`vod-downloader fixture content v1:${seed}`).digest()
  return { key: digest.subarray(0, 16), rotationSalt: digest.readUInt32BE(16) }
}

/** Returns the pattern for `seed`, at least `minimumLength` bytes long. */
function patternFor(seed: number, minimumLength: number): Pattern {
  const cached = patterns.get(seed)
  if (cached !== undefined && cached.bytes.length >= minimumLength) return cached
  const { key, rotationSalt } = seedMaterial(seed)
  const length = Math.min(
    fullPatternLength,
    Math.ceil(minimumLength / patternGrowthStep) * patternGrowthStep,
  )
  // CTR mode is a keystream: a longer pattern starts with the same bytes as a shorter one, so
  // slices already handed out from the old buffer stay valid and agree with the new one.
  const cipher = createCipheriv('aes-128-ctr', key, Buffer.alloc(16))
  const pattern: Pattern = { rotationSalt, bytes: cipher.update(Buffer.alloc(length)) }
  patterns.set(seed, pattern)
  return pattern
}

/** The rotation of block `block`: a 32-bit integer hash (murmur3 finalizer) of salt and index. */
function blockRotation(rotationSalt: number, block: number): number {
  const high = Math.floor(block / 0x1_0000_0000)
  let mixed =
    (rotationSalt ^ Math.imul(block >>> 0, 0x9e3779b1) ^ Math.imul(high, 0x85ebca77)) >>> 0
  mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b)
  mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35)
  mixed ^= mixed >>> 16
  return (mixed >>> 0) % rotationSpan
}

/** One block's share of a byte range: pattern window [from, to). */
interface Window {
  from: number
  to: number
}

/** Maps [start, endExclusive) onto pattern windows, one per block touched. */
function windowsFor(rotationSalt: number, start: number, endExclusive: number): Window[] {
  const windows: Window[] = []
  let position = start
  while (position < endExclusive) {
    const block = Math.floor(position / syntheticBlockSize)
    const blockStart = block * syntheticBlockSize
    const blockEnd = Math.min(blockStart + syntheticBlockSize, endExclusive)
    const rotation = blockRotation(rotationSalt, block)
    windows.push({
      from: rotation + (position - blockStart),
      to: rotation + (blockEnd - blockStart),
    })
    position = blockEnd
  }
  return windows
}

/** How much of the pattern the windows reach into. */
function furthestEdge(windows: Window[]): number {
  let furthest = 0
  for (const window of windows) furthest = Math.max(furthest, window.to)
  return furthest
}

/**
 * The bytes of [start, endExclusive) of the file with this seed, as zero-copy views into a shared
 * pattern: at most one chunk per 1 MiB block. Never write into the returned buffers.
 */
export function contentSlice(seed: number, start: number, endExclusive: number): Buffer[] {
  checkSeed(seed)
  checkLength('start', start)
  checkLength('endExclusive', endExclusive)
  if (endExclusive < start) throw new RangeError(`range end ${endExclusive} before start ${start}`)
  if (endExclusive === start) return []
  const windows = windowsFor(seedMaterial(seed).rotationSalt, start, endExclusive)
  const pattern = patternFor(seed, furthestEdge(windows))
  return windows.map((window) => pattern.bytes.subarray(window.from, window.to))
}

/** Hex SHA-256 of the first `size` bytes of the content for `seed`. Memoized (bounded). */
export function contentSha256(seed: number, size: number): string {
  return digestOf(sha256Memo, 'sha256', 'hex', seed, size)
}

/** Base64 MD5 of the content, as OSS sends it in `Content-MD5`. Memoized (bounded). */
export function contentMd5Base64(seed: number, size: number): string {
  return digestOf(md5Memo, 'md5', 'base64', seed, size)
}

function digestOf(
  memo: BoundedMemo<string, string>,
  algorithm: 'sha256' | 'md5',
  encoding: 'hex' | 'base64',
  seed: number,
  size: number,
): string {
  const memoKey = `${seed}:${size}`
  const cached = memo.get(memoKey)
  if (cached !== undefined) return cached
  const hash = createHash(algorithm)
  for (const chunk of contentSlice(seed, 0, size)) hash.update(chunk)
  const digest = hash.digest(encoding)
  memo.set(memoKey, digest)
  return digest
}

/**
 * CRC-64/XZ (OSS's `x-oss-hash-crc64ecma`) of the content. Memoized (bounded).
 *
 * Running the CRC over every byte of a 1 GiB file would take over a second of CPU. Every block is
 * a window of one pattern, so instead we run the CRC once over the pattern, note the prefix CRCs
 * at each window edge, and use linearity: crc(P[a, b)) = crc(P[0, b)) ⊕ crc(P[0, a))·x^(8(b−a)),
 * where the second term is `combineCrc64(crc(P[0, a)), 0, b − a)`. Blocks are then joined with
 * `combineCrc64`.
 */
export function contentCrc64(seed: number, size: number): bigint {
  checkSeed(seed)
  checkLength('size', size)
  const memoKey = `${seed}:${size}`
  const cached = crc64Memo.get(memoKey)
  if (cached !== undefined) return cached
  let value = 0n
  if (size > 0) {
    const windows = windowsFor(seedMaterial(seed).rotationSalt, 0, size)
    const pattern = patternFor(seed, furthestEdge(windows))
    const prefixes = prefixCrcs(
      pattern.bytes,
      windows.flatMap((window) => [window.from, window.to]),
    )
    const shiftByBlock = new LinearShift(syntheticBlockSize)
    for (const window of windows) {
      const length = window.to - window.from
      const shift = length === syntheticBlockSize ? shiftByBlock : new LinearShift(length)
      const windowCrc = prefixes.get(window.to)! ^ shift.apply(prefixes.get(window.from)!)
      value = shift.apply(value) ^ windowCrc
    }
  }
  crc64Memo.set(memoKey, value)
  return value
}

/** The CRC of bytes[0, p) for each requested position p, from a single pass over `bytes`. */
function prefixCrcs(bytes: Buffer, positions: number[]): Map<number, bigint> {
  const result = new Map<number, bigint>()
  const running = new Crc64()
  let reached = 0
  for (const position of [...new Set(positions)].sort((a, b) => a - b)) {
    running.update(bytes.subarray(reached, position))
    reached = position
    result.set(position, running.digest())
  }
  return result
}

/**
 * The map c ↦ c·x^(8·length) mod P, which `combineCrc64(c, 0, length)` computes. It is linear
 * over GF(2), so we evaluate it once per bit and then apply it with XORs: a 1 GiB file needs 2048
 * applications, which would otherwise cost a full polynomial power each.
 */
class LinearShift {
  private readonly images: bigint[] = []

  constructor(length: number) {
    for (let bit = 0n; bit < 64n; bit++) this.images.push(combineCrc64(1n << bit, 0n, length))
  }

  apply(value: bigint): bigint {
    let result = 0n
    let remaining = value
    for (let bit = 0; remaining !== 0n; bit++, remaining >>= 1n) {
      if (remaining & 1n) result ^= this.images[bit]!
    }
    return result
  }
}
