import { useCallback, useState, type ReactNode } from 'react'
import type { EnqueueResult, NameConflicts } from '../../../../shared/contract'
import type { NameConflictChoice } from '../../../../shared/settings'
import { errorDataOf } from '../../api/api-client'
import { useApi } from '../../api/api-context'
import { NameConflictDialog } from '../../components/NameConflictDialog'
import { useI18n } from '../../i18n/i18n-context'
import { useNotify } from '../../notices/notices-context'
import { useSettings } from '../../store/app-state-context'
import { useJobsStore } from '../../store/jobs-store-context'
import { describeEnqueueResult } from './enqueue-summary'

/** Sends one queueing request; called again with the user's choice when names are taken. */
export type QueueRequest<Result extends EnqueueResult> = (
  conflicts: NameConflictChoice | undefined,
) => Promise<Result>

interface Pending {
  conflicts: NameConflicts
  resume: (choice: NameConflictChoice | null, remember: boolean) => void
}

/**
 * Queues downloads the way every screen should: when names are taken and nobody chose yet, it
 * asks once for the whole request (remembering the choice in Settings when asked to), then
 * tells what happened file by file. Answers the result, or null when the user backed out.
 */
export function useQueueDownloads(onShowDownloads: () => void): {
  queue: <Result extends EnqueueResult>(send: QueueRequest<Result>) => Promise<Result | null>
  dialog: ReactNode
} {
  const client = useApi()
  const store = useJobsStore()
  const notify = useNotify()
  const i18n = useI18n()
  const [, setSettings] = useSettings()
  const [pending, setPending] = useState<Pending | null>(null)

  const queue = useCallback(
    async <Result extends EnqueueResult>(send: QueueRequest<Result>): Promise<Result | null> => {
      try {
        let result = await send(undefined)
        if (result.conflicts) {
          const conflicts = result.conflicts
          const answer = await new Promise<{
            choice: NameConflictChoice | null
            remember: boolean
          }>((resolve) =>
            setPending({ conflicts, resume: (choice, remember) => resolve({ choice, remember }) }),
          )
          setPending(null)
          if (answer.choice === null) return null
          if (answer.remember) {
            setSettings(await client.request('settings.update', { nameConflicts: answer.choice }))
          }
          result = await send(answer.choice)
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
    [client, store, notify, i18n, setSettings, onShowDownloads],
  )

  const dialog = pending && (
    <NameConflictDialog
      conflicts={pending.conflicts}
      onChoose={(choice, remember) => pending.resume(choice, remember)}
      onCancel={() => pending.resume(null, false)}
    />
  )
  return { queue, dialog }
}
