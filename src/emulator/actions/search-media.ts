import { ApiError, invalidParameter } from '../api/errors'
import { formatUtc } from '../clock'
import type { DemoImage, DemoMedia } from '../library-types'
import type { ActionContext, ActionHandler } from './context'
import { maxReachableResults } from './get-video-list'
import type { FieldKind, FieldValue, MatchNode } from './match-expression'
import { evaluateMatch, parseMatch, validateMatch } from './match-expression'
import type { ActionParams } from './parameters'
import { archiveFields, coverUrl, mediaUrl, snapshotUrls, spriteUrls } from './views'

/**
 * SearchMedia: `{Total, ScrollToken, MediaList: [...]}` with a bare MediaList whose items carry
 * `Video` / `Audio` / `Image`. Without `Fields` an item has only its id and CreationTime.
 * PageNo/PageSize reach the first 5,000 results; ScrollToken walks everything (video and audio).
 */

type SearchType = 'video' | 'audio' | 'image' | 'attached'

const mediaFields = new Map<string, FieldKind>([
  ['Title', 'fuzzy'],
  ['Description', 'fuzzy'],
  ['Tags', 'fuzzy'],
  ['CateId', 'number'],
  ['Status', 'exact'],
  ['StorageLocation', 'exact'],
  ['AppId', 'exact'],
  ['MediaSource', 'exact'],
  ['PreprocessStatus', 'exact'],
  ['CreationTime', 'time'],
  ['ModificationTime', 'time'],
  ['Size', 'number'],
  ['Duration', 'number'],
])

const videoFields = new Map<string, FieldKind>([...mediaFields, ['VideoId', 'exact']])
const audioFields = new Map<string, FieldKind>([...mediaFields, ['AudioId', 'exact']])
const imageFields = new Map<string, FieldKind>([
  ['ImageId', 'exact'],
  ['Title', 'fuzzy'],
  ['Description', 'fuzzy'],
  ['Tags', 'fuzzy'],
  ['FileName', 'fuzzy'],
  ['CateId', 'number'],
  ['Status', 'exact'],
  ['StorageLocation', 'exact'],
  ['AppId', 'exact'],
  ['CreationTime', 'time'],
  ['ModificationTime', 'time'],
])

type SortField = 'CreationTime' | 'ModificationTime'
interface SortKey {
  field: SortField
  descending: boolean
}

/** A searchable item with the accessors the filter and the sort need. */
interface Candidate {
  id: string
  creationTime: number
  modificationTime: number
  valueOf(field: string): FieldValue | undefined
  view(fields: ReadonlySet<string>): Record<string, unknown>
}

export const searchMedia: ActionHandler = (params, context) => {
  const searchType = params.choice<SearchType>(
    'SearchType',
    ['video', 'audio', 'image', 'attached'],
    'video',
  )
  const fields = new Set(params.list('Fields') ?? [])
  const matchText = params.optionalString('Match')
  const sortKeys = parseSortBy(params)
  const pageNo = params.integer('PageNo', 1, { min: 1 })
  const pageSize = params.integer('PageSize', 10, { min: 1, max: 100 })
  const scrollToken = params.optionalString('ScrollToken')
  const scrollable = searchType === 'video' || searchType === 'audio'
  if (scrollToken !== undefined && !scrollable) throw invalidParameter('ScrollToken')
  if (scrollToken !== undefined && sortKeys.length > 1) {
    throw new ApiError(
      'SortByExceededMax',
      400,
      'Only one SortBy field is allowed with ScrollToken.',
    )
  }

  const fieldKinds =
    searchType === 'image' ? imageFields : searchType === 'audio' ? audioFields : videoFields
  let match: MatchNode | undefined
  if (matchText !== undefined) {
    match = parseMatch(matchText)
    validateMatch(match, fieldKinds)
  }
  const query = JSON.stringify([searchType, matchText ?? '', sortKeys])
  const search = (): Candidate[] => {
    const found = candidates(searchType, context).filter(
      (candidate) =>
        !match || evaluateMatch(match, fieldKinds, (field) => candidate.valueOf(field)),
    )
    return found.sort((a, b) => compareCandidates(a, b, sortKeys))
  }
  // The pages of one traversal share the query: filter and sort once (see search-cache.ts).
  const matches = context.searchCache ? context.searchCache.results(query, search) : search()
  let offset: number
  if (scrollToken !== undefined) {
    offset = context.scrollTokens.resolve(scrollToken, query).offset
  } else {
    if (pageNo * pageSize > maxReachableResults) {
      throw new ApiError(
        'InvalidParameter',
        400,
        `PageNo * PageSize exceeds ${maxReachableResults}: only the first ${maxReachableResults} results can be paged; use ScrollToken to traverse all of them.`,
      )
    }
    offset = (pageNo - 1) * pageSize
  }
  const page = matches.slice(offset, offset + pageSize)
  return {
    Total: matches.length,
    ...(scrollable
      ? { ScrollToken: context.scrollTokens.issue({ query, offset: offset + page.length }) }
      : {}),
    MediaList: page.map((candidate) => candidate.view(fields)),
  }
}

function parseSortBy(params: ActionParams): SortKey[] {
  const entries = params.list('SortBy') ?? ['CreationTime:Desc']
  if (entries.length > 3) {
    throw new ApiError('SortByExceededMax', 400, 'At most 3 SortBy fields are allowed.')
  }
  return entries.map((entry) => {
    const [field = '', direction = 'Desc'] = entry.split(':').map((part) => part.trim())
    const sortField = field === 'CreationTime' || field === 'ModificationTime' ? field : undefined
    const lower = direction.toLowerCase()
    if (!sortField || (lower !== 'desc' && lower !== 'asc')) throw invalidParameter('SortBy')
    return { field: sortField, descending: lower === 'desc' }
  })
}

/**
 * The service keeps times to the second (every time field reads `…:ssZ`), so filters and sort
 * orders compare whole seconds: two items of one second tie, and a range bound at that second
 * includes both.
 */
function wholeSeconds(epochMs: number): number {
  return Math.floor(epochMs / 1000) * 1000
}

function compareCandidates(a: Candidate, b: Candidate, keys: readonly SortKey[]): number {
  for (const key of keys) {
    const left = key.field === 'CreationTime' ? a.creationTime : a.modificationTime
    const right = key.field === 'CreationTime' ? b.creationTime : b.modificationTime
    if (left !== right) return key.descending ? right - left : left - right
  }
  // A total order keeps pages and scroll cursors stable between calls.
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

function candidates(searchType: SearchType, context: ActionContext): Candidate[] {
  switch (searchType) {
    case 'video':
      return context.library.videos.map((media) => mediaCandidate(media, context))
    case 'audio':
      return context.library.audios.map((media) => mediaCandidate(media, context))
    case 'image':
      return context.library.images.map((image) => imageCandidate(image, context))
    case 'attached':
      return []
  }
}

function mediaCandidate(media: DemoMedia, context: ActionContext): Candidate {
  const idField = media.mediaType === 'audio' ? 'AudioId' : 'VideoId'
  const values: Record<string, FieldValue> = {
    [idField]: media.id,
    Title: media.title,
    Description: media.description,
    Tags: media.tags.join(','),
    CateId: media.cateId,
    Status: media.status,
    StorageLocation: media.storageLocation,
    AppId: media.appId,
    MediaSource: 'general',
    PreprocessStatus: 'UnPreprocess',
    CreationTime: wholeSeconds(media.creationTime),
    ModificationTime: wholeSeconds(media.modificationTime),
    Size: media.source.size,
    Duration: media.durationSeconds,
  }
  return {
    id: media.id,
    creationTime: wholeSeconds(media.creationTime),
    modificationTime: wholeSeconds(media.modificationTime),
    valueOf: (field) => values[field],
    view(fields) {
      // URLs are signed only when asked for: a page of 100 should not sign 800 snapshot URLs.
      const lazy: Record<string, () => unknown> = {
        Title: () => media.title,
        Description: () => media.description,
        CoverURL: () => coverUrl(context, media),
        Duration: () => media.durationSeconds,
        Size: () => media.source.size,
        Status: () => media.status,
        CateId: () => media.cateId,
        CateName: () => media.cateName,
        Tags: () => media.tags.join(','),
        AppId: () => media.appId,
        StorageLocation: () => media.storageLocation,
        StorageClass: () => context.archive.storageClassOf(media),
        RestoreStatus: () => archiveFields(context, media).RestoreStatus,
        RestoreExpiration: () => archiveFields(context, media).RestoreExpiration,
        MediaSource: () => 'general',
        PreprocessStatus: () => 'UnPreprocess',
        TranscodeMode: () => media.transcodeMode,
        DownloadSwitch: () => media.downloadSwitch,
        ModificationTime: () => formatUtc(media.modificationTime),
        Snapshots: () => snapshotUrls(context, media),
        SpriteSnapshots: () => spriteUrls(context, media),
      }
      const body: Record<string, unknown> = {
        [idField]: media.id,
        CreationTime: formatUtc(media.creationTime),
      }
      for (const field of fields) {
        const value = lazy[field]?.()
        if (value !== undefined) body[field] = value
      }
      return {
        MediaType: media.mediaType,
        MediaId: media.id,
        CreationTime: formatUtc(media.creationTime),
        [media.mediaType === 'audio' ? 'Audio' : 'Video']: body,
      }
    },
  }
}

function imageCandidate(image: DemoImage, context: ActionContext): Candidate {
  const values: Record<string, FieldValue> = {
    ImageId: image.id,
    Title: image.title,
    Description: image.description,
    Tags: image.tags.join(','),
    FileName: image.fileName,
    CateId: image.cateId,
    Status: image.status,
    StorageLocation: image.storageLocation,
    AppId: image.appId,
    CreationTime: wholeSeconds(image.creationTime),
    ModificationTime: wholeSeconds(image.modificationTime),
  }
  return {
    id: image.id,
    creationTime: wholeSeconds(image.creationTime),
    modificationTime: wholeSeconds(image.modificationTime),
    valueOf: (field) => values[field],
    view(fields) {
      const lazy: Record<string, () => unknown> = {
        Title: () => image.title,
        Description: () => image.description,
        CateId: () => image.cateId,
        CateName: () => image.cateName,
        Tags: () => image.tags.join(','),
        AppId: () => image.appId,
        Status: () => image.status,
        StorageLocation: () => image.storageLocation,
        ModificationTime: () => formatUtc(image.modificationTime),
        URL: () => mediaUrl(context, image.object, 'cdn'),
      }
      const body: Record<string, unknown> = {
        ImageId: image.id,
        CreationTime: formatUtc(image.creationTime),
      }
      for (const field of fields) {
        const value = lazy[field]?.()
        if (value !== undefined) body[field] = value
      }
      return {
        MediaType: 'image',
        MediaId: image.id,
        CreationTime: formatUtc(image.creationTime),
        Image: body,
      }
    },
  }
}
