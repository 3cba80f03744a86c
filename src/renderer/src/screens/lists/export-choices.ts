import type {
  AddressListFile,
  AddressListFormat,
  ListsExportInput,
  MediaType,
} from '../../../../shared/contract'
import { settingsLimits, type Settings } from '../../../../shared/settings'
import type { AddressType } from '../../../../shared/vod'
import type { LibraryQuery } from '../library/use-library-search'

/** The selected media, or everything the tab's search and filters match. */
export type ExportScope = 'selection' | 'filter'

/** The export dialog's choices as the form holds them. */
export interface ExportChoices {
  scope: ExportScope
  files: readonly AddressListFile[]
  /** Renditions: '' takes every definition / format. */
  definition: string
  format: string
  /** null follows the default address type from Settings. */
  addressType: AddressType | null
  /** As typed; see `parseAuthTimeoutHours`. */
  authTimeoutHours: string
  formats: readonly AddressListFormat[]
}

const playableFiles: readonly AddressListFile[] = [
  'source',
  'rendition',
  'cover',
  'snapshots',
  'sprites',
]
const imageFiles: readonly AddressListFile[] = ['image', 'image-original']

/** The files a media type has; the dialog offers only these. */
export function filesFor(mediaType: MediaType): readonly AddressListFile[] {
  return mediaType === 'image' ? imageFiles : playableFiles
}

/** The lifetime field's bounds, in whole hours: those of the Settings field. */
export const authTimeoutHourLimits = {
  min: settingsLimits.authTimeoutSeconds.min / 3600,
  max: settingsLimits.authTimeoutSeconds.max / 3600,
} as const

/** Seconds for a whole number of hours within the limits, or null. */
export function parseAuthTimeoutHours(text: string): number | null {
  if (!/^\d+$/.test(text.trim())) return null
  const hours = Number(text)
  if (hours < authTimeoutHourLimits.min || hours > authTimeoutHourLimits.max) return null
  return hours * 3600
}

/**
 * Where the dialog starts: the selection when there is one, the item's main file, the address
 * type and lifetime from Settings, a CSV.
 */
export function initialExportChoices(
  mediaType: MediaType,
  selectedCount: number,
  settings: Pick<Settings, 'authTimeoutSeconds'>,
): ExportChoices {
  return {
    scope: selectedCount > 0 ? 'selection' : 'filter',
    files: [mediaType === 'image' ? 'image' : 'source'],
    definition: '',
    format: '',
    addressType: null,
    authTimeoutHours: String(Math.max(1, Math.round(settings.authTimeoutSeconds / 3600))),
    formats: ['csv'],
  }
}

/** Adds or removes one entry, keeping the order of `order`. */
export function toggled<Value>(
  values: readonly Value[],
  value: Value,
  on: boolean,
  order: readonly Value[],
): Value[] {
  const wanted = new Set(values)
  if (on) wanted.add(value)
  else wanted.delete(value)
  return order.filter((candidate) => wanted.has(candidate))
}

/** What the dialog needs to know about the library behind it. */
export interface ExportContext {
  mediaType: MediaType
  /** The tab's current search and filters. */
  query: LibraryQuery
  selectedIds: readonly string[]
}

/** The request for these choices, or null while they cannot be sent (nothing chosen, bad hours). */
export function toExportInput(
  choices: ExportChoices,
  context: ExportContext,
): ListsExportInput | null {
  const files = choices.files.filter((file) => filesFor(context.mediaType).includes(file))
  const authTimeoutSeconds = parseAuthTimeoutHours(choices.authTimeoutHours)
  if (files.length === 0 || choices.formats.length === 0 || authTimeoutSeconds === null) {
    return null
  }
  if (choices.scope === 'selection' && context.selectedIds.length === 0) return null
  const { mediaType: _mediaType, ...filter } = context.query
  const input: ListsExportInput = {
    mediaType: context.mediaType,
    target:
      choices.scope === 'selection'
        ? { kind: 'selection', mediaIds: [...context.selectedIds] }
        : { kind: 'filter', ...filter },
    files,
    authTimeoutSeconds,
    formats: [...choices.formats],
  }
  if (files.includes('rendition') && choices.definition) input.definition = choices.definition
  if (files.includes('rendition') && choices.format) input.format = choices.format
  if (choices.addressType) input.addressType = choices.addressType
  return input
}

function pad2(value: number): string {
  return String(value).padStart(2, '0')
}

/** `vod-addresses-video-20260314-1030.csv`: the type and the local export time. */
export function addressListFileName(
  mediaType: MediaType,
  exportedAt: number,
  format: AddressListFormat,
): string {
  const date = new Date(exportedAt)
  const day = `${date.getFullYear()}${pad2(date.getMonth() + 1)}${pad2(date.getDate())}`
  const time = `${pad2(date.getHours())}${pad2(date.getMinutes())}`
  return `vod-addresses-${mediaType}-${day}-${time}.${format}`
}

/** The media type a saved list is labelled with, for the browser's download. */
export const addressListMimeTypes: Record<AddressListFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  json: 'application/json;charset=utf-8',
}
