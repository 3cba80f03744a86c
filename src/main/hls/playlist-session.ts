import { AppError } from '../../shared/errors'
import type { HttpClient, OpenedResponse } from '../engine/http-client'
import type { LeaseKeeper } from '../engine/lease-keeper'
import type { Logger } from '../common/logger'
import { redactUrl } from '../common/logger'
import { checkResponse, type ResponseVerdict } from '../engine/response-check'
import type { Lease } from '../engine/source'
import { parsePlaylist, type MediaPlaylistPlan } from './media-playlist'
import { withPlaylistParameters } from './segment-addressing'

/** A media playlist and the lease its addresses were signed under. */
export interface CurrentPlaylist {
  lease: Lease
  /** The media playlist's final address (after redirects and a master playlist). */
  url: string
  plan: MediaPlaylistPlan
}

export interface PlaylistSessionDependencies {
  keeper: LeaseKeeper
  http: HttpClient
  log: Logger
  jobId: number
  /** The job's own headers, sent with every request next to the lease's. */
  headers: Record<string, string>
  signal: AbortSignal
  onPhase(phase: 'downloading' | 'refreshing'): void
  /** Checks and adopts a newly fetched playlist (mapping segments); throws when it cannot. */
  onPlaylist(playlist: CurrentPlaylist): void
}

type PlaylistOutcome =
  | { kind: 'playlist'; url: string; plan: MediaPlaylistPlan }
  | { kind: 'refused'; response: OpenedResponse; verdict: ResponseVerdict; body?: string }

/** A playlist is text of a few KiB; this bounds what a broken server can make us hold. */
const playlistByteLimit = 16 * 1024 * 1024
/** A master playlist leads to a media playlist; a longer chain is refused. */
const maximumPlaylistHops = 3

/**
 * The job's view of its playlist across URL renewals. Segment addresses are only as good as the
 * lease the playlist was fetched under: when the lease is renewed (before expiry, or after a
 * refusal), the playlist is fetched again, once for all connections, and handed to `onPlaylist`
 * to be mapped onto the segments by media sequence number.
 */
export class PlaylistSession {
  private latest: CurrentPlaylist | undefined
  private pending: Promise<CurrentPlaylist> | undefined
  constructor(private readonly dependencies: PlaylistSessionDependencies) {}

  /** The playlist fetched last, if any. */
  get latestPlaylist(): CurrentPlaylist | undefined {
    return this.latest
  }

  /** The playlist signed under the current lease, fetching it again when the lease changed. */
  async current(): Promise<CurrentPlaylist> {
    if (this.pending) return this.pending
    const lease = await this.dependencies.keeper.current()
    if (this.latest && this.latest.lease === lease) return this.latest
    this.pending ??= this.load().finally(() => {
      this.pending = undefined
    })
    return this.pending
  }

  /** Whether the lease can be renewed (a VOD source can; a plain URL cannot). */
  get canRenew(): boolean {
    return this.dependencies.keeper.canRefresh
  }

  /** Whether the current lease is past its known expiry. */
  leaseExpired(): boolean {
    return this.dependencies.keeper.isExpired()
  }

  /**
   * Renews the lease after segment refusals whose cause the caller weighed itself (segment
   * addressing, `SegmentAddressBook`); the next `current()` fetches the playlist again.
   */
  async renewForSegments(lease: Lease, reason: string): Promise<void> {
    const { keeper, log, jobId } = this.dependencies
    if (!keeper.canRefresh) throw new AppError('UrlExpired', reason)
    log.info(`job ${jobId}: ${reason}; renewing the address`)
    this.dependencies.onPhase('refreshing')
    await keeper.refresh(lease)
    this.dependencies.onPhase('downloading')
  }

  /** Bytes arrived: the addresses work, so the next refusal may renew again. */
  noteProgress(): void {
    this.dependencies.keeper.noteProgress()
  }

  /**
   * A 401/403/410 or an error page for a request made under `lease`: the lease keeper decides
   * whether renewing can help (as for a plain file) and renews, or throws the server's reason.
   * The next `current()` fetches the playlist again.
   */
  async renewAfterRefusal(
    response: OpenedResponse,
    lease: Lease,
    verdict: ResponseVerdict,
    readBody?: string,
  ): Promise<void> {
    const { keeper, http, log, jobId } = this.dependencies
    const body = readBody ?? (await http.readText(response))
    const detail = keeper.judgeRefusal(lease, { verdict, head: response.head, body })
    if (detail !== undefined) log.info(`job ${jobId}: address refused (${detail}); renewing it`)
    this.dependencies.onPhase('refreshing')
    await keeper.refresh(lease)
    this.dependencies.onPhase('downloading')
  }

  private async load(): Promise<CurrentPlaylist> {
    for (;;) {
      const lease = await this.dependencies.keeper.current()
      const outcome = await this.request(lease)
      if (outcome.kind === 'refused') {
        await this.renewAfterRefusal(outcome.response, lease, outcome.verdict, outcome.body)
        continue
      }
      const playlist: CurrentPlaylist = { lease, url: outcome.url, plan: outcome.plan }
      this.dependencies.onPlaylist(playlist)
      this.latest = playlist
      this.dependencies.log.info(
        `job ${this.dependencies.jobId}: playlist ${redactUrl(outcome.url)} lists ${outcome.plan.segments.length} segments`,
      )
      return playlist
    }
  }

  /**
   * Fetches the lease's playlist, following a master playlist to its best variant. A variant is
   * requested as listed first; when that is refused and the master playlist's address carries
   * parameters the variant's lacks (on the same origin), once more with them added, as for
   * segments (`segment-addressing.ts`).
   */
  private async request(lease: Lease): Promise<PlaylistOutcome> {
    const { http, headers, signal } = this.dependencies
    let url = lease.url
    let withMasterParameters: string | undefined
    for (let hop = 0; hop < maximumPlaylistHops; hop++) {
      const response = await http.open(url, { ...lease.headers, ...headers }, signal)
      const verdict = checkResponse({ start: 0 }, response.head, 'index.m3u8')
      if (verdict.kind === 'denied' || (verdict.kind === 'error' && verdict.code === 'ErrorPage')) {
        if (withMasterParameters === undefined) return { kind: 'refused', response, verdict }
        response.destroy()
        this.dependencies.log.info(
          `job ${this.dependencies.jobId}: the variant playlist was refused as listed (HTTP ${response.head.status}); asking again with the master playlist's parameters`,
        )
        url = withMasterParameters
        withMasterParameters = undefined
        hop -= 1
        continue
      }
      if (verdict.kind !== 'accept') {
        response.destroy()
        const detail = verdict.kind === 'error' ? verdict.detail : `HTTP ${response.head.status}`
        throw new AppError(
          verdict.kind === 'error' ? verdict.code : 'MalformedResponse',
          `playlist: ${detail}`,
        )
      }
      const text = await readPlaylistText(response)
      if (/^\s*</.test(text)) {
        // An HTML or XML page where the playlist should be: an error page with a 200 status.
        return {
          kind: 'refused',
          response,
          verdict: {
            kind: 'error',
            code: 'ErrorPage',
            detail: 'the playlist is an HTML or XML page',
            retryable: false,
          },
          body: text,
        }
      }
      const parsed = parsePlaylist(text, response.url)
      if (parsed.kind === 'media') return { kind: 'playlist', url: response.url, plan: parsed }
      this.dependencies.log.info(
        `job ${this.dependencies.jobId}: master playlist; following the variant of ${parsed.bandwidth} bit/s`,
      )
      url = parsed.variantUri
      const variant = withPlaylistParameters(parsed.variantUri, response.url)
      withMasterParameters = 'url' in variant ? variant.url : undefined
    }
    throw new AppError('MalformedResponse', 'master playlists nested too deeply')
  }
}

async function readPlaylistText(response: OpenedResponse): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of response.body) {
      const buffer = chunk as Buffer
      size += buffer.length
      if (size > playlistByteLimit) {
        throw new AppError('MalformedResponse', `a playlist larger than ${playlistByteLimit} bytes`)
      }
      chunks.push(buffer)
    }
  } finally {
    // A body read to its end leaves the socket to the keep-alive pool.
    if (!response.body.readableEnded) response.destroy()
  }
  return Buffer.concat(chunks).toString('utf8')
}
