import type { z } from 'zod'
import { AppError } from '../../shared/errors'
import { raceWithSignal, sleep as abortableSleep, throwIfAborted } from './abort'
import {
  getCategoriesQuery,
  getCategoriesResponseSchema,
  type GetCategoriesRequest,
  type GetCategoriesResponse,
} from './actions/get-categories'
import {
  getImageInfoQuery,
  getImageInfoResponseSchema,
  getImageInfosQuery,
  getImageInfosResponseSchema,
  imageInfosBatchLimit,
  type GetImageInfoRequest,
  type GetImageInfosRequest,
  type GetImageInfosResponse,
  type ImageInfo,
} from './actions/get-image-info'
import {
  getMezzanineInfoQuery,
  getMezzanineInfoResponseSchema,
  type GetMezzanineInfoRequest,
  type Mezzanine,
} from './actions/get-mezzanine-info'
import {
  getPlayInfoQuery,
  getPlayInfoResponseSchema,
  type GetPlayInfoRequest,
  type GetPlayInfoResponse,
} from './actions/get-play-info'
import {
  getVideoInfoQuery,
  getVideoInfoResponseSchema,
  getVideoInfosQuery,
  getVideoInfosResponseSchema,
  videoInfosBatchLimit,
  type GetVideoInfosResponse,
  type VideoInfo,
} from './actions/get-video-info'
import {
  listSnapshotsQuery,
  listSnapshotsResponseSchema,
  snapshotMinimumAuthTimeoutSeconds,
  snapshotPageSizeLimit,
  snapshotTypes,
  type ListSnapshotsPageRequest,
  type SnapshotList,
  type SnapshotPage,
  type SnapshotType,
} from './actions/list-snapshots'
import {
  restoreMediaQuery,
  restoreMediaResponseSchema,
  type RestoreMediaRequest,
  type RestoreMediaResponse,
} from './actions/restore-media'
import {
  searchMediaQuery,
  searchMediaResponseSchema,
  searchPageSizeLimit,
  searchResultWindow,
  type SearchMediaItem,
  type SearchMediaPage,
  type SearchMediaRequest,
} from './actions/search-media'
import { mapVodError, VodServiceError } from './errors'
import {
  advanceTail,
  alreadyGiven,
  boundedMatch,
  fieldsWithSortValue,
  isStaleScrollToken,
  resumeBound,
  sortOrderOf,
  type KeysetBound,
} from './search-keyset'
import { silentLogger, type VodLogger } from './logger'
import {
  defaultThrottleRetryPolicy,
  retryPolicyFor,
  retryReasonOf,
  throttleDelayMs,
  type ThrottleRetryPolicy,
} from './retry'
import type { VodAction, VodQuery, VodTransport } from './transport'

export interface VodClientDependencies {
  transport: VodTransport
  logger?: VodLogger
  retryPolicy?: ThrottleRetryPolicy
  /** Source of jitter, in [0, 1). */
  random?: () => number
  /** Waits between throttled attempts; tests pass one that records instead of waiting. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** Epoch ms; used only to time calls for the log. */
  now?: () => number
}

export interface CallOptions {
  /** Stops waiting (and retrying) with `Canceled`. */
  signal?: AbortSignal
}

/** A search that walks every page; paging parameters are the iterator's business. */
export type SearchAllRequest = Omit<SearchMediaRequest, 'pageNo' | 'scrollToken'>

/**
 * Typed access to the VOD download-side API. Every reply is validated against the shapes the
 * real service sends; throttled calls are retried with backoff; every failure becomes an
 * AppError (a VodServiceError when the server answered).
 */
export class VodClient {
  private readonly transport: VodTransport
  private readonly logger: VodLogger
  private readonly retryPolicy: ThrottleRetryPolicy
  private readonly random: () => number
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  private readonly now: () => number

  constructor(dependencies: VodClientDependencies) {
    this.transport = dependencies.transport
    this.logger = dependencies.logger ?? silentLogger
    this.retryPolicy = dependencies.retryPolicy ?? defaultThrottleRetryPolicy
    this.random = dependencies.random ?? Math.random
    this.sleep = dependencies.sleep ?? abortableSleep
    this.now = dependencies.now ?? Date.now
  }

  /** One page of SearchMedia. */
  searchMedia(request: SearchMediaRequest, options?: CallOptions): Promise<SearchMediaPage> {
    return this.call('SearchMedia', searchMediaQuery(request), searchMediaResponseSchema, options)
  }

  /**
   * Every search result, page by page, each once. Within the first 5,000 results PageNo is
   * enough; video and audio then follow the ScrollToken. When the token expires (a traversal
   * that paused too long) or the window ends without one (image search has no ScrollToken),
   * the search resumes from the last item given: the sort field bounded at its value, the
   * items of that second already given skipped (see `search-keyset.ts`). Ends when a page
   * comes back short or `Total` is reached. Breaking out of the loop stops further calls.
   */
  async *searchAll(
    request: SearchAllRequest,
    options?: CallOptions,
  ): AsyncGenerator<SearchMediaItem, void, undefined> {
    if (request.sortBy?.includes(',')) {
      throw new AppError('InvalidInput', 'a full search traversal allows one SortBy field only')
    }
    const order = sortOrderOf(request.sortBy)
    const fields = fieldsWithSortValue(request.fields, order)
    const pageSize = Math.min(
      Math.max(request.pageSize ?? searchPageSizeLimit, 1),
      searchPageSizeLimit,
    )
    const canScroll = request.searchType !== 'image'
    let scrollToken: string | undefined
    let bound: KeysetBound | undefined
    let tail: KeysetBound | undefined
    let pageNo = 1
    /** Resumes after the last item given; false when no item carried its sort value. */
    const resume = (why: string): boolean => {
      if (!tail) return false
      bound = resumeBound(tail, bound)
      scrollToken = undefined
      pageNo = 1
      this.logger.warn(`vod search resumes from the last item given (${why})`, {
        searchType: request.searchType,
        at: bound?.at,
      })
      return true
    }
    for (;;) {
      throwIfAborted(options?.signal)
      let page: SearchMediaPage
      try {
        page = await this.searchMedia(
          {
            ...request,
            ...(fields ? { fields } : {}),
            ...(bound ? { match: boundedMatch(request.match, order, bound) } : {}),
            pageNo,
            pageSize,
            scrollToken,
          },
          options,
        )
      } catch (error) {
        if (scrollToken === undefined || !isStaleScrollToken(error)) throw error
        if (!resume('the ScrollToken expired')) throw error
        continue
      }
      for (const item of page.items) {
        if (alreadyGiven(item, order, bound)) continue
        tail = advanceTail(tail, item, order)
        yield item
      }
      if (page.items.length < pageSize) return
      if (page.total !== undefined && pageNo * pageSize >= page.total) return
      const windowEnds = (pageNo + 1) * pageSize > searchResultWindow
      if (canScroll && page.scrollToken !== undefined) {
        scrollToken = page.scrollToken
        pageNo += 1
      } else if (windowEnds) {
        if (!resume('the 5,000-result window ended')) {
          this.logger.warn('vod search stopped at the 5,000-result window', {
            searchType: request.searchType,
            total: page.total,
          })
          return
        }
      } else {
        pageNo += 1
      }
    }
  }

  /** One page of a category's children (the level-0 categories for the root). */
  getCategories(
    request: GetCategoriesRequest,
    options?: CallOptions,
  ): Promise<GetCategoriesResponse> {
    return this.call(
      'GetCategories',
      getCategoriesQuery(request),
      getCategoriesResponseSchema,
      options,
    )
  }

  getVideoInfo(videoId: string, options?: CallOptions): Promise<VideoInfo> {
    return this.call(
      'GetVideoInfo',
      getVideoInfoQuery(videoId),
      getVideoInfoResponseSchema,
      options,
    )
  }

  /** GetVideoInfos over any number of ids, 20 per call, in order; duplicates asked once. */
  async getVideoInfos(
    videoIds: readonly string[],
    options?: CallOptions,
  ): Promise<GetVideoInfosResponse> {
    const merged: GetVideoInfosResponse = { videos: [], missingVideoIds: [] }
    for (const chunk of chunks(unique(videoIds), videoInfosBatchLimit)) {
      const part = await this.call(
        'GetVideoInfos',
        getVideoInfosQuery(chunk),
        getVideoInfosResponseSchema,
        options,
      )
      merged.videos.push(...part.videos)
      merged.missingVideoIds.push(...part.missingVideoIds)
    }
    return merged
  }

  getPlayInfo(request: GetPlayInfoRequest, options?: CallOptions): Promise<GetPlayInfoResponse> {
    return this.call('GetPlayInfo', getPlayInfoQuery(request), getPlayInfoResponseSchema, options)
  }

  getMezzanineInfo(request: GetMezzanineInfoRequest, options?: CallOptions): Promise<Mezzanine> {
    return this.call(
      'GetMezzanineInfo',
      getMezzanineInfoQuery(request),
      getMezzanineInfoResponseSchema,
      options,
    )
  }

  getImageInfo(request: GetImageInfoRequest, options?: CallOptions): Promise<ImageInfo> {
    return this.call(
      'GetImageInfo',
      getImageInfoQuery(request),
      getImageInfoResponseSchema,
      options,
    )
  }

  /** GetImageInfos over any number of ids, 20 per call; duplicates asked once. */
  async getImageInfos(
    request: GetImageInfosRequest,
    options?: CallOptions,
  ): Promise<GetImageInfosResponse> {
    const merged: GetImageInfosResponse = { images: [], missingImageIds: [] }
    for (const chunk of chunks(unique(request.imageIds), imageInfosBatchLimit)) {
      const part = await this.call(
        'GetImageInfos',
        getImageInfosQuery({ ...request, imageIds: chunk }),
        getImageInfosResponseSchema,
        options,
      )
      merged.images.push(...part.images)
      merged.missingImageIds.push(...part.missingImageIds)
    }
    return merged
  }

  /**
   * RestoreMedia for at most 20 ids (the API's limit). Refused and unknown ids come back in the
   * reply's lists, not as an error.
   */
  restoreMedia(request: RestoreMediaRequest, options?: CallOptions): Promise<RestoreMediaResponse> {
    return this.call(
      'RestoreMedia',
      restoreMediaQuery(request),
      restoreMediaResponseSchema,
      options,
    )
  }

  /** One page of ListSnapshots. AuthTimeout is raised to the API's 3,600 s minimum. */
  listSnapshotsPage(
    request: ListSnapshotsPageRequest,
    options?: CallOptions,
  ): Promise<SnapshotPage> {
    const authTimeout =
      request.authTimeout === undefined
        ? undefined
        : Math.max(request.authTimeout, snapshotMinimumAuthTimeoutSeconds)
    return this.call(
      'ListSnapshots',
      listSnapshotsQuery({ ...request, authTimeout }),
      listSnapshotsResponseSchema,
      options,
    )
  }

  /** Every snapshot of one type, all pages. */
  async listSnapshots(
    request: { videoId: string; snapshotType: SnapshotType; authTimeout?: number },
    options?: CallOptions,
  ): Promise<SnapshotList> {
    const list: SnapshotList = { snapshotType: request.snapshotType, snapshots: [] }
    for (let pageNo = 1; ; pageNo += 1) {
      const page = await this.listSnapshotsPage(
        { ...request, pageNo, pageSize: snapshotPageSizeLimit },
        options,
      )
      list.jobId ??= page.jobId
      list.creationTime ??= page.creationTime
      list.snapshots.push(...page.snapshots)
      const total = page.total ?? Number.POSITIVE_INFINITY
      if (page.snapshots.length < snapshotPageSizeLimit || list.snapshots.length >= total) {
        return list
      }
    }
  }

  /**
   * Snapshots of every type. A type without a snapshot job answers `NoSuchResource`, which
   * here just means "none"; a missing video still fails.
   */
  async listAllSnapshots(
    videoId: string,
    request: { authTimeout?: number } = {},
    options?: CallOptions,
  ): Promise<SnapshotList[]> {
    const lists: SnapshotList[] = []
    for (const snapshotType of snapshotTypes) {
      try {
        lists.push(await this.listSnapshots({ videoId, snapshotType, ...request }, options))
      } catch (error) {
        if (error instanceof VodServiceError && error.serverCode === 'NoSuchResource') {
          lists.push({ snapshotType, snapshots: [] })
          continue
        }
        throw error
      }
    }
    return lists
  }

  /**
   * Sends one action and validates the reply. Throttled calls, server errors (5xx) and a
   * `SignatureNonceUsed` replay are sent again, each within its own bound (see `retry.ts`);
   * the SDK signs every attempt anew, with a fresh nonce.
   */
  private async call<Schema extends z.ZodType>(
    action: VodAction,
    query: VodQuery,
    schema: Schema,
    options: CallOptions | undefined,
  ): Promise<z.output<Schema>> {
    const signal = options?.signal
    for (let attempt = 1; ; attempt += 1) {
      throwIfAborted(signal)
      const startedAt = this.now()
      let body: unknown
      try {
        body = await raceWithSignal(this.transport.call(action, query), signal)
      } catch (thrown) {
        const error = mapVodError(thrown, action)
        const reason = retryReasonOf(error.code)
        if (reason === undefined) throw error
        const policy = retryPolicyFor(reason, this.retryPolicy)
        if (attempt >= policy.maxAttempts) throw error
        const retryAfterMs = error instanceof VodServiceError ? error.retryAfterMs : undefined
        const delayMs = throttleDelayMs(attempt, policy, this.random, retryAfterMs)
        this.logger.warn('vod call failed, retrying', {
          action,
          reason,
          attempt,
          delayMs,
          serverCode: error instanceof VodServiceError ? error.serverCode : undefined,
          requestId: error instanceof VodServiceError ? error.requestId : undefined,
        })
        await this.sleep(delayMs, signal)
        continue
      }
      this.logger.debug('vod call', { action, attempt, elapsedMs: this.now() - startedAt })
      return parseReply(action, schema, body)
    }
  }
}

/** Validates a reply; a mismatch names the action and the first offending field. */
export function parseReply<Schema extends z.ZodType>(
  action: VodAction,
  schema: Schema,
  body: unknown,
): z.output<Schema> {
  const result = schema.safeParse(body)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)'
  throw new VodServiceError('MalformedResponse', {
    action,
    detail: `${action}: ${field}: ${issue?.message ?? 'unexpected shape'}`,
  })
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)]
}

function chunks<T>(values: readonly T[], size: number): T[][] {
  const result: T[][] = []
  for (let start = 0; start < values.length; start += size) {
    result.push(values.slice(start, start + size))
  }
  return result
}
