import { exceededMax, invalidParameter } from '../api/errors'
import { isColdArchiveClass } from '../archive-store'
import type { RestoreTier } from '../library-types'
import type { ActionHandler } from './context'

/**
 * RestoreMedia: `MediaIds` (at most 20), `RestoreDays` (default 1; at most 7 for Archive, 365
 * for Cold Archive), `RestoreTier` (Expedited, Standard or Bulk; default Standard; Cold Archive
 * only) and `Scope` (All or SourceFile). Per id the reply lists what it did not do: unknown ids
 * in `IgnoredList.MediaId`, ids that are not in archive storage in
 * `ForbiddenList.MediaForbiddenReasonDTO` with a `Reason`. A restore already running is left
 * alone; asking again for a restored item lengthens its readable time.
 */

const restoreTiers: readonly RestoreTier[] = ['Expedited', 'Standard', 'Bulk']
const maximumIds = 20

export const restoreMedia: ActionHandler = (params, context) => {
  params.requiredString('MediaIds')
  const ids = params.list('MediaIds') ?? []
  if (ids.length > maximumIds) throw exceededMax('MediaIds')
  const days = params.integer('RestoreDays', 1, { min: 1, max: 365 })
  const tier = params.choice('RestoreTier', restoreTiers, 'Standard')
  params.choice('Scope', ['All', 'SourceFile'], 'All')
  const found = ids.map((id) => ({ id, media: context.library.findMedia(id) }))
  // Archive keeps a restored copy for a week at most.
  for (const { media } of found) {
    if (media && days > 7 && !isColdArchiveClass(context.archive.storageClassOf(media))) {
      throw invalidParameter('RestoreDays', 'Archive media can be restored for 7 days at most.')
    }
  }
  const ignored: string[] = []
  const forbidden: Array<{ MediaId: string; Reason: string }> = []
  for (const { id, media } of found) {
    if (!media) {
      ignored.push(id)
      continue
    }
    const refusal = context.archive.restore(media, { days, tier })
    if (refusal) forbidden.push({ MediaId: id, Reason: refusal })
  }
  return {
    Success: true,
    IgnoredList: { MediaId: ignored },
    ForbiddenList: { MediaForbiddenReasonDTO: forbidden },
  }
}
