import { useCallback, useEffect, useState } from 'react'
import type { AccountInfo, AppInfo } from '../../../shared/contract'
import type { ErrorData } from '../../../shared/errors'
import type { Settings } from '../../../shared/settings'
import { errorDataOf } from '../api/api-client'
import { useApi, useTransport } from '../api/api-context'

/** What the whole window needs before it can show anything useful. */
export interface AppState {
  info: AppInfo
  settings: Settings
  account: AccountInfo
  /**
   * Counts account changes (a save, a removal, another window's save, what the credential chain
   * found). Saving a new secret for the same AccessKey ID changes nothing else the window can
   * see, yet it is what a screen showing a credentials error waits for.
   */
  accountRevision: number
}

export interface AppStateLoader {
  state: AppState | null
  error: ErrorData | null
  retry: () => void
  /** Takes an answer of `settings.update` without waiting for the event. */
  setSettings: (settings: Settings) => void
  setAccount: (account: AccountInfo) => void
}

function withAccount(current: AppState | null, account: AccountInfo): AppState | null {
  return current ? { ...current, account, accountRevision: current.accountRevision + 1 } : current
}

/**
 * Loads app info, settings and account, then follows `settings.changed` / `account.changed`
 * (another window or the tray may change them) and reloads after the event channel reopens.
 */
export function useAppStateLoader(): AppStateLoader {
  const client = useApi()
  const transport = useTransport()
  const [state, setState] = useState<AppState | null>(null)
  const [error, setError] = useState<ErrorData | null>(null)
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let disposed = false
    async function load(): Promise<void> {
      try {
        const [info, settings, account] = await Promise.all([
          client.request('app.info'),
          client.request('settings.get'),
          client.request('account.get'),
        ])
        if (disposed) return
        setState((current) => ({
          info,
          settings,
          account,
          accountRevision:
            (current?.accountRevision ?? 0) +
            (current && JSON.stringify(current.account) !== JSON.stringify(account) ? 1 : 0),
        }))
        setError(null)
      } catch (caught) {
        if (!disposed) setError(errorDataOf(caught))
      }
    }
    const unsubscribes = [
      client.subscribe('settings.changed', (settings) =>
        setState((current) => (current ? { ...current, settings } : current)),
      ),
      client.subscribe('account.changed', (account) =>
        setState((current) => withAccount(current, account)),
      ),
      transport.onStatus((status) => {
        if (status === 'open') void load()
      }),
    ]
    void load()
    return () => {
      disposed = true
      for (const unsubscribe of unsubscribes) unsubscribe()
    }
  }, [client, transport, attempt])

  const setSettings = useCallback((settings: Settings) => {
    setState((current) => (current ? { ...current, settings } : current))
  }, [])
  const setAccount = useCallback((account: AccountInfo) => {
    setState((current) => withAccount(current, account))
  }, [])
  const retry = useCallback(() => {
    setError(null)
    setAttempt((value) => value + 1)
  }, [])

  return { state, error, retry, setSettings, setAccount }
}
