import { createDecipheriv } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { AppError } from '../../shared/errors'
import { toFileError } from '../engine/part-file'

/** AES-128 keys and IVs are 16 bytes. */
export const aesBlockBytes = 16

/**
 * The IV of a segment: the playlist's IV attribute when it has one, otherwise the media sequence
 * number as a 16-byte big-endian integer (RFC 8216 §5.2).
 */
export function segmentIv(listed: Buffer | undefined, sequence: number): Buffer {
  if (listed !== undefined) {
    if (listed.length !== aesBlockBytes) {
      throw new AppError('MalformedResponse', `an HLS IV of ${listed.length} bytes`)
    }
    return listed
  }
  if (!Number.isSafeInteger(sequence) || sequence < 0) {
    throw new AppError('MalformedResponse', `media sequence number ${sequence}`)
  }
  const iv = Buffer.alloc(aesBlockBytes)
  iv.writeBigUInt64BE(BigInt(sequence), 8)
  return iv
}

/** Decrypts a whole AES-128-CBC segment held in memory (PKCS#7 padding removed). */
export function decryptSegment(data: Buffer, key: Buffer, iv: Buffer): Buffer {
  const decipher = createDecipheriv('aes-128-cbc', key, iv)
  return Buffer.concat([decipher.update(data), decipher.final()])
}

/**
 * Decrypts the downloaded segment `source` into `target` as a stream (segments can be large) and
 * flushes it, so the rename that commits it never exposes a file that is only in the cache.
 * A key that does not fit shows as bad padding: reported as `KeyUnavailable`.
 */
export async function decryptFile(
  source: string,
  target: string,
  key: Buffer,
  iv: Buffer,
): Promise<void> {
  try {
    await pipeline(
      createReadStream(source),
      createDecipheriv('aes-128-cbc', key, iv),
      // `flush` syncs the data to the disk before the file is closed.
      createWriteStream(target, { flush: true }),
    )
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('ERR_OSSL')) {
      throw new AppError('KeyUnavailable', 'the segment does not decrypt with the listed key', {
        cause: error,
      })
    }
    throw toFileError(error, target)
  }
}
