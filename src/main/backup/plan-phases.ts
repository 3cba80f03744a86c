import type { ManifestFile, NewRunFile, RunItem } from '../database/backup-manifest-repository'
import type { ItemFacts } from './backup-layout'
import { decideFiles, decideKnownFiles, type FilePlanContext, type LocalState } from './file-plan'
import { decideItem, listedItemOf } from './item-plan'
import { existingItems, resolveItems } from './item-resolver'
import { listLibrary } from './library-listing'
import { checkLocalFile } from './local-files'
import type { ListedItem } from './plan-types'
import type { RunContext } from './run-context'

/**
 * The planning phases of a run: listing (and comparing each page with the manifest), listing
 * the files of the items that changed, and finding the items that are gone. Each commits its
 * progress as it goes, so a killed run continues where it stopped.
 */

interface ListingCursor {
  /** Index into the request's media types. */
  type: number
  from: string | null
}

function factsOf(item: ListedItem): ItemFacts {
  return {
    mediaId: item.mediaId,
    mediaType: item.mediaType,
    title: item.title,
    categoryName: item.categoryName,
    creationTime: item.creationTime,
  }
}

function planContext(
  context: RunContext,
  item: ListedItem,
  local: ReadonlyMap<string, LocalState>,
  unlistedKinds: FilePlanContext['unlistedKinds'] = new Set(),
): FilePlanContext {
  return {
    template: context.request.template,
    item: factsOf(item),
    kinds: context.selection.kinds,
    unlistedKinds,
    local,
    deleteGone: context.request.deleteGone,
  }
}

/** Checks local files (a stat; with `verify` their checksums too), a few at a time. */
async function checkFiles(
  context: RunContext,
  files: readonly ManifestFile[],
  verify: boolean,
): Promise<Map<string, Map<string, LocalState>>> {
  const states = new Map<string, Map<string, LocalState>>()
  const width = verify ? 2 : 32
  for (let start = 0; start < files.length; start += width) {
    const slice = files.slice(start, start + width)
    const results = await Promise.all(
      slice.map((file) => checkLocalFile(context.folder, file, verify)),
    )
    slice.forEach((file, index) => {
      const byItem = states.get(file.mediaId) ?? new Map<string, LocalState>()
      byItem.set(file.selector, results[index] as LocalState)
      states.set(file.mediaId, byItem)
    })
  }
  return states
}

/**
 * Lists the library a page at a time. Each page is compared with the manifest at once: items
 * whose listing did not change are checked on disk (a stat per file) and need nothing more;
 * renamed ones get their moves planned; new and modified ones wait for their files to be listed.
 */
export async function listingPhase(context: RunContext): Promise<void> {
  const { manifest, request, run } = context
  const cursor: ListingCursor = run.cursor
    ? (JSON.parse(run.cursor) as ListingCursor)
    : { type: 0, from: null }
  for (let type = cursor.type; type < request.mediaTypes.length; type += 1) {
    const mediaType = request.mediaTypes[type]!
    const pages = listLibrary(
      context.client,
      {
        mediaType,
        scope: request.scope,
        since: request.since,
        from: type === cursor.type ? cursor.from : null,
        ...(context.categoryIds === null ? {} : { categoryIds: context.categoryIds }),
      },
      context.signal ? { signal: context.signal } : {},
    )
    for await (const page of pages) {
      const listed = page.items.map((item) => listedItemOf(item, mediaType))
      const known = manifest.itemsByIds(listed.map((item) => item.mediaId))
      const decided = listed.map((item) => ({
        item,
        decision: decideItem(item, known.get(item.mediaId), {
          selection: context.selectionWord,
          templateChanged: context.templateChanged,
        }),
      }))
      const settled = decided.filter(
        (entry) => entry.decision === 'unchanged' || entry.decision === 'renamed',
      )
      const knownFiles = manifest.filesOfItems(settled.map((entry) => entry.item.mediaId))
      // `--verify` reads every byte later, in its own resumable pass; here a stat is enough.
      const states = await checkFiles(context, [...knownFiles.values()].flat(), false)
      const entries: Array<{ item: RunItem; resolved: boolean }> = []
      const rows: NewRunFile[] = []
      for (const { item, decision } of decided) {
        const settledHere = decision === 'unchanged' || decision === 'renamed'
        if (settledHere) {
          rows.push(
            ...decideKnownFiles(
              knownFiles.get(item.mediaId) ?? [],
              planContext(context, item, states.get(item.mediaId) ?? new Map()),
            ),
          )
        }
        entries.push({
          item: {
            mediaId: item.mediaId,
            mediaType,
            decision,
            listed: decision === 'unchanged' ? null : item,
          },
          resolved: settledHere && !(decision === 'unchanged' && request.verify),
        })
      }
      const next: ListingCursor = { type, from: page.resumeFrom }
      manifest.recordListedPage(run.id, entries, rows, JSON.stringify(next), context.now())
      context.progress.listed += listed.length
      context.onProgress(context.progress)
    }
    const next: ListingCursor = { type: type + 1, from: null }
    manifest.updateRun(run.id, { cursor: JSON.stringify(next), now: context.now() })
  }
}

/**
 * Lists the files of new and modified items (only the calls their selected kinds need) and
 * plans each file; with `--verify`, reads the local files of unchanged items to check them.
 */
export async function resolvingPhase(context: RunContext): Promise<void> {
  const { manifest, run } = context
  let afterId = ''
  for (;;) {
    const pending = manifest.pendingRunItems(run.id, afterId, context.batchSize)
    if (pending.length === 0) return
    afterId = pending.at(-1)!.mediaId
    const toList = pending.filter(
      (entry) => entry.decision === 'new' || entry.decision === 'modified',
    )
    const resolved = await resolveItems(context.client, toList, {
      outputType: context.request.outputType,
      selection: context.selection,
      concurrency: context.concurrency,
      ...(context.signal ? { signal: context.signal } : {}),
    })
    const knownFiles = manifest.filesOfItems(pending.map((entry) => entry.mediaId))
    const verifyAll = context.request.verify
    const states = await checkFiles(context, [...knownFiles.values()].flat(), verifyAll)
    const byId = new Map(resolved.map((entry) => [entry.mediaId, entry]))
    const results: Array<{ mediaId: string; files: NewRunFile[]; item?: RunItem }> = []
    for (const entry of pending) {
      const local = states.get(entry.mediaId) ?? new Map<string, LocalState>()
      const files = knownFiles.get(entry.mediaId) ?? []
      const outcome = byId.get(entry.mediaId)
      if (!outcome || !entry.listed) {
        // An unchanged item read again for `--verify`: repairs only.
        const listed = manifest.item(entry.mediaId)
        if (!listed) {
          results.push({ mediaId: entry.mediaId, files: [] })
          continue
        }
        const facts: ItemFacts = {
          mediaId: listed.mediaId,
          mediaType: listed.mediaType,
          title: listed.title,
          categoryName: listed.categoryName,
          creationTime: listed.creationTime,
        }
        results.push({
          mediaId: entry.mediaId,
          files: decideKnownFiles(files, {
            template: context.request.template,
            item: facts,
            kinds: context.selection.kinds,
            unlistedKinds: new Set(),
            local,
            deleteGone: context.request.deleteGone,
          }),
        })
        for (const file of files) {
          if (local.get(file.selector) === 'ok' && verifyAll) {
            manifest.fileVerified(file.mediaId, file.selector, context.now())
          }
        }
        continue
      }
      const listed: ListedItem = { ...entry.listed }
      let planned: NewRunFile[] = []
      if (outcome.outcome === 'listed') {
        listed.facts = outcome.facts
        planned = decideFiles(
          outcome.files,
          files,
          planContext(context, listed, local, outcome.unlistedKinds),
        )
      } else if (outcome.outcome === 'missing') {
        listed.vanished = true
      } else {
        listed.failure = { code: outcome.error.code, message: outcome.error.message }
      }
      results.push({ mediaId: entry.mediaId, files: planned, item: { ...entry, listed } })
    }
    manifest.recordResolved(run.id, results)
    context.progress.resolved += pending.length
    context.onProgress(context.progress)
  }
}

/**
 * Local items of this backup's selection that the listing did not return: deleted in VOD
 * (their files are reported, and with `--delete` go to the trash) or still there but out of the
 * selection now (left alone). Costs one call per 20 such items; none when nothing is missing.
 */
export async function deletionsPhase(context: RunContext): Promise<void> {
  const { manifest, request, run } = context
  const scope = {
    mediaTypes: request.mediaTypes,
    ...(context.categoryIds === null ? {} : { categoryIds: context.categoryIds }),
    ...(request.since === null ? {} : { createdFrom: request.since }),
  }
  let afterId = ''
  for (;;) {
    const candidates = manifest.unlistedItems(run.id, scope, afterId, 20)
    if (candidates.length === 0) return
    afterId = candidates.at(-1)!.mediaId
    const existing = await existingItems(
      context.client,
      candidates,
      context.signal ? { signal: context.signal } : {},
    )
    const entries = candidates.map((candidate) => {
      const gone = !existing.has(candidate.mediaId)
      const files: NewRunFile[] = gone
        ? manifest
            .filesOfItem(candidate.mediaId)
            .filter((file) => context.selection.kinds.includes(file.kind))
            .map((file) => ({
              mediaId: file.mediaId,
              selector: file.selector,
              kind: file.kind,
              reference: file.reference,
              size: file.size,
              md5: file.md5,
              crc64: file.crc64,
              version: file.version,
              addressType: file.addressType,
              localPath: file.localPath,
              previousPath: null,
              reason: null,
              decision: 'deleted' as const,
              action: request.deleteGone ? ('trash' as const) : ('keep' as const),
            }))
        : []
      return {
        item: {
          mediaId: candidate.mediaId,
          mediaType: candidate.mediaType,
          decision: gone ? ('deleted' as const) : ('left' as const),
          listed: null,
        },
        files,
      }
    })
    manifest.recordUnlisted(run.id, entries, run.dryRun ? null : context.now())
  }
}
