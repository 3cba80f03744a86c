import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ActionContext, SourceDigests } from './actions/context'
import { actionHandlers } from './actions/registry'
import { ScrollTokenStore } from './actions/scroll-tokens'
import { SearchCache } from './actions/search-cache'
import type { InjectedFault } from './api/fault-injector'
import { FaultInjector } from './api/fault-injector'
import { timestampWindowMs } from './api/gateway'
import { NonceCache } from './api/nonce-cache'
import type { CdnAccessRules } from './cdn-edge'
import { createEmulatorClock } from './clock'
import type { StsCredentials } from './credentials'
import { CredentialStore, demoAccessKeyId, demoAccessKeySecret } from './credentials'
import { ArchiveStore, defaultRestoreDurations, uniformRestoreDurations } from './archive-store'
import { buildDemoLibrary } from './library'
import { createLibraryEdits, type LibraryEdits } from './library-edits'
import type { DemoLibrary, DemoSource, RestoreTier } from './library-types'
import { defaultMediaDirectory, loadMediaCatalogue } from './media-catalogue'
import { MediaUrls } from './media-urls'
import { createKeyServiceListener } from './media/key-service'
import type { CdnSegmentAddressing, HlsDelivery, OssSegmentAddressing } from './media/manifest'
import { SyntheticDigests } from './media/synthetic-digests'
import type { RequestLogEntry } from './request-log'
import { createRequestListener } from './server'
import { credentialsUriPath } from './credentials-uri'

/**
 * A local ApsaraVideo VOD: the RPC API (signature V1 and V3), an OSS-like origin, a CDN-like
 * edge and an HLS key service on one 127.0.0.1 port, over a deterministic demo library.
 */

export type {
  DemoImage,
  DemoLibrary,
  DemoMedia,
  DemoRoles,
  DemoSnapshotSet,
  DemoSource,
  DemoStream,
  EncryptType,
  ObjectLocation,
  RestoreTier,
  SnapshotType,
  StorageClass,
  StreamFormat,
  StreamType,
  VideoStatus,
} from './library-types'
export type { RequestLogEntry } from './request-log'
export type { StsCredentials } from './credentials'
export type { InjectedFault } from './api/fault-injector'
export { demoAccessKeyId, demoAccessKeySecret } from './credentials'
export { defaultMediaDirectory } from './media-catalogue'

export interface EmulatorOptions {
  /** 0 or undefined: a random free port. */
  port?: number
  /** Caps the lifetime of every signed media URL (tests use a few seconds); default: AuthTimeout as asked. */
  maxUrlLifetimeSeconds?: number
  /** Generated videos added after the demo library (e.g. 6000 for ScrollToken traversal). */
  extraVideos?: number
  /** Size of each generated video's source master; default: a committed 136 KiB clip. */
  extraVideoBytes?: number
  /** Size of the synthetic large source masters; default 300 MiB. */
  largeSourceBytes?: number
  /** Generated images added after the demo library (the many-small-files benchmark). */
  extraImages?: number
  /** Size of each generated image; default 64 KiB. */
  extraImageBytes?: number
  /** CDN domain rules; default: no Referer or IP rule, URL signing (type A) on. */
  cdn?: CdnAccessRules & { urlSigning?: boolean }
  /** Clock (epoch ms) for API timestamps and URL expiry; default `Date.now`. */
  now?: () => number
  /** Where the committed media files are; default resources/emulator in this repository. */
  mediaDirectory?: string
  /** Token the HLS key service requires; default: any non-empty MtsHlsUriToken. */
  hlsKeyToken?: string
  /** Fault injection: cut every media response after this many body bytes (forces reconnects). */
  cutMediaResponsesAfterBytes?: number
  /**
   * Further CDN domains of the VOD storage that GetPlayInfo's PlayConfig.PlayDomain can pick
   * (served under `/cdn/~<domain>/`); default none, so every PlayDomain falls back to the
   * default domain, as with an account that has one domain.
   */
  playDomains?: string[]
  /**
   * How long a SearchMedia ScrollToken is accepted after it was issued, in seconds; default
   * 1800. Later it is refused with `InvalidScrollToken.Expired` (HTTP 400).
   */
  scrollTokenLifetimeSeconds?: number
  /**
   * Lifetime of the STS sessions the credentials URI (`/sts/credentials`) issues, in seconds;
   * default 3600. A request may ask for another with `?DurationSeconds=`.
   */
  stsSessionSeconds?: number
  /**
   * How long a restore from archive storage (RestoreMedia) takes, in seconds, whatever the class
   * and tier; default 20 s for Archive and 30 / 60 / 120 s for Cold Archive's Expedited /
   * Standard / Bulk (the real service takes a minute to twelve hours).
   */
  restoreSeconds?: number
  /** How HLS playlists address their segments and keys (issue 12 §3); see `HlsOptions`. */
  hls?: HlsOptions
}

/**
 * HLS delivery shapes. Which one a real domain or bucket has depends on its configuration, so
 * each is an option; the defaults are the emulator's original behaviour.
 */
export interface HlsOptions {
  /** The CDN edge: `rewrite` (default), `pass-through` or `unsigned` (`CdnSegmentAddressing`). */
  cdnSegments?: CdnSegmentAddressing
  /** The OSS origin: `signed` (default, like `hls/sign`) or `unsigned` (`OssSegmentAddressing`). */
  ossSegments?: OssSegmentAddressing
  /**
   * Where key URIs point: the media host itself (`same`, default) or a key service on a host of
   * its own (`separate`: another port of 127.0.0.1, as a customer's decrypt service is another
   * host than the CDN); the media host then has no keys.
   */
  keyHost?: 'same' | 'separate'
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`, the API endpoint (V1 and V3) and media host. */
  readonly endpoint: string
  readonly regionId: string
  readonly accessKeyId: string
  readonly accessKeySecret: string
  /** Temporary credentials (`STS.`-prefixed id) valid for `ttlSeconds` of emulator time. */
  issueStsCredentials(ttlSeconds: number): StsCredentials
  /**
   * A credentials URI for `ALIBABA_CLOUD_CREDENTIALS_URI`: every GET issues a fresh STS session
   * of `stsSessionSeconds` (API calls signed with it are logged with its `session` ordinal).
   */
  readonly credentialsUri: string
  readonly library: DemoLibrary
  /** Changes the library while it runs: uploads, renames, new versions, deletions. */
  readonly edits: LibraryEdits
  /** Shifts the emulator's clock (API timestamp checks, STS expiry, URL expiry). */
  setClockOffsetMs(ms: number): void
  /** Makes the next `count` (default 1) calls of `action` (or `*` for any) fail with this error. */
  failNext(action: string, error: InjectedFault): void
  /** Makes the running restore of an archived item, or its next one, end in `Failed`. */
  failRestore(mediaId: string): void
  /** The item's current restore: its state and what RestoreMedia asked for (tier, days). */
  restoreOf(
    mediaId: string,
  ): { status: 'Processing' | 'Success' | 'Failed'; tier: RestoreTier; days: number } | undefined
  readonly log: RequestLogEntry[]
  /** `http://127.0.0.1:PORT` of the HLS key service (`endpoint` unless `hls.keyHost` is `separate`). */
  readonly keyServiceUrl: string
  close(): Promise<void>
}

export const regionId = 'cn-shanghai'
const defaultLargeSourceBytes = 300 * 1024 * 1024
/** VOD's own storage AccessKey id, which appears in OSS URLs (its secret is per instance). */
const ossAccessKeyId = 'LTAI5tVodEmulatorOssKey0'

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const settings = validateOptions(options)
  const clock = createEmulatorClock(options.now)
  const catalogue = await loadMediaCatalogue(options.mediaDirectory ?? defaultMediaDirectory())
  const { library, objects, hlsKeys, mediaById } = buildDemoLibrary(catalogue, settings)
  const credentials = new CredentialStore(clock.now)
  const faults = new FaultInjector()
  const digests = new SyntheticDigests()
  const log: RequestLogEntry[] = []
  const ossAccessKeySecret = randomBytes(22).toString('base64url')
  const cdnPrivateKey = randomBytes(12).toString('hex')

  const server = createServer({ keepAlive: true })
  const port = await listen(server, settings.port)
  const endpoint = `http://127.0.0.1:${port}`
  const keyServer =
    options.hls?.keyHost === 'separate' ? createServer({ keepAlive: true }) : undefined
  const keyServiceUrl = keyServer ? `http://127.0.0.1:${await listen(keyServer, 0)}` : endpoint

  const urls = new MediaUrls({
    baseUrl: endpoint,
    clock,
    maxLifetimeSeconds: settings.maxUrlLifetimeSeconds,
    cdnUrlSigning: options.cdn?.urlSigning ?? true,
    cdnPrivateKey,
    ossAccessKeyId,
    ossAccessKeySecret,
    playDomains: (options.playDomains ?? []).map((domain) => domain.toLowerCase()),
  })
  const archive = new ArchiveStore(
    library,
    clock.now,
    options.restoreSeconds === undefined
      ? defaultRestoreDurations
      : uniformRestoreDurations(options.restoreSeconds),
  )
  const frozen = (bucket: string, key: string): boolean => archive.isFrozen(bucket, key)
  const sourceDigests: SourceDigests = {
    md5Hex: (source: DemoSource) =>
      source.seed !== undefined
        ? digests.md5Hex(source.seed, source.size)
        : catalogue.file(source.file ?? '').md5Hex,
    crc64: (source: DemoSource) =>
      source.seed !== undefined
        ? digests.crc64(source.seed, source.size)
        : catalogue.file(source.file ?? '').crc64,
  }
  const searchCache = new SearchCache()
  const edits = createLibraryEdits({
    library,
    mediaById,
    objects,
    catalogue,
    now: clock.now,
    onChange: () => searchCache.clear(),
  })
  const context: ActionContext = {
    searchCache,
    library,
    urls,
    now: clock.now,
    scrollTokens: new ScrollTokenStore(clock.now, settings.scrollTokenLifetimeSeconds * 1000),
    sourceDigests,
    archive,
  }
  const hls: HlsDelivery = {
    cdnSegments: options.hls?.cdnSegments ?? 'rewrite',
    ossSegments: options.hls?.ossSegments ?? 'signed',
    keyServiceUrl,
    playlistOf: segmentPlaylists(library),
  }
  const entities = {
    catalogue,
    digests,
    hls,
    ...(options.cutMediaResponsesAfterBytes === undefined
      ? {}
      : { cutResponsesAfterBytes: options.cutMediaResponsesAfterBytes }),
  }
  server.on(
    'request',
    createRequestListener({
      api: {
        gateway: {
          now: clock.now,
          credentials,
          nonces: new NonceCache(timestampWindowMs),
          isKnownAction: (action) => actionHandlers.has(action),
        },
        faults,
        handlers: actionHandlers,
        context,
      },
      origin: { objects, entities, urls, clock, ossAccessKeyId, ossAccessKeySecret, frozen },
      edge: {
        objects,
        originBucket: library.vodBucket,
        entities,
        urls,
        clock,
        cdnPrivateKey,
        rules: options.cdn ?? {},
        frozen,
      },
      // With a key host of its own, the media host knows no keys.
      keys: { hlsKeys: keyServer ? new Map() : hlsKeys, requiredToken: options.hlsKeyToken },
      credentialsUri: {
        credentials,
        now: clock.now,
        sessionSeconds: settings.stsSessionSeconds,
      },
      log,
    }),
  )

  keyServer?.on(
    'request',
    createKeyServiceListener({ hlsKeys, requiredToken: options.hlsKeyToken }, log),
  )

  let closed: Promise<void> | undefined
  return {
    endpoint,
    regionId,
    accessKeyId: demoAccessKeyId,
    accessKeySecret: demoAccessKeySecret,
    issueStsCredentials: (ttlSeconds) => credentials.issueSts(ttlSeconds),
    credentialsUri: `${endpoint}${credentialsUriPath}`,
    library,
    edits,
    setClockOffsetMs: (ms) => clock.setOffsetMs(ms),
    failNext: (action, error) => faults.failNext(action, error),
    failRestore: (mediaId) => archive.failRestore(mediaId),
    restoreOf(mediaId) {
      const media = library.findMedia(mediaId)
      const view = media ? archive.restoreOf(media) : undefined
      const request = archive.requestOf(mediaId)
      return view && request ? { status: view.status, ...request } : undefined
    },
    log,
    keyServiceUrl,
    close(): Promise<void> {
      closed ??= Promise.all([server, ...(keyServer ? [keyServer] : [])].map(stop)).then(
        () => undefined,
      )
      return closed
    },
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function stop(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    // Keep-alive sockets (the SDKs pool them) and unfinished downloads would otherwise hold
    // the server open.
    server.closeAllConnections()
  })
}

/** Segment object → the playlist that lists it, for the edge's parameter pass-through. */
function segmentPlaylists(library: DemoLibrary): HlsDelivery['playlistOf'] {
  const playlists = new Map<string, string>()
  for (const media of [...library.videos, ...library.audios]) {
    for (const stream of media.streams) {
      for (const segment of stream.segments ?? []) {
        playlists.set(`${segment.bucket}/${segment.key}`, stream.object.key)
      }
    }
  }
  return (bucket, key) => playlists.get(`${bucket}/${key}`)
}

interface Settings {
  port: number
  maxUrlLifetimeSeconds: number | undefined
  extraVideos: number
  extraVideoBytes: number | undefined
  largeSourceBytes: number
  extraImages: number
  extraImageBytes: number
  stsSessionSeconds: number
  scrollTokenLifetimeSeconds: number
}

function validateOptions(options: EmulatorOptions): Settings {
  const port = options.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`port must be an integer from 0 to 65535: ${port}`)
  }
  const maxUrlLifetimeSeconds = options.maxUrlLifetimeSeconds
  if (
    maxUrlLifetimeSeconds !== undefined &&
    (!Number.isInteger(maxUrlLifetimeSeconds) || maxUrlLifetimeSeconds < 1)
  ) {
    throw new RangeError(
      `maxUrlLifetimeSeconds must be a positive integer: ${maxUrlLifetimeSeconds}`,
    )
  }
  const extraVideos = options.extraVideos ?? 0
  if (!Number.isInteger(extraVideos) || extraVideos < 0 || extraVideos > 1_000_000) {
    throw new RangeError(`extraVideos must be an integer from 0 to 1000000: ${extraVideos}`)
  }
  const largeSourceBytes = options.largeSourceBytes ?? defaultLargeSourceBytes
  if (!Number.isSafeInteger(largeSourceBytes) || largeSourceBytes < 1) {
    throw new RangeError(`largeSourceBytes must be a positive integer: ${largeSourceBytes}`)
  }
  const extraImages = options.extraImages ?? 0
  if (!Number.isInteger(extraImages) || extraImages < 0 || extraImages > 1_000_000) {
    throw new RangeError(`extraImages must be an integer from 0 to 1000000: ${extraImages}`)
  }
  const extraVideoBytes = options.extraVideoBytes
  if (
    extraVideoBytes !== undefined &&
    (!Number.isSafeInteger(extraVideoBytes) || extraVideoBytes < 1)
  ) {
    throw new RangeError(`extraVideoBytes must be a positive integer: ${extraVideoBytes}`)
  }
  const extraImageBytes = options.extraImageBytes ?? 64 * 1024
  if (!Number.isSafeInteger(extraImageBytes) || extraImageBytes < 1) {
    throw new RangeError(`extraImageBytes must be a positive integer: ${extraImageBytes}`)
  }
  const stsSessionSeconds = options.stsSessionSeconds ?? 3600
  if (!Number.isInteger(stsSessionSeconds) || stsSessionSeconds < 1) {
    throw new RangeError(`stsSessionSeconds must be a positive integer: ${stsSessionSeconds}`)
  }
  const scrollTokenLifetimeSeconds = options.scrollTokenLifetimeSeconds ?? 1800
  if (!Number.isInteger(scrollTokenLifetimeSeconds) || scrollTokenLifetimeSeconds < 1) {
    throw new RangeError(
      `scrollTokenLifetimeSeconds must be a positive integer: ${scrollTokenLifetimeSeconds}`,
    )
  }
  return {
    scrollTokenLifetimeSeconds,
    port,
    maxUrlLifetimeSeconds,
    extraVideos,
    extraVideoBytes,
    largeSourceBytes,
    extraImages,
    extraImageBytes,
    stsSessionSeconds,
  }
}
