import type { ErrorCode } from '../../shared/errors'
import type { VodFileKind } from '../../shared/vod'
import type { DownloadableFile } from '../vod/downloadable-files'

export interface Selection {
  selected: DownloadableFile[]
  /** Files that match the request but cannot be downloaded as plain files, with the reason. */
  refused: Array<{ file: DownloadableFile; reason: ErrorCode }>
}

/**
 * Picks the files a `vod get`, or an import line that lists an item's files, asked for.
 * Renditions: the current (Normal) streams, narrowed by definition and format; the main cover
 * rather than the cover candidates unless everything was asked for.
 */
export function selectFiles(
  files: readonly DownloadableFile[],
  request: {
    kinds: readonly VodFileKind[]
    definition?: string
    format?: string
    everything: boolean
  },
): Selection {
  const definition = request.definition?.toUpperCase()
  const format = request.format?.toLowerCase()
  const matching = files.filter((file) => {
    if (!request.kinds.includes(file.kind)) return false
    if (file.kind === 'rendition') {
      if (file.status === 'Invisible' && !request.everything) return false
      if (definition && file.definition?.toUpperCase() !== definition) return false
      if (format && file.format?.toLowerCase() !== format) return false
    }
    if (file.kind === 'cover' && file.reference.index !== undefined && !request.everything)
      return false
    return true
  })
  return {
    selected: matching.filter((file) => file.downloadable),
    refused: matching
      .filter((file) => !file.downloadable)
      .map((file) => ({ file, reason: file.reason ?? 'Unsupported' })),
  }
}
