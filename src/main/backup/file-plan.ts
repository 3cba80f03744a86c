import type { VodFileKind } from '../../shared/vod'
import type { ManifestFile, NewRunFile } from '../database/backup-manifest-repository'
import { backupPath, type ItemFacts } from './backup-layout'
import { needsRestore } from './item-files'
import type { FileIdentity, ListedFile } from './plan-types'

/**
 * What to do with each file of an item whose files were listed again (pure): compares the files
 * VOD lists now with the ones the local copy holds, by identity and by place.
 */

/** How a local file looked when checked (see local-files.ts). */
export type LocalState = 'ok' | 'missing' | 'wrong'

export interface FilePlanContext {
  template: string
  /** The item as it is now (its title and category give the paths). */
  item: ItemFacts
  /** Kinds this backup selects; local files of other kinds are not its business. */
  kinds: readonly VodFileKind[]
  /** Kinds whose part could not be listed now (transcoding, …): their local files stay as they are. */
  unlistedKinds: ReadonlySet<VodFileKind>
  /** The state of each local file, by selector (files the run did not check count as `ok`). */
  local: ReadonlyMap<string, LocalState>
  /** `--delete`: files gone from VOD go to the trash instead of staying. */
  deleteGone: boolean
}

/** Whether two identities differ in a field both know. */
export function identityChanged(known: FileIdentity, listed: FileIdentity): boolean {
  const differs = <T>(left: T | null, right: T | null): boolean =>
    left !== null && right !== null && left !== right
  return (
    differs(known.size, listed.size) ||
    differs(known.md5, listed.md5) ||
    differs(known.crc64, listed.crc64) ||
    differs(known.version, listed.version)
  )
}

/**
 * Where a file sits once downloaded: an HLS rendition (`….m3u8` requested) becomes the MP4 or
 * the folder the engine made of it, which the manifest records as the file's path.
 */
export function onDiskPath(plannedPath: string, format: string | null, knownPath: string | null) {
  if (format?.toLowerCase() !== 'm3u8') return plannedPath
  const stem = plannedPath.replace(/\.m3u8$/i, '')
  return knownPath !== null && !knownPath.toLowerCase().endsWith('.mp4') ? stem : `${stem}.mp4`
}

function plannedPathOf(context: FilePlanContext, file: ListedFile): string {
  return backupPath(context.template, context.item, {
    slot: file.selector,
    ext: file.ext,
    definition: file.definition ?? undefined,
    format: file.format ?? undefined,
  })
}

function rowOf(file: ListedFile, mediaId: string): Omit<NewRunFile, 'decision' | 'action'> {
  return {
    mediaId,
    selector: file.selector,
    kind: file.kind,
    reference: file.reference,
    size: file.size,
    md5: file.md5,
    crc64: file.crc64,
    version: file.version,
    addressType: file.addressType,
    localPath: null,
    previousPath: null,
    reason: file.reason,
  }
}

/**
 * One plan row per file:
 * - listed and not local: `new` (download), or `needs-restore` / `unavailable` (skip);
 * - listed and local with another identity: `changed` (download; the old version is replaced);
 * - listed and local, same identity: `unchanged` — kept, moved when its path changed, or
 *   downloaded again (`repair`) when the local copy is missing or wrong;
 * - local, not listed, its part listed: `deleted` (trash with `--delete`, else kept).
 */
export function decideFiles(
  listed: readonly ListedFile[],
  known: readonly ManifestFile[],
  context: FilePlanContext,
): NewRunFile[] {
  const mediaId = context.item.mediaId
  const knownBySelector = new Map(known.map((file) => [file.selector, file]))
  const rows: NewRunFile[] = []
  for (const file of listed) {
    const local = knownBySelector.get(file.selector)
    const planned = plannedPathOf(context, file)
    const row = rowOf(file, mediaId)
    if (!local) {
      if (!file.downloadable) {
        rows.push({
          ...row,
          decision: needsRestore(file.reason) ? 'needs-restore' : 'unavailable',
          action: 'skip',
          localPath: planned,
        })
      } else {
        rows.push({ ...row, decision: 'new', action: 'download', localPath: planned })
      }
      continue
    }
    const target = onDiskPath(planned, file.format, local.localPath)
    if (identityChanged(local, file)) {
      rows.push(
        file.downloadable
          ? {
              ...row,
              decision: 'changed',
              action: 'download',
              localPath: planned,
              previousPath: local.localPath,
            }
          : {
              // The old version stays until the new one can be fetched.
              ...row,
              decision: needsRestore(file.reason) ? 'needs-restore' : 'unavailable',
              action: 'skip',
              localPath: local.localPath,
            },
      )
      continue
    }
    const state = context.local.get(file.selector) ?? 'ok'
    if (state !== 'ok' && file.downloadable) {
      rows.push({
        ...row,
        decision: 'repair',
        action: 'download',
        localPath: planned,
        previousPath: state === 'wrong' ? local.localPath : null,
      })
      continue
    }
    rows.push({
      ...row,
      // What the local copy knows is kept where VOD no longer says (a rendition's size, say).
      size: file.size ?? local.size,
      md5: file.md5 ?? local.md5,
      crc64: file.crc64 ?? local.crc64,
      decision: 'unchanged',
      action: target === local.localPath ? 'keep' : 'move',
      localPath: target,
      previousPath: target === local.localPath ? null : local.localPath,
    })
  }
  const listedSelectors = new Set(listed.map((file) => file.selector))
  for (const local of known) {
    if (listedSelectors.has(local.selector)) continue
    if (!context.kinds.includes(local.kind) || context.unlistedKinds.has(local.kind)) continue
    rows.push({
      mediaId,
      selector: local.selector,
      kind: local.kind,
      reference: local.reference,
      size: local.size,
      md5: local.md5,
      crc64: local.crc64,
      version: local.version,
      addressType: local.addressType,
      localPath: local.localPath,
      previousPath: null,
      reason: null,
      decision: 'deleted',
      action: context.deleteGone ? 'trash' : 'keep',
    })
  }
  return rows
}

/**
 * The plan of an item whose listing did not change (`renamed` or `unchanged`): no API call.
 * Files move when the title, category or template gives them another path; files whose local
 * copy is missing or wrong are downloaded again from their stored reference.
 */
export function decideKnownFiles(
  known: readonly ManifestFile[],
  context: FilePlanContext,
): NewRunFile[] {
  const rows: NewRunFile[] = []
  for (const local of known) {
    if (!context.kinds.includes(local.kind)) continue
    const slot = local.selector
    const ext =
      local.reference.kind === 'rendition'
        ? (local.reference.format ?? '')
        : extensionOfPath(local.localPath)
    const planned = backupPath(context.template, context.item, {
      slot,
      ext,
      definition: local.reference.definition,
      format: local.reference.format,
    })
    const target = onDiskPath(planned, local.reference.format ?? null, local.localPath)
    const state = context.local.get(local.selector) ?? 'ok'
    const base: Omit<NewRunFile, 'decision' | 'action' | 'localPath' | 'previousPath'> = {
      mediaId: local.mediaId,
      selector: local.selector,
      kind: local.kind,
      reference: local.reference,
      size: local.size,
      md5: local.md5,
      crc64: local.crc64,
      version: local.version,
      addressType: local.addressType,
      reason: null,
    }
    if (state !== 'ok') {
      rows.push({
        ...base,
        decision: 'repair',
        action: 'download',
        localPath: planned,
        previousPath: state === 'wrong' ? local.localPath : null,
      })
    } else if (target !== local.localPath) {
      rows.push({
        ...base,
        decision: 'unchanged',
        action: 'move',
        localPath: target,
        previousPath: local.localPath,
      })
    }
  }
  return rows
}

function extensionOfPath(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1)
  return /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? ''
}
