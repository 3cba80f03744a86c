import { useCallback, useSyncExternalStore, type ReactNode } from 'react'
import { useTransport } from './api/api-context'
import { useI18n } from './i18n/i18n-context'

/**
 * Says when live updates are interrupted (the headless host restarted, the network dropped);
 * the read models reload by themselves once the channel is back.
 */
export function ConnectionBanner(): ReactNode {
  const transport = useTransport()
  const { t } = useI18n()
  const subscribe = useCallback((listener: () => void) => transport.onStatus(listener), [transport])
  const read = useCallback(() => transport.status(), [transport])
  const status = useSyncExternalStore(subscribe, read)
  if (status === 'open' || transport.kind === 'preload') return null
  return (
    <div
      className="connection-banner"
      role="status"
      data-testid="connection-banner"
      data-status={status}
    >
      {t('connection.reconnecting')}
    </div>
  )
}
