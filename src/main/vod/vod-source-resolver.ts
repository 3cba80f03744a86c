import { AppError } from '../../shared/errors'
import type { VodSource } from '../../shared/jobs'
import type { VodFileKind, VodFileReference } from '../../shared/vod'
import type { Clock } from '../common/clock'
import type { Lease, ResolveContext, SourceIdentity, SourceResolver } from '../engine/source'
import type { PlayConfig } from './actions/get-play-info'
import type { SnapshotType } from './actions/list-snapshots'
import { throwIfAborted } from './abort'
import { addressTypeOfUrl } from './address-types'
import {
  chooseAuthTimeoutSeconds,
  withAllowedAuthTimeout,
  type SigningAction,
} from './auth-timeout'
import type { VodClient } from './client'
import { composeFileName, extensionOfUrl, sanitizeFileName } from './file-names'
import { silentLogger, type VodLogger } from './logger'
import { SourceRestore } from './source-restore'
import { imageIdentityOf, sourceIdentityOf, streamIdentityOf } from './lease-identity'
import { ListedAddresses, type ListedAddress } from './listed-addresses'
import { pickStream } from './pick-stream'
import { redactUrl } from './redact'
import { describeReference } from './reference-label'
import { parseUrlExpiry } from './url-lease'

/** Read on every resolve, so Settings changes apply to the next URL. */
export interface VodResolverSettings {
  /** URL lifetime asked for ordinary files. */
  defaultAuthTimeoutSeconds: number
  /** Sent as `Referer` with CDN addresses, for domains whose Referer allow-list needs one. */
  referer?: string
  /** URL lifetime for files of 1 GiB or more; the action's OSS maximum when unset. */
  largeFileAuthTimeoutSeconds?: number
  /** Token for HLS standard encryption key URIs (PlayConfig.MtsHlsUriToken). */
  mtsHlsUriToken?: string
  /** The CDN domain stream addresses use (PlayConfig.PlayDomain); the default when absent. */
  playDomain?: string
}

export interface VodSourceResolverDependencies {
  client: VodClient
  settings: () => VodResolverSettings
  /** Only read: when a URL was issued, how old a listed address is, when a restore is due. */
  clock: Pick<Clock, 'now'>
  logger?: VodLogger
}

/** What a lookup found, before it becomes a lease. */
interface Located {
  url: string
  authTimeout?: number
  identity?: SourceIdentity
  suggestedName?: string
}

const snapshotTypeOfKind: Partial<Record<VodFileKind, SnapshotType>> = {
  snapshot: 'NormalSnapshot',
  sprite: 'SpriteSnapshot',
  'sprite-origin': 'SpriteOriginSnapshot',
  webvtt: 'WebVttSnapshot',
}

/**
 * Turns a VOD file reference into a fresh signed URL through the VOD API. Each call asks the
 * API again, so an expired lease is renewed by resolving once more; the identity it returns
 * (size, checksums, stream job and modification time) lets the engine tell a renewed URL for
 * the same bytes from changed content.
 */
export class VodSourceResolver implements SourceResolver<VodSource> {
  readonly kind = 'vod' as const
  readonly canRefresh = true
  private readonly client: VodClient
  private readonly settings: () => VodResolverSettings
  private readonly clock: Pick<Clock, 'now'>
  private readonly logger: VodLogger
  /**
   * Sizes learned from earlier resolves, so a large file gets its long lifetime on the first
   * call next time instead of a second call.
   */
  private readonly knownSizes = new Map<string, number>()
  /**
   * Lifetimes the service granted after refusing a longer one (a bucket of the account's own),
   * so later renewals of the file ask for the allowed maximum straight away.
   */
  private readonly grantedLifetimes = new Map<string, number>()
  /** Addresses a listing of this run already has, each for one first resolve. */
  private readonly listedAddresses = new ListedAddresses()
  /** Archived sources: restores asked for and watched until they complete. */
  private readonly restores: SourceRestore

  constructor(dependencies: VodSourceResolverDependencies) {
    this.client = dependencies.client
    this.settings = dependencies.settings
    this.clock = dependencies.clock
    this.logger = dependencies.logger ?? silentLogger
    this.restores = new SourceRestore({
      client: this.client,
      clock: this.clock,
      logger: this.logger,
    })
  }

  /**
   * An address the listing of this run already got for a file (see `ListedAddresses`): the
   * file's first resolve uses it instead of asking the API again.
   */
  offerListedAddress(reference: VodFileReference, address: ListedAddress): void {
    this.listedAddresses.offer(referenceKey(reference), address, this.clock.now())
  }

  async resolve(source: VodSource, context: ResolveContext): Promise<Lease> {
    throwIfAborted(context.signal)
    const { reference } = source
    const located =
      (context.reason === 'initial' ? this.takeListedAddress(reference) : undefined) ??
      (await this.locate(reference, context.signal))
    const issuedAt = this.clock.now()
    const { expiresAt, scheme } = parseUrlExpiry(located.url, {
      requestedAuthTimeoutSeconds: located.authTimeout,
      issuedAt,
    })
    const headers = this.headersFor(source, located.url)
    this.logger.debug('vod lease', {
      file: describeReference(reference),
      reason: context.reason,
      url: redactUrl(located.url),
      scheme,
      expiresAt,
    })
    const lease: Lease = { url: located.url }
    if (headers) lease.headers = headers
    if (expiresAt !== undefined) lease.expiresAt = expiresAt
    if (located.identity && Object.keys(located.identity).length > 0)
      lease.identity = located.identity
    if (located.suggestedName) lease.suggestedName = located.suggestedName
    return lease
  }

  describe(source: VodSource): string {
    return describeReference(source.reference)
  }

  private takeListedAddress(reference: VodFileReference): Located | undefined {
    const key = referenceKey(reference)
    const taken = this.listedAddresses.take(key, reference, {
      settings: this.settings(),
      now: this.clock.now(),
    })
    if (!taken) return undefined
    if (taken.grantedLifetime !== undefined) this.grantedLifetimes.set(key, taken.grantedLifetime)
    if (taken.identity?.size !== undefined) this.knownSizes.set(key, taken.identity.size)
    const located: Located = { url: taken.url }
    if (taken.authTimeout !== undefined) located.authTimeout = taken.authTimeout
    if (taken.identity) located.identity = taken.identity
    return located
  }

  private locate(reference: VodFileReference, signal: AbortSignal): Promise<Located> {
    switch (reference.kind) {
      case 'source':
        return this.locateSource(reference, signal)
      case 'rendition':
        return this.locateRendition(reference, signal)
      case 'cover':
        return reference.index === undefined
          ? this.locateCover(reference, signal)
          : this.locateSnapshot(reference, 'CoverSnapshot', signal)
      case 'snapshot':
      case 'sprite':
      case 'sprite-origin':
      case 'webvtt':
        return this.locateSnapshot(reference, snapshotTypeOfKind[reference.kind]!, signal)
      case 'image':
      case 'image-original':
        return this.locateImage(reference, signal)
    }
  }

  private async locateSource(reference: VodFileReference, signal: AbortSignal): Promise<Located> {
    const { value: mezzanine, authTimeout } = await this.withLifetime(
      'GetMezzanineInfo',
      reference,
      (lifetime) =>
        this.client.getMezzanineInfo(
          { videoId: reference.mediaId, outputType: reference.outputType, authTimeout: lifetime },
          { signal },
        ),
      (found) => found.size,
    )
    if (mezzanine.status !== undefined && mezzanine.status !== 'Normal') {
      throw new AppError('IllegalStatus', `${reference.mediaId} source: ${mezzanine.status}`)
    }
    // An archived source is readable only once restored; until then OSS answers 403
    // InvalidObjectState, so no address is handed out.
    await this.restores.ensureReadable(reference, mezzanine, { signal })
    const identity = sourceIdentityOf(mezzanine)
    const fileName = mezzanine.fileName?.split(/[\\/]/).pop()
    return {
      url: mezzanine.fileUrl,
      authTimeout,
      identity,
      suggestedName: fileName
        ? sanitizeFileName(fileName, reference.mediaId)
        : composeFileName(reference.mediaId, ['source'], extensionOfUrl(mezzanine.fileUrl)),
    }
  }

  private async locateRendition(
    reference: VodFileReference,
    signal: AbortSignal,
  ): Promise<Located> {
    const { value, authTimeout } = await this.withLifetime(
      'GetPlayInfo',
      reference,
      async (lifetime) => {
        const settings = this.settings()
        const reply = await this.client.getPlayInfo(
          {
            videoId: reference.mediaId,
            resultType: 'Multiple',
            outputType: reference.outputType,
            authTimeout: lifetime,
            ...(reference.definition ? { definitions: [reference.definition] } : {}),
            ...(reference.format ? { formats: [reference.format] } : {}),
            ...(reference.streamType ? { streamTypes: [reference.streamType] } : {}),
            ...playConfigOf(settings, reference.playDomain),
          },
          { signal },
        )
        return { reply, stream: pickStream(reply.playInfos, reference) }
      },
      (found) => found.stream.size,
    )
    const { stream, reply } = value
    const identity = streamIdentityOf(stream)
    const title = reply.videoBase?.title?.trim() || reference.mediaId
    const format = stream.format ?? reference.format ?? extensionOfUrl(stream.playUrl)
    return {
      url: stream.playUrl,
      authTimeout,
      identity,
      suggestedName: composeFileName(title, [stream.definition ?? reference.definition], format),
    }
  }

  private async locateCover(reference: VodFileReference, signal: AbortSignal): Promise<Located> {
    const video = await this.client.getVideoInfo(reference.mediaId, { signal })
    if (!video.coverUrl) throw new AppError('NotFound', `${reference.mediaId} has no cover`)
    const title = video.title?.trim() || reference.mediaId
    // GetVideoInfo takes no AuthTimeout: the lifetime is whatever the service chose.
    return {
      url: video.coverUrl,
      suggestedName: composeFileName(title, ['cover'], extensionOfUrl(video.coverUrl) ?? 'jpg'),
    }
  }

  private async locateSnapshot(
    reference: VodFileReference,
    snapshotType: SnapshotType,
    signal: AbortSignal,
  ): Promise<Located> {
    const authTimeout = chooseAuthTimeoutSeconds({
      action: 'ListSnapshots',
      requested: reference.authTimeout,
      settings: this.settings(),
    })
    const pageSize = 100
    for (let pageNo = 1; ; pageNo += 1) {
      const page = await this.client.listSnapshotsPage(
        { videoId: reference.mediaId, snapshotType, pageNo, pageSize, authTimeout },
        { signal },
      )
      const found =
        reference.index === undefined
          ? page.snapshots[0]
          : page.snapshots.find((snapshot) => snapshot.index === reference.index)
      if (found) {
        const word = reference.kind === 'cover' ? 'cover' : reference.kind
        const fallbackExtension = reference.kind === 'webvtt' ? 'vtt' : 'jpg'
        return {
          url: found.url,
          authTimeout,
          suggestedName: composeFileName(
            reference.mediaId,
            [`${word}-${found.index}`],
            extensionOfUrl(found.url) ?? fallbackExtension,
          ),
        }
      }
      const seen = pageNo * pageSize
      if (page.snapshots.length < pageSize || (page.total !== undefined && seen >= page.total)) {
        throw new AppError('NotFound', describeReference(reference))
      }
    }
  }

  private async locateImage(reference: VodFileReference, signal: AbortSignal): Promise<Located> {
    const original = reference.kind === 'image-original'
    const { value: image, authTimeout } = await this.withLifetime(
      'GetImageInfo',
      reference,
      (lifetime) =>
        this.client.getImageInfo(
          {
            imageId: reference.mediaId,
            outputType: original ? 'oss' : reference.outputType,
            authTimeout: lifetime,
          },
          { signal },
        ),
      (found) => found.mezzanine?.fileSize,
    )
    if (image.status !== undefined && image.status !== 'Normal') {
      throw new AppError('IllegalStatus', `${reference.mediaId}: ${image.status}`)
    }
    const url = original ? image.mezzanine?.fileUrl : image.url
    if (!url) throw new AppError('NotFound', describeReference(reference))
    const title = image.title?.trim() || reference.mediaId
    const originalName = image.mezzanine?.originalFileName?.split(/[\\/]/).pop()
    // The size describes the stored original; the CDN address may serve a processed variant.
    const identity = imageIdentityOf(image, original)
    return {
      url,
      authTimeout,
      identity,
      suggestedName:
        original && originalName
          ? sanitizeFileName(originalName, title)
          : composeFileName(title, original ? ['original'] : [], extensionOfUrl(url) ?? 'jpg'),
    }
  }

  /**
   * Runs a signing call with the right AuthTimeout. When the reply shows a large file that a
   * shorter lifetime was asked for (its size was not known yet), asks once more with the long
   * lifetime and remembers the size for next time. When the service refuses a lifetime as too
   * long for the file's storage, asks once more with the allowed maximum and keeps to it.
   */
  private async withLifetime<T>(
    action: SigningAction,
    reference: VodFileReference,
    fetch: (authTimeout: number) => Promise<T>,
    sizeOf: (value: T) => number | undefined,
  ): Promise<{ value: T; authTimeout: number }> {
    const key = referenceKey(reference)
    const settings = this.settings()
    const lifetimeFor = (knownSize: number | undefined): number => {
      const chosen = chooseAuthTimeoutSeconds({
        action,
        requested: reference.authTimeout,
        knownSize,
        settings,
      })
      return Math.min(chosen, this.grantedLifetimes.get(key) ?? chosen)
    }
    const fetchAllowed = async (wanted: number) => {
      const granted = await withAllowedAuthTimeout(wanted, fetch)
      if (granted.authTimeout < wanted) {
        this.grantedLifetimes.set(key, granted.authTimeout)
        this.logger.warn('vod refused the URL lifetime asked for; using the allowed maximum', {
          file: describeReference(reference),
          asked: wanted,
          authTimeout: granted.authTimeout,
        })
      }
      return granted
    }
    const first = await fetchAllowed(lifetimeFor(this.knownSizes.get(key)))
    const size = sizeOf(first.value)
    if (size === undefined) return first
    this.knownSizes.set(key, size)
    const wanted = lifetimeFor(size)
    if (wanted <= first.authTimeout) return first
    this.logger.debug('vod large file, asking for a longer URL lifetime', {
      file: describeReference(reference),
      size,
      authTimeout: wanted,
    })
    return fetchAllowed(wanted)
  }

  /**
   * The job's own headers, plus the configured Referer for CDN addresses. OSS origin
   * addresses ignore Referer rules, so none is added there.
   */
  private headersFor(source: VodSource, url: string): Record<string, string> | undefined {
    const headers: Record<string, string> = { ...source.headers }
    const referer = this.settings().referer?.trim()
    const hasReferer = Object.keys(headers).some((name) => name.toLowerCase() === 'referer')
    if (referer && !hasReferer && addressTypeOfUrl(url) === 'cdn') headers.Referer = referer
    return Object.keys(headers).length > 0 ? headers : undefined
  }
}

/** A key naming one file of one media item, for the size memory. */
function referenceKey(reference: VodFileReference): string {
  return [
    reference.mediaType,
    reference.mediaId,
    reference.kind,
    reference.definition,
    reference.format,
    reference.streamType,
    reference.jobId,
    reference.index,
  ].join('|')
}

/**
 * GetPlayInfo's PlayConfig: the CDN domain (the job's own, else the setting) and the HLS key
 * token.
 */
function playConfigOf(
  settings: VodResolverSettings,
  referenceDomain: string | undefined,
): { playConfig?: PlayConfig } {
  const playConfig: PlayConfig = {}
  const playDomain = referenceDomain ?? settings.playDomain
  if (playDomain) playConfig.playDomain = playDomain
  if (settings.mtsHlsUriToken) playConfig.mtsHlsUriToken = settings.mtsHlsUriToken
  return Object.keys(playConfig).length > 0 ? { playConfig } : {}
}
