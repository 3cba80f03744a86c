import type { ReactNode } from 'react'
import { StatusMessage } from './components/StatusMessage'
import { useI18n } from './i18n/i18n-context'

/** Shown in a browser opened without the host's link: there is nothing to talk to. */
export function NotConnectedScreen(): ReactNode {
  const { t } = useI18n()
  return (
    <main className="app app--centered" data-testid="not-connected">
      <StatusMessage
        kind="error"
        title={t('connection.missingTokenTitle')}
        detail={t('connection.missingTokenDetail')}
      />
    </main>
  )
}
