import { AppError, toErrorData, type ErrorCode, type ErrorData } from '../../shared/errors'
import type { VodFileKind, VodMediaType } from '../../shared/vod'
import type { ImageInfo } from '../vod/actions/get-image-info'
import type { Mezzanine } from '../vod/actions/get-mezzanine-info'
import type { PlayInfo } from '../vod/actions/get-play-info'
import type { SnapshotList } from '../vod/actions/list-snapshots'
import { encryptionOf } from '../vod/downloadable-files'
import { composeFileName, extensionOfUrl, sanitizeFileName } from '../vod/file-names'
import { parseUrlExpiry } from '../vod/url-lease'

/** A media item to export addresses for, as a search or a lookup found it. */
export interface ExportItem {
  mediaId: string
  mediaType: VodMediaType
  title?: string
  /** Main cover address, when the search or lookup returned one (video and audio). */
  coverUrl?: string
  /** ISO 8601, for the window's `{date}` file-name placeholder. */
  createdAt?: string
  /** The API said no media item has this id. */
  missing?: boolean
}

/** One file's address, or why the file has none. */
export interface ExportRow {
  mediaId: string
  mediaType: VodMediaType
  title: string
  kind: VodFileKind
  definition?: string
  format?: string
  /** Snapshots and sprites: position in their list (1-based, as the API counts). */
  index?: number
  /** Bytes. */
  size?: number
  /** Name the file would be saved under (`vod get` and `import` suggest the same). */
  fileName?: string
  url?: string
  /** Epoch ms after which the URL stops working; absent when it cannot be told. */
  expiresAt?: number
  error?: ErrorData
}

/** When and with which lifetime an address was asked for, to tell its expiry. */
export interface AddressIssue {
  /** Epoch ms at which the reply arrived. */
  issuedAt: number
  /** AuthTimeout sent with the call; absent for addresses the API signs on its own terms. */
  authTimeout?: number
}

/** The main cover's file, which has no AuthTimeout of its own. */
export function coverRow(item: ExportItem, issue: AddressIssue): ExportRow {
  if (!item.coverUrl) return failedRow(item, 'cover', new AppError('NotFound', 'no cover'))
  return withAddress(baseRow(item, 'cover'), item.coverUrl, issue, {
    fileName: composeFileName(titleOf(item), ['cover'], extensionOfUrl(item.coverUrl) ?? 'jpg'),
  })
}

/** The source master from GetMezzanineInfo. */
export function sourceRow(item: ExportItem, mezzanine: Mezzanine, issue: AddressIssue): ExportRow {
  if (mezzanine.status !== undefined && mezzanine.status !== 'Normal') {
    const code: ErrorCode = mezzanine.status === 'Deleted' ? 'NotFound' : 'IllegalStatus'
    return failedRow(item, 'source', new AppError(code, `source: ${mezzanine.status}`))
  }
  const uploadedName = mezzanine.fileName?.split(/[\\/]/).pop()
  return withAddress(baseRow(item, 'source'), mezzanine.fileUrl, issue, {
    size: mezzanine.size,
    fileName: uploadedName
      ? sanitizeFileName(uploadedName, titleOf(item))
      : composeFileName(titleOf(item), ['source'], extensionOfUrl(mezzanine.fileUrl)),
  })
}

/** Narrows renditions; unset fields match anything, codes compare without regard to case. */
export interface RenditionSelector {
  definition?: string
  format?: string
}

/**
 * Rows for the current (Normal) streams of a GetPlayInfo reply (ResultType=Multiple) that match
 * the selector. Older duplicates (Invisible) are left out; streams only the Aliyun player can
 * play get a row with the reason instead of an address; no matching stream at all is one row
 * with `NoStream`.
 */
export function renditionRows(
  item: ExportItem,
  streams: readonly PlayInfo[],
  selector: RenditionSelector,
  issue: AddressIssue,
): ExportRow[] {
  const current = streams.filter(
    (stream) =>
      (stream.status === undefined || stream.status === 'Normal') &&
      sameCode(stream.definition, selector.definition) &&
      sameCode(stream.format, selector.format),
  )
  if (current.length === 0) {
    const wanted = [selector.definition, selector.format].filter(Boolean).join(' ')
    return [failedRow(item, 'rendition', new AppError('NoStream', wanted || undefined), selector)]
  }
  const names = current.map((stream) => renditionName(item, stream, false))
  return current.map((stream, position) => {
    const format = stream.format ?? extensionOfUrl(stream.playUrl)
    const described = { definition: stream.definition, format }
    const encryption = encryptionOf(stream)
    if (encryption === 'proprietary' || encryption === 'license') {
      const detail = [stream.definition, format].filter(Boolean).join(' ')
      return failedRow(item, 'rendition', new AppError('ProprietaryEncryption', detail), described)
    }
    const name = names[position] as string
    const shared = names.filter((other) => other === name).length > 1
    return withAddress(baseRow(item, 'rendition', described), stream.playUrl, issue, {
      size: stream.size,
      fileName: shared ? renditionName(item, stream, true) : name,
    })
  })
}

/** `<title>.<definition>[.audio][.<job>].<format>`, the name `vod get` would use. */
function renditionName(item: ExportItem, stream: PlayInfo, withJob: boolean): string {
  const audioOfVideo = item.mediaType === 'video' && stream.streamType === 'audio'
  return composeFileName(
    titleOf(item),
    [
      stream.definition,
      audioOfVideo ? 'audio' : undefined,
      withJob ? stream.jobId?.slice(0, 8) : undefined,
    ],
    stream.format ?? extensionOfUrl(stream.playUrl),
  )
}

/** One row per snapshot, sprite or WebVTT file of one ListSnapshots type. */
export function snapshotRows(
  item: ExportItem,
  kind: VodFileKind,
  list: SnapshotList,
  issue: AddressIssue,
): ExportRow[] {
  const fallbackExtension = kind === 'webvtt' ? 'vtt' : 'jpg'
  return list.snapshots.map((snapshot) =>
    withAddress(baseRow(item, kind, { index: snapshot.index }), snapshot.url, issue, {
      fileName: composeFileName(
        titleOf(item),
        [`${kind}-${snapshot.index}`],
        extensionOfUrl(snapshot.url) ?? fallbackExtension,
      ),
    }),
  )
}

/**
 * Rows for an image from GetImageInfos: the image address (CDN or OSS as asked) and, for
 * `image-original`, the stored original, which is always an OSS address.
 */
export function imageRows(
  item: ExportItem,
  image: ImageInfo,
  kinds: readonly VodFileKind[],
  issue: AddressIssue,
): ExportRow[] {
  const titled: ExportItem = { ...item, title: item.title ?? image.title }
  const original = image.mezzanine
  const rows: ExportRow[] = []
  for (const kind of kinds) {
    if (image.status !== undefined && image.status !== 'Normal') {
      rows.push(failedRow(titled, kind, new AppError('IllegalStatus', `image: ${image.status}`)))
      continue
    }
    const url = kind === 'image-original' ? original?.fileUrl : image.url
    if (!url) {
      rows.push(failedRow(titled, kind, new AppError('NotFound', `no ${kind} address`)))
      continue
    }
    const originalName = original?.originalFileName?.split(/[\\/]/).pop()
    const fileName =
      kind === 'image-original' && originalName
        ? sanitizeFileName(originalName, titleOf(titled))
        : composeFileName(
            titleOf(titled),
            kind === 'image-original' ? ['original'] : [],
            extensionOfUrl(url) ?? 'jpg',
          )
    rows.push(
      withAddress(baseRow(titled, kind), url, issue, { size: original?.fileSize, fileName }),
    )
  }
  return rows
}

/** A row saying why a file has no address. */
export function failedRow(
  item: ExportItem,
  kind: VodFileKind,
  error: AppError,
  described: RenditionSelector = {},
): ExportRow {
  return { ...baseRow(item, kind, described), error: toErrorData(error.code, error.detail) }
}

function baseRow(
  item: ExportItem,
  kind: VodFileKind,
  extra: { definition?: string | undefined; format?: string | undefined; index?: number } = {},
): ExportRow {
  const row: ExportRow = {
    mediaId: item.mediaId,
    mediaType: item.mediaType,
    title: item.title ?? '',
    kind,
  }
  if (extra.definition !== undefined) row.definition = extra.definition
  if (extra.format !== undefined) row.format = extra.format
  if (extra.index !== undefined) row.index = extra.index
  return row
}

function withAddress(
  row: ExportRow,
  url: string,
  issue: AddressIssue,
  extra: { size?: number | undefined; fileName?: string },
): ExportRow {
  const { expiresAt } = parseUrlExpiry(url, {
    issuedAt: issue.issuedAt,
    ...(issue.authTimeout === undefined ? {} : { requestedAuthTimeoutSeconds: issue.authTimeout }),
  })
  const result: ExportRow = { ...row, url }
  if (extra.size !== undefined) result.size = extra.size
  if (extra.fileName !== undefined) result.fileName = extra.fileName
  if (expiresAt !== undefined) result.expiresAt = expiresAt
  return result
}

/** Names fall back to the id for untitled items, as everywhere else in the app. */
function titleOf(item: ExportItem): string {
  return item.title?.trim() || item.mediaId
}

function sameCode(actual: string | undefined, wanted: string | undefined): boolean {
  return wanted === undefined || actual?.toLowerCase() === wanted.toLowerCase()
}
