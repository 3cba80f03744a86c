import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { pickTransport } from './api/pick-transport'
import { App } from './App'
import { I18nProvider } from './i18n/i18n-context'
import { navigatorLanguages, resolveLanguage } from './i18n/resolve-language'
import { NotConnectedScreen } from './NotConnectedScreen'
import './styles/app.css'

const rootElement = document.getElementById('root')
if (rootElement) {
  const picked = pickTransport()
  createRoot(rootElement).render(
    <StrictMode>
      {picked.ok ? (
        <App transport={picked.transport} />
      ) : (
        <I18nProvider language={resolveLanguage('system', navigatorLanguages())}>
          <NotConnectedScreen />
        </I18nProvider>
      )}
    </StrictMode>,
  )
}
