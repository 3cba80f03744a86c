import { formatCrc64 } from '../../shared/crc64'
import { contentCrc64, contentMd5Base64 } from '../synthetic-content'

/**
 * Per-instance cache of whole-object digests of generated content: a 300 MiB master takes a
 * noticeable fraction of a second to hash, and its CRC is needed for every response header.
 */
export class SyntheticDigests {
  private readonly crcs = new Map<string, string>()
  private readonly md5s = new Map<string, string>()

  /** Unsigned decimal CRC-64/XZ, as in `x-oss-hash-crc64ecma`. */
  crc64(seed: number, size: number): string {
    return remember(this.crcs, seed, size, () => formatCrc64(contentCrc64(seed, size)))
  }

  /** Lower-case hex MD5. */
  md5Hex(seed: number, size: number): string {
    return remember(this.md5s, seed, size, () =>
      Buffer.from(contentMd5Base64(seed, size), 'base64').toString('hex'),
    )
  }
}

function remember(
  cache: Map<string, string>,
  seed: number,
  size: number,
  compute: () => string,
): string {
  const key = `${seed}:${size}`
  let value = cache.get(key)
  if (value === undefined) {
    value = compute()
    cache.set(key, value)
  }
  return value
}
