import { useCallback, type ReactNode } from 'react'
import type { EnqueueResult } from '../../../../shared/contract'
import type { NameConflictChoice } from '../../../../shared/settings'
import { errorDataOf } from '../../api/api-client'
import { useI18n } from '../../i18n/i18n-context'
import { useNotify } from '../../notices/notices-context'
import { useJobsStore } from '../../store/jobs-store-context'
import { describeEnqueueResult } from './enqueue-summary'
import { useNameConflictQuestion } from './use-name-conflict-question'

/** Sends one queueing request; called again with the user's choice when names are taken. */
export type QueueRequest<Result extends EnqueueResult> = (
  conflicts: NameConflictChoice | undefined,
) => Promise<Result>

/**
 * Queues downloads the way every screen should: when names are taken and nobody chose yet, it
 * asks once for the whole request (remembering the choice in Settings when asked to), then
 * tells what happened file by file. Answers the result, or null when the user backed out.
 */
export function useQueueDownloads(onShowDownloads: () => void): {
  queue: <Result extends EnqueueResult>(send: QueueRequest<Result>) => Promise<Result | null>
  dialog: ReactNode
} {
  const store = useJobsStore()
  const notify = useNotify()
  const i18n = useI18n()
  const { ask, dialog } = useNameConflictQuestion()

  const queue = useCallback(
    async <Result extends EnqueueResult>(send: QueueRequest<Result>): Promise<Result | null> => {
      try {
        let result = await send(undefined)
        if (result.conflicts) {
          const choice = await ask(result.conflicts)
          if (choice === null) return null
          result = await send(choice)
        }
        store.applyChangedInSlices(result.jobs)
        notify({
          tone: result.added > 0 ? 'success' : 'info',
          text: describeEnqueueResult(i18n, result),
          action: { label: i18n.t('nav.downloads'), onClick: onShowDownloads },
        })
        return result
      } catch (error) {
        notify({ tone: 'error', text: i18n.errorMessage(errorDataOf(error)) })
        return null
      }
    },
    [store, notify, i18n, ask, onShowDownloads],
  )

  return { queue, dialog }
}
