import { posix } from 'node:path'
import type { ManifestFile, ManifestItem } from '../database/backup-manifest-repository'

/**
 * `{title}.vod.json` next to an item's files (pure): what VOD knew about the item, so the copy
 * is useful without the cloud — title, description, tags, category, times, duration,
 * resolution, status, storage class — and which file is which.
 */

export const sidecarFormat = 'vod-downloader/backup-item@1'

export function sidecarOf(item: ManifestItem, files: readonly ManifestFile[], sidecarPath: string) {
  const folder = posix.dirname(sidecarPath)
  const { description, tags, ...facts } = item.metadata
  return {
    format: sidecarFormat,
    mediaId: item.mediaId,
    mediaType: item.mediaType,
    title: item.title,
    description: description ?? null,
    tags: tags ?? [],
    category:
      item.categoryId === null && item.categoryName === null
        ? null
        : { id: item.categoryId, name: item.categoryName },
    creationTime: item.creationTime,
    modificationTime: item.modificationTime,
    duration: facts.duration ?? null,
    resolution: facts.resolution ?? null,
    width: facts.width ?? null,
    height: facts.height ?? null,
    status: item.status,
    storageClass: item.storageClass,
    ...(facts.sourceFileName ? { sourceFileName: facts.sourceFileName } : {}),
    ...(facts.originalFileName ? { originalFileName: facts.originalFileName } : {}),
    files: files.map((file) => ({
      kind: file.kind,
      name: file.selector,
      path: posix.relative(folder, file.localPath),
      size: file.size,
      ...(file.md5 ? { md5: file.md5 } : {}),
      ...(file.crc64 ? { crc64: file.crc64 } : {}),
      ...(file.reference.definition ? { definition: file.reference.definition } : {}),
      ...(file.reference.format ? { format: file.reference.format } : {}),
      ...(file.version ? { version: file.version } : {}),
      downloadedAt: new Date(file.downloadedAt).toISOString(),
    })),
    backedUpAt: new Date(item.syncedAt).toISOString(),
  }
}

/** The sidecar as written: pretty JSON with a final newline. */
export function sidecarText(
  item: ManifestItem,
  files: readonly ManifestFile[],
  path: string,
): string {
  return `${JSON.stringify(sidecarOf(item, files, path), null, 2)}\n`
}
