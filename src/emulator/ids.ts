import { createHash } from 'node:crypto'

/**
 * Deterministic identifiers: the same library (ids, job ids, seeds) on every start, so tests,
 * screenshots and bug reports can name items.
 */

/** 32 lower-case hex characters, the shape of VOD VideoIds, ImageIds and JobIds. */
export function hexId(...parts: ReadonlyArray<string | number>): string {
  return digest(parts).toString('hex').slice(0, 32)
}

/** An unsigned 32-bit number derived from the parts, for content seeds and jitter. */
export function seedFrom(...parts: ReadonlyArray<string | number>): number {
  return digest(parts).readUInt32BE(0)
}

function digest(parts: ReadonlyArray<string | number>): Buffer {
  return createHash('sha256')
    .update(`vod-emulator/${parts.join('/')}`)
    .digest()
}
