import { asAppError, toErrorData, type ErrorCode } from '../../shared/errors'
import {
  mediaParts,
  type AddressType,
  type MediaPart,
  type UnavailablePart,
  type VodFileKind,
  type VodMediaType,
} from '../../shared/vod'
import type { ImageInfo } from './actions/get-image-info'
import type { SnapshotList, SnapshotType } from './actions/list-snapshots'
import type { VideoInfo } from './actions/get-video-info'
import type { CallOptions, VodClient } from './client'
import {
  chooseAuthTimeoutSeconds,
  withAllowedAuthTimeout,
  type SigningAction,
} from './auth-timeout'
import type { ListingLifetimes, MediaDetails, PlayableMediaDetails } from './downloadable-files'
import { VodServiceError } from './errors'

/** The snapshot type each snapshot part lists, in the order they are asked. */
const snapshotTypeOfPart: ReadonlyArray<readonly [MediaPart, SnapshotType]> = [
  ['cover-candidates', 'CoverSnapshot'],
  ['snapshots', 'NormalSnapshot'],
  ['sprites', 'SpriteSnapshot'],
  ['sprite-origins', 'SpriteOriginSnapshot'],
  ['webvtt', 'WebVttSnapshot'],
]

/**
 * Errors about the account or the connection to the API rather than about one part of an item:
 * asking the next part would fail the same way, so the item fails with them.
 */
const itemErrors: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'NotConfigured',
  'InvalidAccessKey',
  'SignatureMismatch',
  'SecurityTokenExpired',
  'SecurityTokenMismatch',
  'SecurityTokenMalformed',
  'CredentialsUnavailable',
  'ClockSkew',
  'ServiceNotOpened',
  'Canceled',
])

/** Reasons that only say "nothing here now" (not transcoded yet, no snapshot job, no source). */
const emptyPartReasons: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'IllegalStatus',
  'NoStream',
  'NotFound',
])

/** Whether an unavailable part just has nothing to offer, as opposed to a failed call. */
export function isEmptyPart(part: UnavailablePart): boolean {
  return emptyPartReasons.has(part.error.code)
}

export interface MediaDetailsRequest {
  mediaId: string
  mediaType: VodMediaType
  outputType: AddressType
  /**
   * Only the parts that list these kinds are asked for (`source` only: no GetPlayInfo, no
   * ListSnapshots). Every part when absent.
   */
  kinds?: readonly VodFileKind[]
  /** The cover candidates are listed only with everything (`--file all`, the details screen). */
  everything?: boolean
  /** The video's info when a batched GetVideoInfos already returned it (saves one call). */
  video?: VideoInfo
  /** The image's info when a batched GetImageInfos already returned it. */
  image?: ImageInfo
  /** The CDN domain stream addresses use (PlayConfig.PlayDomain); the default when absent. */
  playDomain?: string
  /**
   * The AuthTimeout to sign addresses with (kept within each action's limits; a lifetime the
   * storage refuses is asked again with its maximum); the service's default when absent.
   */
  authTimeout?: number
  /** The lifetime a preloaded `image` was signed with. */
  imageAuthTimeout?: number
}

/** The parts that can list the given kinds. */
export function partsFor(
  kinds: readonly VodFileKind[] | undefined,
  everything: boolean,
): Set<MediaPart> {
  if (kinds === undefined) return new Set(mediaParts)
  const parts = new Set<MediaPart>()
  if (kinds.includes('source')) parts.add('source')
  if (kinds.includes('rendition')) parts.add('renditions')
  if (kinds.includes('cover') && everything) parts.add('cover-candidates')
  if (kinds.includes('snapshot')) parts.add('snapshots')
  if (kinds.includes('sprite')) parts.add('sprites')
  if (kinds.includes('sprite-origin')) parts.add('sprite-origins')
  if (kinds.includes('webvtt')) parts.add('webvtt')
  return parts
}

/**
 * Gathers what `listDownloadableFiles` needs for one media item, asking only for the parts the
 * requested kinds need. Each part stands on its own: the source of a video that is still
 * transcoding is offered while its streams and snapshots are reported unavailable with the
 * reason the API gave (`Forbidden.IllegalStatus`, `InvalidVideo.NoneStream`, `NoSuchResource`,
 * or any other failure of that one call). The item itself must exist (GetVideoInfo /
 * GetImageInfo), and account or connection errors fail the whole item.
 */
export async function fetchMediaDetails(
  client: VodClient,
  request: MediaDetailsRequest,
  options?: CallOptions,
): Promise<MediaDetails> {
  const { mediaId, outputType } = request
  const lifetimes: ListingLifetimes = {}
  /** A signing call with the asked lifetime, noting the one granted. */
  const signed = async <T>(
    action: SigningAction,
    part: keyof ListingLifetimes,
    call: (authTimeout: number | undefined) => Promise<T>,
  ): Promise<T> => {
    if (request.authTimeout === undefined) return call(undefined)
    const granted = await withAllowedAuthTimeout(
      listingAuthTimeout(action, request.authTimeout),
      call,
    )
    lifetimes[part] = granted.authTimeout
    return granted.value
  }
  if (request.mediaType === 'image') {
    if (request.image) {
      return {
        mediaType: 'image',
        image: request.image,
        ...(request.imageAuthTimeout === undefined
          ? {}
          : { lifetimes: { image: request.imageAuthTimeout } }),
      }
    }
    const image = await signed('GetImageInfo', 'image', (authTimeout) =>
      client.getImageInfo({ imageId: mediaId, outputType, authTimeout }, options),
    )
    return { mediaType: 'image', image, lifetimes }
  }
  const parts = partsFor(request.kinds, request.everything ?? false)
  const video = request.video ?? (await client.getVideoInfo(mediaId, options))
  const unavailable: UnavailablePart[] = []
  const attempt = async <T>(part: MediaPart, lookup: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await lookup()
    } catch (error) {
      unavailable.push(unavailablePart(part, error, video))
      return undefined
    }
  }
  const [mezzanine, playInfo, snapshots] = await Promise.all([
    parts.has('source')
      ? attempt('source', () =>
          signed('GetMezzanineInfo', 'source', (authTimeout) =>
            client.getMezzanineInfo({ videoId: mediaId, outputType, authTimeout }, options),
          ),
        )
      : undefined,
    parts.has('renditions')
      ? attempt('renditions', () =>
          signed('GetPlayInfo', 'renditions', (authTimeout) =>
            client.getPlayInfo(
              {
                videoId: mediaId,
                outputType,
                resultType: 'Multiple',
                authTimeout,
                ...(request.playDomain ? { playConfig: { playDomain: request.playDomain } } : {}),
              },
              options,
            ),
          ),
        )
      : undefined,
    listSnapshotParts(client, mediaId, parts, unavailable, video, options, request.authTimeout),
  ])
  if (request.authTimeout !== undefined && snapshotTypeOfPart.some(([part]) => parts.has(part))) {
    lifetimes.snapshots = listingAuthTimeout('ListSnapshots', request.authTimeout)
  }
  const details: PlayableMediaDetails = {
    mediaType: request.mediaType,
    video,
    playInfos: playInfo?.playInfos ?? [],
    snapshots,
    unavailable: unavailable.sort(
      (left, right) => mediaParts.indexOf(left.part) - mediaParts.indexOf(right.part),
    ),
  }
  if (mezzanine) details.mezzanine = mezzanine
  if (Object.keys(lifetimes).length > 0) details.lifetimes = lifetimes
  return details
}

/**
 * The snapshot types in turn. Once one answers `Forbidden.IllegalStatus` (a video that is not
 * in a state with snapshot data), the others would answer the same: they are reported with that
 * reason without being asked.
 */
async function listSnapshotParts(
  client: VodClient,
  videoId: string,
  parts: ReadonlySet<MediaPart>,
  unavailable: UnavailablePart[],
  video: VideoInfo,
  options: CallOptions | undefined,
  authTimeout: number | undefined,
): Promise<SnapshotList[]> {
  const lifetime =
    authTimeout === undefined ? undefined : listingAuthTimeout('ListSnapshots', authTimeout)
  const lists: SnapshotList[] = []
  let illegalStatus: UnavailablePart | undefined
  for (const [part, snapshotType] of snapshotTypeOfPart) {
    if (!parts.has(part)) continue
    if (illegalStatus) {
      unavailable.push({ part, error: illegalStatus.error })
      continue
    }
    try {
      lists.push(
        await client.listSnapshots(
          { videoId, snapshotType, ...(lifetime === undefined ? {} : { authTimeout: lifetime }) },
          options,
        ),
      )
    } catch (error) {
      const missing = unavailablePart(part, error, video)
      unavailable.push(missing)
      if (missing.error.code === 'IllegalStatus') illegalStatus = missing
    }
  }
  return lists
}

/** Turns a part's failure into its report, or rethrows what concerns the whole item. */
function unavailablePart(part: MediaPart, error: unknown, video: VideoInfo): UnavailablePart {
  const appError = asAppError(error)
  if (itemErrors.has(appError.code)) throw appError
  if (appError.code === 'IllegalStatus') {
    // The video's own status says more than the server's sentence.
    return { part, error: toErrorData('IllegalStatus', video.status ?? appError.detail) }
  }
  const serverCode = error instanceof VodServiceError ? error.serverCode : undefined
  return { part, error: toErrorData(appError.code, serverCode ?? appError.detail) }
}

/** The lifetime a listing asks an action for: as requested, within the action's limits. */
export function listingAuthTimeout(action: SigningAction, requested: number): number {
  return chooseAuthTimeoutSeconds({
    action,
    requested,
    settings: { defaultAuthTimeoutSeconds: requested },
  })
}
