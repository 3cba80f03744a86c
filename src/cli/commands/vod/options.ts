import {
  defaultRestoreOptions,
  restoreTiers,
  vodFileKinds,
  type AddressType,
  type MediaPart,
  type RestoreOptions,
  type RestoreTier,
  type UnavailablePart,
  type VodFileKind,
} from '../../../shared/vod'
import { playDomainPattern } from '../../../shared/settings'
import { parsePositiveInteger, UsageError } from '../../arguments'

export function parseOutputType(text: string | undefined): AddressType {
  if (text === undefined || text === 'cdn') return 'cdn'
  if (text === 'oss') return 'oss'
  throw new UsageError('--output-type must be cdn or oss')
}

/**
 * `--restore [--restore-tier T] [--restore-days N]`: restore archived sources first (RestoreMedia)
 * and download them once restored; undefined without `--restore` (they are skipped with why).
 */
export function restoreOptionsFrom(values: {
  restore?: boolean | undefined
  'restore-tier'?: string | undefined
  'restore-days'?: string | undefined
}): RestoreOptions | undefined {
  const tierText = values['restore-tier']
  const daysText = values['restore-days']
  if (!values.restore) {
    if (tierText !== undefined || daysText !== undefined) {
      throw new UsageError('--restore-tier and --restore-days go with --restore')
    }
    return undefined
  }
  const tier = restoreTiers.find((candidate) => candidate.toLowerCase() === tierText?.toLowerCase())
  if (tierText !== undefined && tier === undefined) {
    throw new UsageError(`--restore-tier must be one of ${restoreTiers.join(', ')}`)
  }
  return {
    tier: (tier ?? defaultRestoreOptions.tier) satisfies RestoreTier,
    days: parsePositiveInteger(daysText, '--restore-days', 365) ?? defaultRestoreOptions.days,
  }
}

/** What `--file` selects, as kinds of downloadable files. */
export const fileChoices: Record<string, readonly VodFileKind[]> = {
  source: ['source'],
  rendition: ['rendition'],
  cover: ['cover'],
  snapshots: ['snapshot'],
  sprites: ['sprite', 'sprite-origin'],
  image: ['image'],
  all: vodFileKinds,
}

/** How each part of a media item is named in the command's report. */
const partNames: Record<MediaPart, string> = {
  source: 'source',
  renditions: 'streams',
  'cover-candidates': 'cover snapshots',
  snapshots: 'snapshots',
  sprites: 'sprites',
  'sprite-origins': 'sprite frames',
  webvtt: 'WebVTT thumbnails',
}

/**
 * One line per reason for the parts that could not be listed, e.g.
 * `snapshots, sprites: skipped — The video is not in the Normal state (…) (Transcoding)`.
 */
export function describeUnavailable(parts: readonly UnavailablePart[], verb = 'skipped'): string[] {
  const byMessage = new Map<string, string[]>()
  for (const part of parts) {
    const names = byMessage.get(part.error.message) ?? []
    names.push(partNames[part.part])
    byMessage.set(part.error.message, names)
  }
  return [...byMessage].map(([message, names]) => `${names.join(', ')}: ${verb} — ${message}`)
}

/** Two Match conditions that must both hold; either may be absent. */
export function joinMatch(
  first: string | undefined,
  second: string | undefined,
): string | undefined {
  if (!first) return second
  if (!second) return first
  return `${first} and ${second}`
}

/** `--play-domain`: one of the account's CDN domains, as a bare host name. */
export function parsePlayDomain(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  const domain = text.trim().toLowerCase()
  if (!playDomainPattern.test(domain)) {
    throw new UsageError(
      `--play-domain needs a domain name such as media.example.com (no https://, no path): ${JSON.stringify(text)}`,
    )
  }
  return domain
}
