import { useMemo, useState, type ReactNode } from 'react'
import { createApiClient } from './api/api-client'
import { ApiProvider } from './api/api-context'
import type { ApiTransport } from './api/transport'
import { AppShell, type Route } from './AppShell'
import { ErrorNotice } from './components/ErrorNotice'
import { StatusMessage } from './components/StatusMessage'
import { createClock, type Clock } from './hooks/clock'
import { ClockProvider } from './hooks/clock-context'
import { I18nProvider, useI18n } from './i18n/i18n-context'
import { navigatorLanguages, resolveLanguage } from './i18n/resolve-language'
import { NoticesProvider } from './notices/notices-context'
import { AppStateProvider } from './store/app-state-context'
import { JobsStore } from './store/jobs-store'
import { JobsStoreProvider } from './store/jobs-store-context'
import { useAppStateLoader } from './store/use-app-state-loader'
import { useJobsSync } from './store/use-jobs-sync'
import { useAppliedTheme } from './theme/use-applied-theme'

export interface AppProps {
  transport: ApiTransport
  /** Injectable for tests that drive the retry countdown. */
  clock?: Clock
  initialRoute?: Route
}

/** The renderer's composition root: transport → client → stores → screens. */
export function App(props: AppProps): ReactNode {
  const client = useMemo(() => createApiClient(props.transport), [props.transport])
  return (
    <ApiProvider client={client} transport={props.transport}>
      <LoadedApp clock={props.clock} initialRoute={props.initialRoute} />
    </ApiProvider>
  )
}

function LoadingState(props: {
  error: ReturnType<typeof useAppStateLoader>['error']
  onRetry: () => void
}): ReactNode {
  const { t } = useI18n()
  return (
    <main className="app app--centered" data-testid="app-loading">
      {props.error ? (
        <ErrorNotice error={props.error} onRetry={props.onRetry} testId="app-error" />
      ) : (
        <StatusMessage kind="loading" title={t('app.loading')} />
      )}
    </main>
  )
}

function LoadedApp(props: { clock?: Clock; initialRoute?: Route }): ReactNode {
  const loader = useAppStateLoader()
  const [store] = useState(() => new JobsStore())
  const [defaultClock] = useState(() => createClock())
  const sync = useJobsSync(store)
  const settings = loader.state?.settings
  useAppliedTheme(settings?.theme ?? 'system')
  const language = resolveLanguage(settings?.language ?? 'system', navigatorLanguages())

  if (!loader.state) {
    return (
      <I18nProvider language={language}>
        <LoadingState error={loader.error} onRetry={loader.retry} />
      </I18nProvider>
    )
  }
  return (
    <I18nProvider language={language}>
      <AppStateProvider
        state={loader.state}
        setSettings={loader.setSettings}
        setAccount={loader.setAccount}
      >
        <ClockProvider clock={props.clock ?? defaultClock}>
          <JobsStoreProvider store={store}>
            <NoticesProvider>
              <AppShell
                syncError={sync.error}
                onReloadJobs={sync.reload}
                initialRoute={props.initialRoute}
              />
            </NoticesProvider>
          </JobsStoreProvider>
        </ClockProvider>
      </AppStateProvider>
    </I18nProvider>
  )
}
