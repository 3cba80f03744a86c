import { z } from 'zod'
import type { ErrorCode } from '../errors'
import { addressTypes, nameConflictChoices, settingsLimits } from '../settings'
import type { AddressType } from '../vod'
import type { NameConflicts } from './downloads'
import { createdRangeIsOrdered, libraryFilterShape, mediaIdSchema, mediaTypeSchema } from './media'

/**
 * Address lists from the window: `lists.export` writes the signed download addresses of a
 * selection or of a whole library filter as CSV and/or JSON text, `lists.import` turns a CSV or
 * plain list into one batch of downloads. Both are the `vod-dl vod export` / `vod-dl import`
 * of the CLI, built on the same modules in main. Files cross as text: the renderer reads the
 * picked file itself and saves the answer itself, which works in Electron and in a browser
 * connected to the headless host alike.
 */

/** The largest list `lists.import` reads (UTF-8 bytes); checked in the renderer and in main. */
export const importListLimitBytes = 10 * 1024 * 1024

/** Bad lines an import answers in full; beyond that only their count. */
export const importProblemLimit = 1000

/** UTF-8 length of a text without encoding it (the two runtimes have no common Buffer). */
export function utf8ByteLength(text: string): number {
  let bytes = 0
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index)
    if (unit < 0x80) bytes += 1
    else if (unit < 0x800) bytes += 2
    else if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        // A surrogate pair is one code point of four bytes.
        bytes += 4
        index += 1
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}

/**
 * Which files of each media item a list takes: words of `vod-dl vod export --file`, which main
 * reads with the CLI's own file-choice table. Video and audio have the first five, images the
 * last two; the window offers only the ones of the current tab.
 */
export const addressListFiles = [
  'source',
  'rendition',
  'cover',
  'snapshots',
  'sprites',
  'image',
  'image-original',
] as const
export type AddressListFile = (typeof addressListFiles)[number]

export const addressListFormats = ['csv', 'json'] as const
export type AddressListFormat = (typeof addressListFormats)[number]

/** Rendition definition and format codes, as `vod-dl import` accepts them in a list. */
const streamCodeSchema = z.string().regex(/^[A-Za-z0-9]{1,8}$/)

const exportTargetSchema = z.discriminatedUnion('kind', [
  /** Media picked in the list. */
  z.strictObject({
    kind: z.literal('selection'),
    mediaIds: z.array(mediaIdSchema).min(1).max(10_000),
  }),
  /** Everything the tab's search and filters match, every page of it (no 200 / 100 cap). */
  z.strictObject({ kind: z.literal('filter'), ...libraryFilterShape }),
])

export const listsExportInputSchema = z
  .strictObject({
    /** The library tab: what the filter searches, and what the selected ids are. */
    mediaType: mediaTypeSchema,
    target: exportTargetSchema,
    files: z.array(z.enum(addressListFiles)).min(1).max(addressListFiles.length),
    /** Renditions only: this definition (HD, 2K, …); absent takes every one. */
    definition: streamCodeSchema.optional(),
    /** Renditions only: this format (mp4, m3u8, …); absent takes every one. */
    format: streamCodeSchema.optional(),
    /** CDN or OSS origin addresses; default the setting. */
    addressType: z.enum(addressTypes).optional(),
    /** AuthTimeout to ask for; default the setting. Each action's own limits still apply. */
    authTimeoutSeconds: z
      .int()
      .min(settingsLimits.authTimeoutSeconds.min)
      .max(settingsLimits.authTimeoutSeconds.max)
      .optional(),
    /** Which texts to produce. */
    formats: z.array(z.enum(addressListFormats)).min(1).max(addressListFormats.length),
  })
  .refine((input) => input.target.kind !== 'filter' || createdRangeIsOrdered(input.target), {
    message: 'createdFrom must not be after createdTo',
    path: ['target', 'createdTo'],
  })

export type ListsExportInput = z.input<typeof listsExportInputSchema>

/** What an export produced: the texts and what the window says about them. */
export interface AddressListExport {
  /** The CSV (UTF-8 BOM, CRLF), or null when not asked for. */
  csv: string | null
  json: string | null
  /** Epoch ms. */
  exportedAt: number
  addressType: AddressType
  authTimeoutSeconds: number
  itemCount: number
  rowCount: number
  /** Rows without an address (their `errorCode` column says why). */
  failedRowCount: number
  failedItemCount: number
  /** Failed rows per reason, most frequent first. */
  failures: Array<{ code: ErrorCode; count: number }>
  /** Epoch ms at which the first and the last URL stop working; null when none tells. */
  earliestExpiresAt: number | null
  latestExpiresAt: number | null
}

export const listsImportInputSchema = z.strictObject({
  /** The picked file's name: `.csv` makes a CSV, and it names the batch. */
  fileName: z.string().trim().min(1).max(255),
  text: z
    .string()
    // A UTF-16 length over the limit is over it in bytes too; the exact count follows.
    .max(importListLimitBytes)
    .refine((text) => utf8ByteLength(text) <= importListLimitBytes, {
      message: `the list is larger than ${importListLimitBytes} bytes`,
    }),
  /**
   * What to do with files whose names are taken, as for `downloads.enqueue`; absent: the
   * `nameConflicts` setting, and when that is `ask`, nothing is added and the answer carries the
   * conflicts to ask about.
   */
  conflicts: z.enum(nameConflictChoices).optional(),
})

export type ListsImportInput = z.input<typeof listsImportInputSchema>

/** A line of the list that was not imported (or was, with a remark). */
export interface ListLine {
  /** 1-based, as an editor counts. */
  line: number
  /** Why, in the words `vod-dl import` prints (English). */
  message: string
}

export interface ListImportResult {
  /** Jobs added, as one batch when more than one; they arrive through `jobs.changed`. */
  added: number
  /** VOD files of the list that were already in the Downloads list and were not added again. */
  alreadyQueued: number
  /** Files not added because their name was taken and the choice was `skip`. */
  skippedConflicts: number
  /** Unfinished downloads of ours whose name a new file took (`replace`). */
  replaced: number
  /** Files added under a numbered name because the choice was `keep-both`. */
  renamed: number
  /** Set when names are taken and nobody chose yet: nothing was added; ask, then send again. */
  conflicts: NameConflicts | null
  badLineCount: number
  /** The first `importProblemLimit` bad lines, in line order. */
  badLines: ListLine[]
  /** Lines imported with a remark (the same file as an earlier line). */
  notes: ListLine[]
}
