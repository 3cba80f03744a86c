import type { ReactNode } from 'react'
import type { AccountInfo } from '../../../../shared/contract'
import { Badge } from '../../components/Badge'
import { useI18n } from '../../i18n/i18n-context'

/** What is configured now, without any secret: kind, masked key id, region, endpoint, source. */
export function AccountStatus(props: { account: AccountInfo }): ReactNode {
  const { t } = useI18n()
  const { account } = props
  if (!account.configured) {
    return (
      <p className="account-status" data-testid="account-status" data-configured="false">
        <Badge tone="warning">{t('account.notConfigured')}</Badge>
      </p>
    )
  }
  return (
    <dl
      className="account-status metadata__list"
      data-testid="account-status"
      data-configured="true"
    >
      <div className="metadata__row">
        <dt>{t('account.kind')}</dt>
        <dd>{account.kind === 'sts' ? t('account.kindSts') : t('account.kindAccessKey')}</dd>
      </div>
      <div className="metadata__row">
        <dt>{t('account.accessKeyId')}</dt>
        <dd>
          <code>{account.maskedAccessKeyId}</code>
        </dd>
      </div>
      <div className="metadata__row">
        <dt>{t('account.region')}</dt>
        <dd>{account.regionId}</dd>
      </div>
      <div className="metadata__row">
        <dt>{t('account.endpoint')}</dt>
        <dd>{account.endpoint ?? t('account.endpointDefault')}</dd>
      </div>
      {account.source === 'environment' && (
        <div className="metadata__row">
          <dt>{t('account.source')}</dt>
          <dd>{t('account.sourceEnvironment')}</dd>
        </div>
      )}
    </dl>
  )
}
