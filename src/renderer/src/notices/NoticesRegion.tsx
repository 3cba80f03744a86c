import type { ReactNode } from 'react'
import { useI18n } from '../i18n/i18n-context'
import { useNotices } from './notices-context'

/** Shows the current notices in a polite live region (errors use role="alert"). */
export function NoticesRegion(): ReactNode {
  const { notices, dismiss } = useNotices()
  const { t } = useI18n()
  return (
    <div className="notices" aria-live="polite" data-testid="notices">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`notice notice--${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          data-testid="notice"
        >
          <span>{notice.text}</span>
          {notice.action && (
            <button type="button" className="button button--small" onClick={notice.action.onClick}>
              {notice.action.label}
            </button>
          )}
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => dismiss(notice.id)}
            aria-label={t('action.dismiss')}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
