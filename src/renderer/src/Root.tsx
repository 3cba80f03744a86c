import type { ReactNode } from 'react'
import type { PickedTransport } from './api/pick-transport'
import { usePickedTransport, type HashSource } from './api/use-picked-transport'
import { App } from './App'
import { I18nProvider } from './i18n/i18n-context'
import { navigatorLanguages, resolveLanguage } from './i18n/resolve-language'
import { NotConnectedScreen } from './NotConnectedScreen'

/** The page: the app over the transport it finds, or how to connect when there is none. */
export function Root(props: { pick?: () => PickedTransport; source?: HashSource }): ReactNode {
  const { picked, generation } = usePickedTransport(props.pick, props.source)
  if (picked.ok) return <App key={generation} transport={picked.transport} />
  return (
    <I18nProvider language={resolveLanguage('system', navigatorLanguages())}>
      <NotConnectedScreen />
    </I18nProvider>
  )
}
