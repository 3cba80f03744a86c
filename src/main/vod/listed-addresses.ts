import type { AddressType, VodFileKind, VodFileReference } from '../../shared/vod'
import type { SourceIdentity } from '../engine/source'
import {
  chooseAuthTimeoutSeconds,
  ownBucketMaximumAuthTimeoutSeconds,
  type AuthTimeoutSettings,
  type SigningAction,
} from './auth-timeout'
import { parseUrlExpiry } from './url-lease'

/** An address a listing already got for a file, with what it was asked with. */
export interface ListedAddress {
  url: string
  /** The AuthTimeout it was signed with; absent for actions that take none (the main cover). */
  authTimeout?: number
  identity?: SourceIdentity
  /** The address type the listing asked for. */
  outputType: AddressType
  /** Renditions: the CDN domain the listing asked for. */
  playDomain?: string
}

/** What the resolver would ask with now, to tell whether a listed address is as good. */
export interface AddressRequest {
  settings: AuthTimeoutSettings & { playDomain?: string; mtsHlsUriToken?: string }
  now: number
}

/** The address to use instead of asking, and a lifetime the storage granted after a refusal. */
export interface TakenAddress {
  url: string
  authTimeout?: number
  identity?: SourceIdentity
  /** The storage refused a longer lifetime while listing: renewals ask for this one. */
  grantedLifetime?: number
}

/** Addresses closer to their expiry than this are not handed on. */
const freshnessMarginMs = 60_000

/** The action (and so the AuthTimeout limits) that gives a kind's address. */
function signingActionOf(reference: VodFileReference): SigningAction | undefined {
  const kinds: Record<VodFileKind, SigningAction | undefined> = {
    source: 'GetMezzanineInfo',
    rendition: 'GetPlayInfo',
    cover: reference.index === undefined ? undefined : 'ListSnapshots',
    snapshot: 'ListSnapshots',
    sprite: 'ListSnapshots',
    'sprite-origin': 'ListSnapshots',
    webvtt: 'ListSnapshots',
    image: 'GetImageInfo',
    'image-original': 'GetImageInfo',
  }
  return kinds[reference.kind]
}

/**
 * Addresses a listing of this run already has (`vod get` lists each item's files with the
 * AuthTimeout its jobs use), handed to the first resolve of each file instead of asking the API
 * the same question again: `vod get --file source` then costs one GetMezzanineInfo per item,
 * not two. Each address is used once, and only when it is what a fresh call would give: same
 * address type, lifetime, CDN domain and no MtsHlsUriToken to carry, and not about to expire.
 * Offer only files that are readable now (never one to restore from archive storage first).
 * Renewals always ask the API.
 */
export class ListedAddresses {
  private readonly addresses = new Map<string, ListedAddress & { listedAt: number }>()

  offer(key: string, address: ListedAddress, listedAt: number): void {
    this.addresses.set(key, { ...address, listedAt })
  }

  take(
    key: string,
    reference: VodFileReference,
    request: AddressRequest,
  ): TakenAddress | undefined {
    const listed = this.addresses.get(key)
    if (!listed) return undefined
    this.addresses.delete(key)
    if (listed.outputType !== reference.outputType) return undefined
    const { settings } = request
    if (reference.kind === 'rendition') {
      if ((reference.playDomain ?? settings.playDomain) !== listed.playDomain) return undefined
      // The token rides on an m3u8 address as the resolver asks for it; the listing had none.
      if (settings.mtsHlsUriToken && reference.format?.toLowerCase() === 'm3u8') return undefined
    }
    const taken: TakenAddress = { url: listed.url }
    const action = signingActionOf(reference)
    if (action) {
      if (listed.authTimeout === undefined) return undefined
      const wanted = chooseAuthTimeoutSeconds({
        action,
        requested: reference.authTimeout,
        knownSize: listed.identity?.size,
        settings,
      })
      const refusedLonger =
        wanted > ownBucketMaximumAuthTimeoutSeconds &&
        listed.authTimeout === ownBucketMaximumAuthTimeoutSeconds
      if (listed.authTimeout !== wanted && !refusedLonger) return undefined
      if (refusedLonger) taken.grantedLifetime = listed.authTimeout
      taken.authTimeout = listed.authTimeout
    }
    const { expiresAt } = parseUrlExpiry(listed.url, {
      ...(listed.authTimeout === undefined
        ? {}
        : { requestedAuthTimeoutSeconds: listed.authTimeout }),
      issuedAt: listed.listedAt,
    })
    if (expiresAt !== undefined && expiresAt - request.now < freshnessMarginMs) return undefined
    if (listed.identity) taken.identity = listed.identity
    return taken
  }
}
