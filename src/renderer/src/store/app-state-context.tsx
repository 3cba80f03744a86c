import { createContext, useContext, useMemo, type ReactNode } from 'react'
import type { AccountInfo, AppInfo } from '../../../shared/contract'
import type { Settings } from '../../../shared/settings'
import type { AppState } from './use-app-state-loader'

interface AppStateContextValue {
  state: AppState
  setSettings: (settings: Settings) => void
  setAccount: (account: AccountInfo) => void
}

const AppStateContext = createContext<AppStateContextValue | null>(null)

/** Provides the loaded app state to containers. */
export function AppStateProvider(props: {
  state: AppState
  setSettings: (settings: Settings) => void
  setAccount: (account: AccountInfo) => void
  children: ReactNode
}): ReactNode {
  const { state, setSettings, setAccount } = props
  const value = useMemo(
    () => ({ state, setSettings, setAccount }),
    [state, setSettings, setAccount],
  )
  return <AppStateContext value={value}>{props.children}</AppStateContext>
}

function useAppStateContext(): AppStateContextValue {
  const value = useContext(AppStateContext)
  if (!value) throw new Error('app state used outside <AppStateProvider>')
  return value
}

export function useAppInfo(): AppInfo {
  return useAppStateContext().state.info
}

/** Current settings and a setter for answers of `settings.update`. */
export function useSettings(): [Settings, (settings: Settings) => void] {
  const { state, setSettings } = useAppStateContext()
  return [state.settings, setSettings]
}

/** Increases with every account change, including a new secret for the same AccessKey ID. */
export function useAccountRevision(): number {
  return useAppStateContext().state.accountRevision
}

/** Current account facts (never secrets) and a setter for answers of account requests. */
export function useAccount(): [AccountInfo, (account: AccountInfo) => void] {
  const { state, setAccount } = useAppStateContext()
  return [state.account, setAccount]
}
