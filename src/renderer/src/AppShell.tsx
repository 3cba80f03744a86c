import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import type { MediaType } from '../../shared/contract'
import type { ErrorData } from '../../shared/errors'
import { AppNavigation, type Section } from './AppNavigation'
import { ConnectionBanner } from './ConnectionBanner'
import { useFolderDrop } from './hooks/use-folder-drop'
import { useI18n } from './i18n/i18n-context'
import { NoticesRegion } from './notices/NoticesRegion'
import { BackupsScreen } from './screens/backups/BackupsScreen'
import { BatchScreen } from './screens/batch/BatchScreen'
import { DetailsScreen } from './screens/details/DetailsScreen'
import { DownloadsScreen } from './screens/downloads/DownloadsScreen'
import { LibraryScreen } from './screens/library/LibraryScreen'
import { SettingsScreen } from './screens/settings/SettingsScreen'

/** Where the window is. Details and Batch sit on top of the Library, which stays mounted. */
export type Route =
  | { screen: 'library' }
  | { screen: 'details'; mediaId: string; mediaType: MediaType }
  | { screen: 'batch'; mediaType: MediaType; mediaIds: readonly string[] }
  | { screen: 'downloads' }
  | { screen: 'backups' }
  | { screen: 'settings' }

function sectionOf(route: Route): Section {
  switch (route.screen) {
    case 'library':
    case 'details':
    case 'batch':
      return 'library'
    case 'downloads':
      return 'downloads'
    case 'backups':
      return 'backups'
    case 'settings':
      return 'settings'
  }
}

export interface AppShellProps {
  syncError: ErrorData | null
  onReloadJobs: () => void
  initialRoute?: Route
}

/** The window: navigation, the current screen, notices. */
export function AppShell(props: AppShellProps): ReactNode {
  const { t } = useI18n()
  const [route, setRoute] = useState<Route>(props.initialRoute ?? { screen: 'library' })
  const section = sectionOf(route)
  useFolderDrop()
  // What had focus in the Library when Details or Batch opened over it: focus goes back there
  // (the list, or the row's button) when the Library shows again, instead of to the page.
  const libraryFocus = useRef<HTMLElement | null>(null)
  const leaveLibrary = useCallback((next: Route) => {
    const active = document.activeElement
    libraryFocus.current =
      active instanceof HTMLElement && active.closest('[data-testid="library-screen"]')
        ? active
        : null
    setRoute(next)
  }, [])
  useEffect(() => {
    if (route.screen !== 'library') return
    const element = libraryFocus.current
    libraryFocus.current = null
    if (element?.isConnected) element.focus()
  }, [route])
  const openSettings = useCallback(() => setRoute({ screen: 'settings' }), [])
  const showDownloads = useCallback(() => setRoute({ screen: 'downloads' }), [])
  const backToLibrary = useCallback(() => setRoute({ screen: 'library' }), [])
  const openDetails = useCallback(
    (media: { mediaId: string; mediaType: MediaType }) =>
      leaveLibrary({ screen: 'details', ...media }),
    [leaveLibrary],
  )
  const openBatch = useCallback(
    (batch: { mediaType: MediaType; mediaIds: string[] }) =>
      leaveLibrary({ screen: 'batch', ...batch }),
    [leaveLibrary],
  )

  return (
    <div className="app" data-testid="app-shell">
      <a className="skip-link" href="#main-content">
        {t('nav.skipToContent')}
      </a>
      <header className="app-header">
        <span className="app-header__title">{t('app.title')}</span>
        <AppNavigation current={section} onNavigate={(next) => setRoute({ screen: next })} />
      </header>
      <ConnectionBanner />
      <main id="main-content" className="app-main" tabIndex={-1}>
        <div className="screen-slot" hidden={route.screen !== 'library'}>
          <LibraryScreen
            onOpenDetails={openDetails}
            onBatch={openBatch}
            onOpenSettings={openSettings}
          />
        </div>
        {route.screen === 'details' && (
          <DetailsScreen
            key={`${route.mediaType}:${route.mediaId}`}
            mediaId={route.mediaId}
            mediaType={route.mediaType}
            onBack={backToLibrary}
            onOpenSettings={openSettings}
            onShowDownloads={showDownloads}
          />
        )}
        {route.screen === 'batch' && (
          <BatchScreen
            mediaType={route.mediaType}
            mediaIds={route.mediaIds}
            onClose={backToLibrary}
            onOpenSettings={openSettings}
            onShowDownloads={showDownloads}
          />
        )}
        <div className="screen-slot" hidden={route.screen !== 'downloads'}>
          <DownloadsScreen
            syncError={props.syncError}
            onReload={props.onReloadJobs}
            onOpenSettings={openSettings}
          />
        </div>
        {route.screen === 'backups' && <BackupsScreen />}
        {route.screen === 'settings' && <SettingsScreen />}
      </main>
      <NoticesRegion />
    </div>
  )
}
