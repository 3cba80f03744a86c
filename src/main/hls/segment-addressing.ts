/**
 * Pure decisions about how an HLS job addresses its segments. Real deliveries come in several
 * shapes, and a client cannot tell them apart before it asks:
 *
 * - the edge rewrites every segment URI with its own signature (CDN URL signing with playlist
 *   rewrite, or OSS `x-oss-process=hls/sign`): the URI as listed works;
 * - the playlist lists bare relative URIs that the edge serves without a signature (signing
 *   covers the playlist only): the URI as listed works;
 * - bare relative URIs that the edge serves only with the playlist's own parameters (parameter
 *   pass-through): the URI as listed is refused, the URI with the playlist's query works;
 * - bare URIs in a private OSS bucket, where every object needs a signature of its own that no
 *   playlist shows: nothing works, and the job fails saying so.
 *
 * Segment URIs are resolved per RFC 3986 (§5.2, the WHATWG URL parser's resolution for http
 * and https) and requested as listed first: that is what the server wrote and what players
 * request, and adding the playlist's signature to an address that did not ask for it can break
 * it (OSS checks a signature that is present even on a public object, and a CDN type-A
 * `auth_key` is bound to the playlist's path). The playlist's parameters are added only after
 * the address as listed was refused, only on the playlist's own origin (a signature is never
 * sent to another host), and only for names the listed address does not carry already. What
 * worked is remembered for the job, so the probe costs one refused request per job.
 */

/** How a job's segment requests are addressed. */
export type SegmentAddressing = 'listed' | 'playlist-query'

export const segmentAddressings: readonly SegmentAddressing[] = ['listed', 'playlist-query']

export function isSegmentAddressing(value: unknown): value is SegmentAddressing {
  return value === 'listed' || value === 'playlist-query'
}

/** One way to request a segment. */
export interface SegmentAddress {
  addressing: SegmentAddressing
  url: string
}

/** Why a playlist-query address does not exist for a segment (named in a failure). */
export type NoPlaylistQuery = 'no-query' | 'other-origin' | 'nothing-to-add'

/** A refused request: the server's reason (redacted) and whether it looked like expiry. */
export interface Refusal {
  reason: string
  expired: boolean
}

/**
 * The listed address with the playlist's query parameters added (as written, never re-encoded,
 * so signatures stay byte for byte), or why there is no such address: the playlist's address
 * has no query, the segment is on another origin, or it already carries every parameter name.
 */
export function withPlaylistParameters(
  listedUri: string,
  playlistUrl: string,
): { url: string } | { missing: NoPlaylistQuery } {
  const listed = new URL(listedUri)
  const playlist = new URL(playlistUrl)
  const playlistPairs = queryPairs(playlist.search)
  if (playlistPairs.length === 0) return { missing: 'no-query' }
  if (listed.origin !== playlist.origin) return { missing: 'other-origin' }
  const ownPairs = queryPairs(listed.search)
  const ownNames = new Set(ownPairs.map((pair) => pair.name))
  const added = playlistPairs.filter((pair) => !ownNames.has(pair.name))
  if (added.length === 0) return { missing: 'nothing-to-add' }
  const query = [...ownPairs, ...added].map((pair) => pair.raw).join('&')
  return { url: `${listed.origin}${listed.pathname}?${query}` }
}

interface QueryPair {
  /** The decoded name, for comparison. */
  name: string
  /** `name=value` exactly as written. */
  raw: string
}

function queryPairs(search: string): QueryPair[] {
  const text = search.startsWith('?') ? search.slice(1) : search
  if (text === '') return []
  return text
    .split('&')
    .filter((raw) => raw !== '')
    .map((raw) => ({ name: decodeName(raw.split('=', 1)[0] ?? ''), raw }))
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '))
  } catch {
    return name
  }
}

/**
 * The addresses a segment can be requested at, the preferred one first: the one that worked for
 * this job when known, else the URI as listed. The listed URI has already been resolved against
 * the playlist's final address (RFC 3986).
 */
export function addressCandidates(
  listedUri: string,
  playlistUrl: string,
  preferred: SegmentAddressing | undefined,
): SegmentAddress[] {
  const listed: SegmentAddress = { addressing: 'listed', url: listedUri }
  const variant = withPlaylistParameters(listedUri, playlistUrl)
  if (!('url' in variant)) return [listed]
  const withQuery: SegmentAddress = { addressing: 'playlist-query', url: variant.url }
  return preferred === 'playlist-query' ? [withQuery, listed] : [listed, withQuery]
}

/** What to do after refusals under the current address lease. */
export type NextStep =
  | { kind: 'try'; address: SegmentAddress }
  /** Renew the lease (a fresh playlist) and try again. */
  | { kind: 'renew' }
  | { kind: 'fail'; code: 'SegmentRefused' | 'UrlExpired'; detail: string }

export interface StepInput {
  /** The segment's addresses, preferred first (`addressCandidates`). */
  candidates: readonly SegmentAddress[]
  /** Refusals under the current lease, by addressing. */
  refusals: ReadonlyMap<SegmentAddressing, Refusal>
  /** What worked for this job before (this attempt or a stored one). */
  known: SegmentAddressing | undefined
  /** Renewals made for refused segments since the last response that was not a refusal. */
  renewals: number
  /** Whether the lease can be renewed at all (a VOD source can, a plain URL cannot). */
  canRenew: boolean
  /** Whether the lease states its expiry (when it does not, a refusal may still be expiry). */
  expiryKnown: boolean
  /** Why the playlist-query address does not exist, when it does not (for the message). */
  noPlaylistQuery: NoPlaylistQuery | undefined
}

/**
 * Renewals for refused segments before giving up: once while the addressing is still being
 * found (the lease was fresh a moment ago, so this only guards against a stale one), three times
 * (as many as the lease keeper allows without a byte) once an address had worked for the job.
 */
const renewalsWhileProbing = 1
const renewalsOnceKnown = 3

/**
 * Decides the next request after a refusal. An address that has worked for this job and is
 * refused as expired is renewed first, without probing (the usual expiry). Otherwise the next
 * untried address is tried; when every address was refused, the lease is renewed while that may
 * help, and then the job fails naming each address and the server's reason for refusing it.
 */
export function nextStep(input: StepInput): NextStep {
  const { candidates, refusals, known, renewals, canRenew } = input
  const knownRefusal = known === undefined ? undefined : refusals.get(known)
  if (knownRefusal?.expired && canRenew && renewals === 0) return { kind: 'renew' }
  const untried = candidates.find((candidate) => !refusals.has(candidate.addressing))
  if (untried) return { kind: 'try', address: untried }
  const all = candidates.map((candidate) => refusals.get(candidate.addressing))
  const mayBeExpiry = !input.expiryKnown || all.some((refusal) => refusal?.expired === true)
  const limit = knownRefusal ? renewalsOnceKnown : renewalsWhileProbing
  if (canRenew && mayBeExpiry && renewals < limit) return { kind: 'renew' }
  // An address that worked, refused only as expired, with no renewal left: it simply expired.
  const onlyExpiry = knownRefusal !== undefined && all.every((refusal) => refusal?.expired === true)
  return {
    kind: 'fail',
    code: onlyExpiry ? 'UrlExpired' : 'SegmentRefused',
    detail: describeRefusals(candidates, refusals, input.noPlaylistQuery),
  }
}

const addressingLabels: Record<SegmentAddressing, string> = {
  listed: 'as listed',
  'playlist-query': "with the playlist's parameters",
}

const missingLabels: Record<NoPlaylistQuery, string> = {
  'no-query': "the playlist's address has no parameters to add",
  'other-origin': "the segment is on another host, which never gets the playlist's parameters",
  'nothing-to-add': "the listed address already carries every parameter of the playlist's",
}

/** `as listed: HTTP 403 (…); with the playlist's parameters: HTTP 403 (…)`. */
export function describeRefusals(
  candidates: readonly SegmentAddress[],
  refusals: ReadonlyMap<SegmentAddressing, Refusal>,
  noPlaylistQuery: NoPlaylistQuery | undefined,
): string {
  const parts = candidates.map(
    (candidate) =>
      `${addressingLabels[candidate.addressing]}: ${refusals.get(candidate.addressing)?.reason ?? 'not tried'}`,
  )
  if (noPlaylistQuery) parts.push(missingLabels[noPlaylistQuery])
  return parts.join('; ')
}

/** How the log names an addressing that works. */
export function describeAddressing(addressing: SegmentAddressing): string {
  return addressing === 'listed'
    ? 'requested as the playlist lists them'
    : "requested with the playlist's parameters added"
}
