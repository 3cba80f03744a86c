import type { ReactNode } from 'react'
import type { AccountTestResult } from '../../../../shared/contract'
import { useI18n } from '../../i18n/i18n-context'

/** The outcome of "test connection", stated plainly: connected (where, how fast) or why not. */
export function ConnectionTestResult(props: {
  result: AccountTestResult | null
  testing: boolean
}): ReactNode {
  const { t, errorMessage } = useI18n()
  if (props.testing) {
    return (
      <p
        className="test-result"
        role="status"
        data-testid="account-test-result"
        data-status="testing"
      >
        {t('account.testing')}
      </p>
    )
  }
  if (!props.result) return null
  if (props.result.status === 'connected') {
    return (
      <p
        className="test-result test-result--ok"
        role="status"
        data-testid="account-test-result"
        data-status="connected"
      >
        {t('account.testConnected', {
          endpoint: props.result.endpoint,
          latency: Math.round(props.result.latencyMs),
        })}
        {props.result.credentialSource &&
          ` ${t('account.testSource', { source: props.result.credentialSource })}`}
      </p>
    )
  }
  return (
    <p
      className="test-result test-result--failed"
      role="alert"
      data-testid="account-test-result"
      data-status="failed"
    >
      {t('account.testFailed')} {errorMessage(props.result.error)}{' '}
      <code>{props.result.error.code}</code>
    </p>
  )
}
