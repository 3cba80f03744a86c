import type { ReactNode } from 'react'
import type { AccountInfo, CredentialChainInfo } from '../../../../shared/contract'
import { formatDateTime } from '../../../../shared/format'
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
        <dd>
          {account.kind === 'chain'
            ? t('account.kindChain')
            : account.kind === 'sts'
              ? t('account.kindSts')
              : t('account.kindAccessKey')}
        </dd>
      </div>
      {account.maskedAccessKeyId && (
        <div className="metadata__row">
          <dt>{t('account.accessKeyId')}</dt>
          <dd>
            <code>{account.maskedAccessKeyId}</code>
          </dd>
        </div>
      )}
      {account.chain && <ChainStatus chain={account.chain} />}
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

/** What the credential chain found: its profile, the source that answered, the session's end. */
function ChainStatus(props: { chain: CredentialChainInfo }): ReactNode {
  const { t } = useI18n()
  const { chain } = props
  const expires = chain.expiresAt ? new Date(chain.expiresAt) : null
  return (
    <>
      {chain.profile && (
        <div className="metadata__row">
          <dt>{t('account.profile')}</dt>
          <dd>
            <code>{chain.profile}</code>
          </dd>
        </div>
      )}
      <div className="metadata__row">
        <dt>{t('account.chainSource')}</dt>
        <dd data-testid="account-chain-source">
          {chain.provider ? (
            <code>{chain.provider}</code>
          ) : chain.error ? (
            <span className="warning">{t('account.chainError', { reason: chain.error })}</span>
          ) : (
            t('account.chainNotFound')
          )}
        </dd>
      </div>
      {chain.provider && (
        <div className="metadata__row">
          <dt>{t('account.sessionExpires')}</dt>
          <dd data-testid="account-session-expires">
            {expires && !Number.isNaN(expires.getTime())
              ? `${formatDateTime(expires)}:${String(expires.getSeconds()).padStart(2, '0')}`
              : t('account.sessionNoExpiry')}
          </dd>
        </div>
      )}
    </>
  )
}
