import type { ReactNode } from 'react'
import type { ErrorData } from '../../../shared/errors'
import { useI18n } from '../i18n/i18n-context'
import { errorActionFor } from './error-action'

export interface ErrorNoticeProps {
  error: ErrorData
  onRetry?: () => void
  onOpenSettings?: () => void
  testId?: string
}

/**
 * An error in the UI language with the action that can fix it, and Retry wherever the screen can
 * try again: after fixing credentials in Settings, the user comes back and retries. The code is
 * shown too: it is what support and the CLI talk about.
 */
export function ErrorNotice(props: ErrorNoticeProps): ReactNode {
  const { t, errorMessage } = useI18n()
  const action = errorActionFor(props.error.code)
  return (
    <div className="error-notice" role="alert" data-testid={props.testId ?? 'error-notice'}>
      <p className="error-notice__message">
        {errorMessage(props.error)} <code className="error-notice__code">{props.error.code}</code>
      </p>
      {action === 'settings' && props.onOpenSettings && (
        <button type="button" className="button" onClick={props.onOpenSettings}>
          {t('action.openSettings')}
        </button>
      )}
      {props.onRetry && (
        <button
          type="button"
          className="button"
          onClick={props.onRetry}
          data-testid="error-notice-retry"
        >
          {t('action.retry')}
        </button>
      )}
    </div>
  )
}
