import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { ErrorData } from '../../../../shared/errors'
import type { Settings, SettingsPatch } from '../../../../shared/settings'
import { errorDataOf } from '../../api/api-client'
import { useApi } from '../../api/api-context'
import { useSettings } from '../../store/app-state-context'
import { editsAfterSave, pendingPatch, unsavableFields } from './settings-autosave'
import { validateSettings, type SettingsProblems } from './settings-validation'

/** Typing pauses this long before a value is sent (so "10" is not saved as "1" first). */
export const autosaveDelayMs = 600

export type AutosaveStatus =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; error: ErrorData }

export interface SettingsAutosave {
  /** The saved settings with the user's edits on top. */
  values: Settings
  problems: SettingsProblems
  status: AutosaveStatus
  /** Fields saved since the screen opened, for their "applied" mark (until edited again). */
  applied: ReadonlySet<keyof Settings>
  change: (patch: SettingsPatch) => void
  /** Sends what is valid now instead of after the pause (a field was left, Enter was pressed). */
  commit: () => void
}

/**
 * Keeps the Settings edits and sends each valid change on its own: after a pause in typing, at
 * once when a field is left, and when the screen closes. `onLeaveUnsaved` hears of edits that
 * could not be sent (still invalid) when the screen closes, so nothing is lost silently.
 */
export function useSettingsAutosave(
  onLeaveUnsaved: (fields: (keyof Settings)[]) => void,
): SettingsAutosave {
  const client = useApi()
  const [settings, setSettings] = useSettings()
  const [edits, setEdits] = useState<SettingsPatch>({})
  const [status, setStatus] = useState<AutosaveStatus>({ kind: 'idle' })
  const [applied, setApplied] = useState<ReadonlySet<keyof Settings>>(new Set())
  // Counts answered saves: changes made while a request was out are sent after it.
  const [saves, setSaves] = useState(0)
  const values: Settings = { ...settings, ...edits }
  const problems = validateSettings(values)
  const pending = pendingPatch(settings, edits, problems)
  const pendingKey = JSON.stringify(pending)

  // The latest of everything, for the timer, the unmount and the request's answer.
  const latest = useRef({ settings, edits, problems, pending, onLeaveUnsaved })
  useLayoutEffect(() => {
    latest.current = { settings, edits, problems, pending, onLeaveUnsaved }
  })
  const inFlight = useRef(false)
  const mounted = useRef(true)

  // A change made while a request is out is sent when it returns, even after the screen closed.
  const again = useRef(false)

  const send = useCallback(() => {
    function attempt(): void {
      if (inFlight.current) {
        again.current = true
        return
      }
      const patch = latest.current.pending
      if (Object.keys(patch).length === 0) return
      inFlight.current = true
      setStatus({ kind: 'saving' })
      client
        .request('settings.update', patch)
        .then((saved) => {
          setSettings(saved)
          // What is left to send, before React renders with the answer.
          const left = editsAfterSave(latest.current.edits, patch)
          latest.current = {
            ...latest.current,
            settings: saved,
            edits: left,
            pending: pendingPatch(saved, left, latest.current.problems),
          }
          if (!mounted.current) return
          setEdits((current) => editsAfterSave(current, patch))
          setApplied(
            (current) => new Set([...current, ...(Object.keys(patch) as (keyof Settings)[])]),
          )
          setStatus({ kind: 'saved' })
          setSaves((count) => count + 1)
        })
        .catch((error: unknown) => {
          if (mounted.current) setStatus({ kind: 'failed', error: errorDataOf(error) })
        })
        .finally(() => {
          inFlight.current = false
          if (again.current) {
            again.current = false
            attempt()
          }
        })
    }
    attempt()
  }, [client, setSettings])

  // A pause after the last change sends it; a newer change restarts the pause. A failed save is
  // not repeated by itself: the next change, or Retry, sends again.
  useEffect(() => {
    if (pendingKey === '{}') return
    const timer = setTimeout(send, autosaveDelayMs)
    return () => clearTimeout(timer)
  }, [pendingKey, send, saves])

  // Leaving the screen sends what is valid and reports what is not.
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      send()
      const {
        settings: saved,
        edits: left,
        problems: found,
        onLeaveUnsaved: report,
      } = latest.current
      const unsavable = unsavableFields(saved, left, found)
      if (unsavable.length > 0) report(unsavable)
    }
    // Only on unmount: `send` and the callback read the latest values through refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const change = useCallback((patch: SettingsPatch) => {
    setEdits((current) => ({ ...current, ...patch }))
    setApplied((current) => {
      const next = new Set(current)
      for (const key of Object.keys(patch) as (keyof Settings)[]) next.delete(key)
      return next
    })
  }, [])

  return { values, problems, status, applied, change, commit: send }
}
