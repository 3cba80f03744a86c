import { parse, setOptions, type types } from 'hls-parser'
import { AppError } from '../../shared/errors'

/** How one segment is encrypted: standard AES-128 (whole segment, CBC, PKCS#7). */
export interface SegmentKey {
  method: 'AES-128'
  /** Absolute key URI as the playlist lists it (a token is added only when it is requested). */
  uri: string
  /** The media playlist that lists the key: whether the token may go to the key's host. */
  playlistUrl: string
  /** The playlist's IV attribute; without one, the IV is the media sequence number. */
  iv: Buffer | undefined
}

/** One media segment as the latest playlist lists it. */
export interface PlaylistSegment {
  /** Media sequence number: what identifies the segment across playlist fetches. */
  sequence: number
  /** Place in the playlist, from 0. */
  position: number
  /**
   * Absolute address as the playlist lists it (RFC 3986 resolution); the job may add the
   * playlist's parameters when this is refused (`segment-addressing.ts`).
   */
  uri: string
  duration: number
  discontinuity: boolean
  key: SegmentKey | undefined
}

export interface MediaPlaylistPlan {
  kind: 'media'
  targetDuration: number
  /** `#EXT-X-ENDLIST`: the list is complete (a VOD stream, not a live one). */
  endList: boolean
  segments: PlaylistSegment[]
}

/** A master playlist: the variant to follow (the one with the highest bandwidth). */
export interface MasterPlaylistPlan {
  kind: 'master'
  variantUri: string
  bandwidth: number
}

export type ParsedPlaylist = MediaPlaylistPlan | MasterPlaylistPlan

/**
 * The absolute address of a playlist entry: the reference resolved against the playlist's final
 * address per RFC 3986 (§5.2; the WHATWG URL parser resolves http and https references the same
 * way), and nothing else. Whether the playlist's own query must be added is learned per job by
 * asking (`segment-addressing.ts`), never assumed: some deliveries need it, others refuse it.
 */
export function resolvePlaylistReference(playlistUrl: string, reference: string): string {
  return new URL(reference, playlistUrl).href
}

/**
 * Reads a playlist fetched from `playlistUrl` into what a download needs. Anything a plain
 * player-independent download cannot reproduce faithfully is refused here, before a byte of
 * media is fetched: Aliyun proprietary keys, DRM key formats, SAMPLE-AES, byte ranges, fMP4
 * init sections and gaps.
 */
export function parsePlaylist(text: string, playlistUrl: string): ParsedPlaylist {
  if (!text.trimStart().startsWith('#EXTM3U')) {
    throw new AppError('MalformedResponse', 'the playlist address did not return an HLS playlist')
  }
  // The parser reports tolerated defects on the console unless told not to; the checks below
  // decide what is acceptable, and a CLI must not print parser chatter.
  setOptions({ silent: true })
  let playlist: types.MasterPlaylist | types.MediaPlaylist
  try {
    playlist = parse(text)
  } catch (error) {
    throw new AppError(
      'MalformedResponse',
      `the HLS playlist could not be read (${error instanceof Error ? error.message : String(error)})`,
    )
  }
  if (playlist.isMasterPlaylist) return masterPlan(playlist, playlistUrl)
  return mediaPlan(playlist, playlistUrl)
}

function masterPlan(playlist: types.MasterPlaylist, playlistUrl: string): MasterPlaylistPlan {
  const candidates = playlist.variants.filter((variant) => !variant.isIFrameOnly && variant.uri)
  const best = candidates.reduce<types.Variant | undefined>(
    (chosen, variant) => (!chosen || variant.bandwidth > chosen.bandwidth ? variant : chosen),
    undefined,
  )
  if (!best) throw new AppError('MalformedResponse', 'the master playlist lists no variant')
  // A variant whose audio or subtitles live in separate playlists would lose them here.
  const separate = [...best.audio, ...best.subtitles].some((rendition) => rendition.uri)
  if (separate) {
    throw new AppError(
      'Unsupported',
      'an HLS variant with separate audio or subtitle playlists cannot be saved as one stream',
    )
  }
  return {
    kind: 'master',
    variantUri: resolvePlaylistReference(playlistUrl, best.uri),
    bandwidth: best.bandwidth,
  }
}

function mediaPlan(playlist: types.MediaPlaylist, playlistUrl: string): MediaPlaylistPlan {
  if (playlist.segments.length === 0) {
    throw new AppError('MalformedResponse', 'the HLS playlist lists no segments')
  }
  const segments = playlist.segments.map((segment, position): PlaylistSegment => {
    if (!segment.uri) {
      throw new AppError('MalformedResponse', `HLS segment ${position} has no address`)
    }
    if (segment.byterange) {
      throw new AppError('Unsupported', 'HLS segments given as byte ranges (#EXT-X-BYTERANGE)')
    }
    if (segment.map) {
      throw new AppError('Unsupported', 'fragmented MP4 HLS (#EXT-X-MAP)')
    }
    if (segment.gap) {
      throw new AppError('Unsupported', `HLS segment ${position} is marked as a gap (#EXT-X-GAP)`)
    }
    return {
      sequence: segment.mediaSequenceNumber,
      position,
      uri: resolvePlaylistReference(playlistUrl, segment.uri),
      duration: segment.duration,
      discontinuity: segment.discontinuity === true,
      key: segmentKey(segment.key, playlistUrl),
    }
  })
  return {
    kind: 'media',
    targetDuration: playlist.targetDuration,
    endList: playlist.endlist,
    segments,
  }
}

/** Keys only the Aliyun player understands, recognised by their format or address scheme. */
function isProprietaryKey(key: types.Key): boolean {
  return (
    key.format?.toLowerCase() === 'alivod' || (key.uri !== undefined && /^alivod:/i.test(key.uri))
  )
}

function segmentKey(key: types.Key | undefined, playlistUrl: string): SegmentKey | undefined {
  if (!key || key.method === 'NONE') return undefined
  if (isProprietaryKey(key)) throw new AppError('ProprietaryEncryption', 'AliyunVoDEncryption')
  if (key.method !== 'AES-128') {
    throw new AppError('Unsupported', `HLS encryption method ${key.method}`)
  }
  if (key.format !== undefined && key.format.toLowerCase() !== 'identity') {
    throw new AppError('Unsupported', `HLS key format ${key.format} (DRM)`)
  }
  if (!key.uri) throw new AppError('MalformedResponse', 'an AES-128 key line without a URI')
  const uri = resolveKeyUri(playlistUrl, key.uri)
  return {
    method: 'AES-128',
    uri,
    playlistUrl,
    iv: key.iv === undefined ? undefined : Buffer.from(new Uint8Array(key.iv)),
  }
}

/**
 * Key URIs point at a key service (often another host): no query is carried onto them. A
 * playlist fetched over https whose key is served over plain http is refused: the key (and a
 * token with it) would cross the network in clear text, where it can be read or replaced.
 */
function resolveKeyUri(playlistUrl: string, reference: string): string {
  const resolved = new URL(reference, playlistUrl)
  if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') {
    throw new AppError('Unsupported', `an HLS key served over ${resolved.protocol}`)
  }
  if (resolved.protocol === 'http:' && new URL(playlistUrl).protocol === 'https:') {
    throw new AppError('InsecureKey', `key host ${resolved.host}`)
  }
  return resolved.href
}
