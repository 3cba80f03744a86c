import { readCdnPathSignature } from '../../../shared/cdn-path-signature'
import type { JobSnapshot } from '../../../shared/jobs'

/**
 * What a downloaded file records about where it came from, so the operating system treats it as
 * it treats a browser download: Windows' Mark-of-the-Web (the `Zone.Identifier` alternate data
 * stream that SmartScreen, Office Protected View and the "unblock" checkbox read) and macOS's
 * quarantine attribute (which Gatekeeper reads) plus the Finder's "Where from". Pure: the plan is
 * written by io/origin-mark.ts.
 */

/** The name the macOS quarantine attribute and Finder give as the downloading application. */
export const quarantineAgentName = 'VOD Downloader'

/**
 * Where a file came from, as far as it can be told without revealing anything that grants
 * access. Addresses keep their scheme, host, port and path only.
 */
export interface DownloadOrigin {
  /**
   * The address the bytes came from; null for VOD files, whose signed address is asked for
   * afresh whenever needed and never kept with the job.
   */
  hostUrl: string | null
  /** The page the download was made for (the CDN Referer sent with it); null when none. */
  referrerUrl: string | null
}

/**
 * An http(s) address reduced to what identifies the file: no user name or password, no query
 * and no fragment (where OSS, CDN type A/C/D/F and STS signatures, key ids and tokens live), and
 * without the two path segments in which CDN signing types B and C carry their timestamp and MD5
 * signature. Null for anything that is not an http(s) URL.
 */
export function originUrl(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null
  const segments = parsed.pathname.split('/').filter((segment) => segment !== '')
  const kept = readCdnPathSignature(segments) === undefined ? segments : segments.slice(2)
  const result = `${parsed.protocol}//${parsed.host}/${kept.join('/')}`
  // The URL parser percent-encodes controls; a line break would split the INI stream.
  return /[\r\n]/.test(result) ? null : result
}

/** The origin of a job's file, from its source (never from a resolved, signed address). */
export function downloadOriginOf(job: Pick<JobSnapshot, 'source'>): DownloadOrigin {
  const { source } = job
  const referer = Object.entries(source.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'referer',
  )?.[1]
  return {
    hostUrl: source.kind === 'url' ? originUrl(source.url) : null,
    referrerUrl: referer === undefined ? null : originUrl(referer),
  }
}

/**
 * The `Zone.Identifier` stream as Chromium writes it: zone 3 (Internet), the referrer when there
 * is one, and the host URL, or `about:internet` when the address is not known.
 */
export function zoneIdentifierContent(origin: DownloadOrigin): string {
  const lines = ['[ZoneTransfer]', 'ZoneId=3']
  if (origin.referrerUrl !== null) lines.push(`ReferrerUrl=${origin.referrerUrl}`)
  lines.push(`HostUrl=${origin.hostUrl ?? 'about:internet'}`)
  return lines.map((line) => `${line}\r\n`).join('')
}

/**
 * The `com.apple.quarantine` value: flags `0081` (downloaded, not yet approved), the time in hex
 * seconds, the downloading application, and no quarantine event id.
 */
export function quarantineValue(nowMs: number, agent: string = quarantineAgentName): string {
  const seconds = Math.max(0, Math.floor(nowMs / 1000))
  return `0081;${seconds.toString(16)};${agent};`
}

/**
 * A binary property list holding an array of strings: the format of
 * `com.apple.metadata:kMDItemWhereFroms`, which the Finder shows as "Where from".
 */
export function stringArrayPlist(values: readonly string[]): Buffer {
  const objectCount = values.length + 1
  if (objectCount > 255) throw new RangeError('too many strings for a one-byte object reference')
  const objects: Buffer[] = [
    Buffer.concat([
      markerWithLength(0xa0, values.length),
      Buffer.from(values.map((_, i) => i + 1)),
    ]),
    ...values.map(plistString),
  ]
  const header = Buffer.from('bplist00', 'ascii')
  const offsets: number[] = []
  let position = header.length
  for (const object of objects) {
    offsets.push(position)
    position += object.length
  }
  const offsetTableOffset = position
  const offsetSize = offsetTableOffset < 0x100 ? 1 : offsetTableOffset < 0x10000 ? 2 : 4
  const offsetTable = Buffer.alloc(offsets.length * offsetSize)
  offsets.forEach((offset, index) =>
    offsetTable.writeUIntBE(offset, index * offsetSize, offsetSize),
  )
  const trailer = Buffer.alloc(32)
  trailer.writeUInt8(offsetSize, 6)
  trailer.writeUInt8(1, 7)
  trailer.writeBigUInt64BE(BigInt(objectCount), 8)
  trailer.writeBigUInt64BE(0n, 16)
  trailer.writeBigUInt64BE(BigInt(offsetTableOffset), 24)
  return Buffer.concat([header, ...objects, offsetTable, trailer])
}

function plistString(value: string): Buffer {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(value)) {
    return Buffer.concat([markerWithLength(0x50, value.length), Buffer.from(value, 'ascii')])
  }
  const utf16 = Buffer.from(value, 'utf16le').swap16()
  return Buffer.concat([markerWithLength(0x60, utf16.length / 2), utf16])
}

/** An object marker whose low nibble holds a length below 15, or 0xF and an integer object. */
function markerWithLength(marker: number, length: number): Buffer {
  if (length < 15) return Buffer.from([marker | length])
  if (length < 0x100) return Buffer.from([marker | 0xf, 0x10, length])
  if (length < 0x10000) return Buffer.from([marker | 0xf, 0x11, length >> 8, length & 0xff])
  const integer = Buffer.alloc(6)
  integer.writeUInt8(marker | 0xf, 0)
  integer.writeUInt8(0x12, 1)
  integer.writeUInt32BE(length, 2)
  return integer
}

/** A program run with arguments, without a shell. */
export interface MarkCommand {
  file: string
  args: string[]
}

/** What marking one file takes on this platform. */
export type OriginMarkPlan =
  | { kind: 'none' }
  /** Windows: write this text into the file's `Zone.Identifier` alternate data stream. */
  | { kind: 'zone-identifier'; streamPath: string; content: string }
  /** macOS: set extended attributes with `/usr/bin/xattr` (absolute: never found on PATH). */
  | { kind: 'xattr'; commands: MarkCommand[] }

export const xattrCommand = '/usr/bin/xattr'

/**
 * How to mark `filePath` (absolute) as downloaded from the internet. Linux has no such marker
 * that desktop environments act on, so nothing is written there.
 */
export function planOriginMark(input: {
  platform: NodeJS.Platform
  filePath: string
  origin: DownloadOrigin
  now: number
}): OriginMarkPlan {
  const { platform, filePath, origin } = input
  if (platform === 'win32') {
    return {
      kind: 'zone-identifier',
      streamPath: `${filePath}:Zone.Identifier`,
      content: zoneIdentifierContent(origin),
    }
  }
  // An absolute path cannot be mistaken for an option of xattr.
  if (platform !== 'darwin' || !filePath.startsWith('/')) return { kind: 'none' }
  const commands: MarkCommand[] = [
    {
      file: xattrCommand,
      args: ['-w', 'com.apple.quarantine', quarantineValue(input.now), filePath],
    },
  ]
  const whereFrom = [origin.hostUrl, origin.referrerUrl].filter(
    (url): url is string => url !== null,
  )
  if (origin.hostUrl !== null) {
    commands.push({
      file: xattrCommand,
      args: [
        '-wx',
        'com.apple.metadata:kMDItemWhereFroms',
        stringArrayPlist(whereFrom).toString('hex'),
        filePath,
      ],
    })
  }
  return { kind: 'xattr', commands }
}
