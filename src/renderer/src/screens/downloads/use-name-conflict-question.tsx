import { useCallback, useState, type ReactNode } from 'react'
import type { NameConflicts } from '../../../../shared/contract'
import type { NameConflictChoice } from '../../../../shared/settings'
import { useApi } from '../../api/api-context'
import { NameConflictDialog } from '../../components/NameConflictDialog'
import { useSettings } from '../../store/app-state-context'

interface Pending {
  conflicts: NameConflicts
  resume: (choice: NameConflictChoice | null, remember: boolean) => void
}

/**
 * The one question every request that adds downloads asks when names are taken (queueing from
 * the Library, Details or Batch, importing a list): shows the conflicts once, remembers the
 * choice in Settings when asked to, and answers the choice, or null when the user backed out.
 * Render `dialog` where the question should appear.
 */
export function useNameConflictQuestion(): {
  ask: (conflicts: NameConflicts) => Promise<NameConflictChoice | null>
  dialog: ReactNode
} {
  const client = useApi()
  const [, setSettings] = useSettings()
  const [pending, setPending] = useState<Pending | null>(null)

  const ask = useCallback(
    async (conflicts: NameConflicts): Promise<NameConflictChoice | null> => {
      const answer = await new Promise<{ choice: NameConflictChoice | null; remember: boolean }>(
        (resolve) =>
          setPending({ conflicts, resume: (choice, remember) => resolve({ choice, remember }) }),
      )
      setPending(null)
      if (answer.choice !== null && answer.remember) {
        setSettings(await client.request('settings.update', { nameConflicts: answer.choice }))
      }
      return answer.choice
    },
    [client, setSettings],
  )

  const dialog = pending && (
    <NameConflictDialog
      conflicts={pending.conflicts}
      onChoose={(choice, remember) => pending.resume(choice, remember)}
      onCancel={() => pending.resume(null, false)}
    />
  )
  return { ask, dialog }
}
