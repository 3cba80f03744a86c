import { AppError } from '../../shared/errors'
import { redactText } from '../../shared/redact'
import type { HttpClient, OpenedResponse } from '../engine/http-client'
import type { Logger } from '../common/logger'
import { checkResponse, classifyDenial, type ResponseVerdict } from '../engine/response-check'
import type { Lease } from '../engine/source'
import { readAddressing, writeAddressing } from './addressing-record'
import { segmentFileName } from './output-paths'
import type { CurrentPlaylist, PlaylistSession } from './playlist-session'
import {
  addressCandidates,
  describeAddressing,
  describeRefusals,
  nextStep,
  withPlaylistParameters,
  type Refusal,
  type SegmentAddress,
  type SegmentAddressing,
} from './segment-addressing'
import { describeSegment } from './segment-plan'

export interface SegmentAddressBookDependencies {
  http: HttpClient
  session: PlaylistSession
  log: Logger
  jobId: number
  /** The job's own headers, sent next to the lease's. */
  headers: Record<string, string>
}

/** The segment a request is for: where the latest playlist lists it, and how to name it. */
export interface AddressedSegment {
  sequence: number
  position: number
  /** The URI as listed, resolved against the playlist's final address (RFC 3986). */
  uri: string
}

/** A response that is not a refusal (data, 416, 404, 5xx …), and the playlist it came under. */
export interface SegmentResponse {
  playlist: CurrentPlaylist
  response: OpenedResponse
  verdict: ResponseVerdict
}

/** Refusals of one lease: a renewed lease (a fresh playlist) starts a new round. */
interface Round {
  lease: Lease
  refusals: Map<SegmentAddressing, Refusal>
  renewed: boolean
}

/**
 * How one job reaches its segments, learned by asking (see `segment-addressing.ts`) and
 * remembered in the parts folder. While nothing is known yet, or after the address that worked
 * was refused, one connection at a time decides (so a job probes with one refused request, not
 * one per connection); once an address works, connections go ahead in parallel.
 */
export class SegmentAddressBook {
  private known: SegmentAddressing | undefined
  private partsPath: string | undefined
  private round: Round | undefined
  private renewals = 0
  private lockTail: Promise<void> = Promise.resolve()
  private saving: Promise<void> = Promise.resolve()

  constructor(private readonly dependencies: SegmentAddressBookDependencies) {}

  /** What works for this job, if known. */
  get addressing(): SegmentAddressing | undefined {
    return this.known
  }

  /**
   * Attaches the job's parts folder; a resumed job reads what worked before from it, so it
   * does not probe again. A fresh plan (an emptied folder) starts unknown.
   */
  async attach(partsPath: string, resumed: boolean): Promise<void> {
    this.partsPath = partsPath
    this.known = resumed ? await readAddressing(partsPath) : undefined
    if (this.known) {
      this.dependencies.log.info(
        `job ${this.dependencies.jobId}: segments are ${describeAddressing(this.known)} (remembered)`,
      )
    }
  }

  /**
   * Requests a segment from `from` at the address that works for this job, finding it first
   * when unknown: the URI as listed, then with the playlist's parameters; renewing the lease
   * when that may help. Returns any response that is not a refusal; throws `SegmentRefused`
   * (or `UrlExpired`) naming the segment and every refusal when no address works.
   */
  async open(
    segment: AddressedSegment,
    segmentCount: number,
    from: number,
    signal: AbortSignal,
  ): Promise<SegmentResponse> {
    const { http, session, headers } = this.dependencies
    for (;;) {
      let playlist = await session.current()
      const settled = this.known !== undefined && !this.hasRefusals(playlist.lease)
      const release = settled ? undefined : await this.lock(signal)
      try {
        if (release) playlist = await session.current()
        const round = this.roundFor(playlist.lease)
        const candidates = addressCandidates(segment.uri, playlist.url, this.known)
        let address = candidates[0] as SegmentAddress
        if (round.refusals.size > 0) {
          const variant = withPlaylistParameters(segment.uri, playlist.url)
          const step = nextStep({
            candidates,
            refusals: round.refusals,
            known: this.known,
            renewals: this.renewals,
            canRenew: session.canRenew,
            expiryKnown: round.lease.expiresAt !== undefined,
            noPlaylistQuery: 'missing' in variant ? variant.missing : undefined,
          })
          if (step.kind === 'fail') {
            throw new AppError(
              step.code,
              `HLS ${describeSegment(segment, segmentCount)}: ${step.detail}`,
            )
          }
          if (step.kind === 'renew') {
            if (!round.renewed) {
              round.renewed = true
              this.renewals += 1
            }
            await session.renewForSegments(
              round.lease,
              `${describeSegment(segment, segmentCount)} refused (${describeRefusals(candidates, round.refusals, undefined)})`,
            )
            continue
          }
          address = step.address
        }
        const response = await http.open(
          address.url,
          { ...playlist.lease.headers, ...headers, range: `bytes=${from}-` },
          signal,
        )
        const verdict = checkResponse(
          { start: from },
          response.head,
          segmentFileName(segment.sequence),
        )
        if (isRefusal(verdict)) {
          const refusal = await this.refusal(response, verdict)
          // A refusal under a lease that was renewed meanwhile says nothing about the new one.
          if (this.round?.lease === round.lease) round.refusals.set(address.addressing, refusal)
          this.dependencies.log.info(
            `job ${this.dependencies.jobId}: ${describeSegment(segment, segmentCount)} refused ${address.addressing === 'listed' ? 'as listed' : "with the playlist's parameters"} (${refusal.reason})`,
          )
          continue
        }
        // Synchronous on purpose: the body must reach its reader before anything is awaited,
        // or a connection broken meanwhile would raise an error nobody listens for.
        if (isAcceptance(verdict)) this.accepted(address)
        return { playlist, response, verdict }
      } finally {
        release?.()
      }
    }
  }

  private hasRefusals(lease: Lease): boolean {
    return this.round?.lease === lease && this.round.refusals.size > 0
  }

  /**
   * The round of a lease. Only the current lease's round is kept: a connection still holding an
   * older playlist gets a round of its own, so it cannot wipe out the current one.
   */
  private roundFor(lease: Lease): Round {
    if (this.round?.lease === lease) return this.round
    const round: Round = { lease, refusals: new Map(), renewed: false }
    if (lease === this.dependencies.session.latestPlaylist?.lease) this.round = round
    return round
  }

  /** The server's reason for a refusal, redacted, and whether it looks like an expired address. */
  private async refusal(response: OpenedResponse, verdict: ResponseVerdict): Promise<Refusal> {
    const body = await this.dependencies.http.readText(response).finally(() => response.destroy())
    const expiredLease = this.dependencies.session.leaseExpired()
    if (verdict.kind === 'error') {
      return { reason: redactReason(verdict.detail), expired: expiredLease }
    }
    const { denial, detail } = classifyDenial(response.head, body, expiredLease)
    const reason =
      detail === `HTTP ${response.head.status}` ? detail : `HTTP ${response.head.status}: ${detail}`
    return { reason: redactReason(reason), expired: denial === 'expired' }
  }

  /**
   * Waits for the record of what worked to be written (before the job publishes its parts
   * folder, which must not get the record back afterwards).
   */
  flush(): Promise<void> {
    return this.saving
  }

  /** An address worked: it is what this job uses from now on, stored for a resumed job. */
  private accepted(address: SegmentAddress): void {
    this.renewals = 0
    if (this.known === address.addressing) return
    const refused = this.round?.refusals.get('listed')
    const addressing = address.addressing
    this.known = addressing
    this.dependencies.log.info(
      `job ${this.dependencies.jobId}: segments are ${describeAddressing(addressing)}${refused ? ` (as listed: ${refused.reason})` : ''}`,
    )
    const partsPath = this.partsPath
    if (!partsPath) return
    // Written in order, in the background; a process killed before it lands probes once more.
    this.saving = this.saving
      .then(() => writeAddressing(partsPath, addressing))
      .catch((error: unknown) => {
        this.dependencies.log.warn(
          `job ${this.dependencies.jobId}: could not remember the segment addressing (${error instanceof Error ? error.message : String(error)})`,
        )
      })
  }

  /** One holder at a time; waiting ends early (and passes the turn on) when the job stops. */
  private async lock(signal: AbortSignal): Promise<() => void> {
    let release!: () => void
    const turn = new Promise<void>((resolve) => {
      release = resolve
    })
    const previous = this.lockTail
    this.lockTail = previous.then(() => turn)
    if (signal.aborted) {
      void previous.then(release)
      throw signal.reason
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        void previous.then(release)
        reject(signal.reason as Error)
      }
      signal.addEventListener('abort', onAbort, { once: true })
      void previous.then(() => {
        signal.removeEventListener('abort', onAbort)
        resolve()
      })
    })
    return release
  }
}

/**
 * A refusal's reason as it may appear in logs and job errors: URLs and credentials redacted, and
 * the signature a CDN quotes back (`invalid md5hash=…`, the last part of an `auth_key`) left out.
 */
function redactReason(reason: string): string {
  return redactText(reason).replace(/(md5hash=)[0-9a-f]+/gi, '$1…')
}

/** 401/403/410, or an HTML/XML page where a segment should be. */
function isRefusal(verdict: ResponseVerdict): boolean {
  return verdict.kind === 'denied' || (verdict.kind === 'error' && verdict.code === 'ErrorPage')
}

/** The server knew the address: data, its size, or a range past the end. */
function isAcceptance(verdict: ResponseVerdict): boolean {
  return (
    verdict.kind === 'accept' ||
    verdict.kind === 'ranges-ignored' ||
    verdict.kind === 'not-satisfiable'
  )
}
