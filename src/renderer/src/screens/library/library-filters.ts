import type { LibrarySortOrder, MediaStatus, MediaType } from '../../../../shared/contract'
import type { LibraryQuery } from './use-library-search'

/** The library filters as the form holds them (dates as the YYYY-MM-DD of a date input). */
export interface LibraryFilters {
  mediaType: MediaType
  title: string
  status: MediaStatus | ''
  categoryId: number | null
  createdFrom: string
  createdTo: string
  sort: LibrarySortOrder
}

export const initialLibraryFilters: LibraryFilters = {
  mediaType: 'video',
  title: '',
  status: '',
  categoryId: null,
  createdFrom: '',
  createdTo: '',
  sort: 'created-desc',
}

/** Image statuses are a subset; offering video-only statuses for images would find nothing. */
export const statusesByMediaType: Record<MediaType, readonly MediaStatus[]> = {
  video: [
    'Normal',
    'Uploading',
    'UploadSucc',
    'Transcoding',
    'TranscodeFail',
    'Checking',
    'Blocked',
    'UploadFail',
    'ProduceFail',
  ],
  audio: [
    'Normal',
    'Uploading',
    'UploadSucc',
    'Transcoding',
    'TranscodeFail',
    'Checking',
    'Blocked',
    'UploadFail',
    'ProduceFail',
  ],
  image: ['Normal', 'Uploading', 'UploadFail'],
}

/** A local calendar day's start or end as an ISO instant (the user thinks in local days). */
export function localDayBound(day: string, bound: 'start' | 'end'): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined
  const date = new Date(`${day}T${bound === 'start' ? '00:00:00.000' : '23:59:59.999'}`)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

/** True when the created-date range ends before it starts (VOD would refuse the search). */
export function dateRangeReversed(filters: LibraryFilters): boolean {
  return filters.createdFrom !== '' && filters.createdTo !== ''
    ? filters.createdFrom > filters.createdTo
    : false
}

/** True when a filter narrows the results (the title, status, category or a date is set). */
export function hasNarrowingFilters(filters: LibraryFilters): boolean {
  return (
    filters.title.trim() !== '' ||
    filters.status !== '' ||
    filters.categoryId !== null ||
    filters.createdFrom !== '' ||
    filters.createdTo !== ''
  )
}

/** The same tab and sort order without any narrowing filter. */
export function clearedFilters(filters: LibraryFilters): LibraryFilters {
  return { ...initialLibraryFilters, mediaType: filters.mediaType, sort: filters.sort }
}

/** Builds the search input; empty fields are left out so main sends no empty Match terms. */
export function toLibraryQuery(filters: LibraryFilters): LibraryQuery {
  const query: LibraryQuery = { mediaType: filters.mediaType, sort: filters.sort }
  const title = filters.title.trim()
  if (title) query.title = title
  if (filters.status) query.status = filters.status
  if (filters.categoryId !== null) query.categoryId = filters.categoryId
  const from = localDayBound(filters.createdFrom, 'start')
  const to = localDayBound(filters.createdTo, 'end')
  if (from) query.createdFrom = from
  if (to) query.createdTo = to
  return query
}
