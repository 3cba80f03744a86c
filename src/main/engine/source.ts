import { AppError, type ErrorCode } from '../../shared/errors'
import type { JobSource } from '../../shared/jobs'

/**
 * A URL is only a lease: it may expire, and the source can be asked for a fresh one at any time
 * (a VOD file reference is re-resolved through the API; a plain URL can only give itself back).
 */
export interface Lease {
  url: string
  /** Headers to send with every byte request for this lease (e.g. a Referer for CDN addresses). */
  headers?: Record<string, string>
  /** Epoch ms after which the URL no longer works, when it can be known (parsed or requested). */
  expiresAt?: number
  /**
   * Identity the source vouches for. When present it is what "the same file" means: a refreshed
   * URL whose response disagrees with it is treated as changed content, never mixed in.
   */
  identity?: SourceIdentity
  /** A file name the source suggests (e.g. the mezzanine FileName or "<title>.<definition>.mp4"). */
  suggestedName?: string
}

export interface SourceIdentity {
  size?: number
  /** Hex MD5 of the whole object. */
  md5?: string
  /** CRC-64/XZ of the whole object as an unsigned decimal string (OSS x-oss-hash-crc64ecma). */
  crc64?: string
  /** An opaque version tag (e.g. JobId + ModificationTime of a rendition). */
  version?: string
}

export type LeaseReason = 'initial' | 'expired' | 'expiring' | 'restart'

export interface ResolveContext {
  reason: LeaseReason
  signal: AbortSignal
}

/** Turns a job's stored source into a usable URL. One resolver per source kind. */
export interface SourceResolver<Source extends JobSource = JobSource> {
  readonly kind: Source['kind']
  /** False for plain URLs: asking again would give the same expired link. */
  readonly canRefresh: boolean
  resolve(source: Source, context: ResolveContext): Promise<Lease>
  /** A short human label for lists and logs. Must never include secrets or signatures. */
  describe(source: Source): string
}

/**
 * Thrown by a resolver whose source exists but cannot be fetched before some time: an archived
 * master being restored, which takes minutes to hours. The job waits in `retrying` until
 * `checkAt` (stored as its `nextAttemptAt`, so the wait survives a restart or a sleep) and then
 * asks again; the wait spends none of the job's attempts. The code must be transient, so the
 * transfers report it as a retry.
 */
export class SourceNotReady extends AppError {
  constructor(
    code: ErrorCode,
    detail: string | undefined,
    /** Epoch ms at which to ask the resolver again. */
    readonly checkAt: number,
  ) {
    super(code, detail)
    this.name = 'SourceNotReady'
  }
}
