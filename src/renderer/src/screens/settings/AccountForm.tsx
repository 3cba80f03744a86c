import { useId, type ReactNode } from 'react'
import type { AccountKind, Region } from '../../../../shared/contract'
import { useI18n } from '../../i18n/i18n-context'
import type { AccountFormValues } from './account-form-values'

export interface AccountFormProps {
  values: AccountFormValues
  regions: readonly Region[]
  /** True when the form holds complete, valid credentials. */
  complete: boolean
  /** True when an account is saved, so "test" can test it without typing. */
  configured: boolean
  busy: boolean
  confirmingClear: boolean
  onChange: (patch: Partial<AccountFormValues>) => void
  onTest: () => void
  onSave: () => void
  onClear: () => void
}

/**
 * AccessKey, STS credentials, or the credential chain (optionally one profile of it). Secret
 * fields are password inputs that start empty and are never filled from main (main never sends
 * a secret); saving clears them again. The chain takes no secret at all.
 */
export function AccountForm(props: AccountFormProps): ReactNode {
  const { t, language } = useI18n()
  const id = useId()
  const { values } = props
  const kinds: { value: AccountKind; label: string }[] = [
    { value: 'access-key', label: t('account.kindAccessKey') },
    { value: 'sts', label: t('account.kindSts') },
    { value: 'chain', label: t('account.kindChain') },
  ]
  const chain = values.kind === 'chain'
  return (
    <form
      className="form"
      autoComplete="off"
      onSubmit={(event) => {
        event.preventDefault()
        if (props.complete) props.onSave()
      }}
      data-testid="account-form"
    >
      <fieldset className="fieldset">
        <legend>{t('account.kind')}</legend>
        <div className="radio-row">
          {kinds.map((kind) => (
            <label key={kind.value} className="radio">
              <input
                type="radio"
                name={`${id}-kind`}
                checked={values.kind === kind.value}
                onChange={() => props.onChange({ kind: kind.value })}
                data-testid={`account-kind-${kind.value}`}
              />
              {kind.label}
            </label>
          ))}
        </div>
      </fieldset>
      {chain && (
        <>
          <p className="hint" data-testid="account-chain-hint">
            {t('account.chainHint')}
          </p>
          <label className="field">
            <span>{t('account.profile')}</span>
            <input
              className="input"
              value={values.profile}
              onChange={(event) => props.onChange({ profile: event.target.value })}
              placeholder={t('account.profileAll')}
              spellCheck={false}
              autoComplete="off"
              data-testid="account-profile"
            />
            <span className="hint">{t('account.profileHint')}</span>
          </label>
        </>
      )}
      {!chain && (
        <label className="field">
          <span>{t('account.accessKeyId')}</span>
          <input
            className="input"
            value={values.accessKeyId}
            onChange={(event) => props.onChange({ accessKeyId: event.target.value })}
            placeholder={values.kind === 'sts' ? 'STS.…' : 'LTAI…'}
            spellCheck={false}
            autoComplete="off"
            data-testid="account-access-key-id"
          />
        </label>
      )}
      {!chain && (
        <label className="field">
          <span>{t('account.accessKeySecret')}</span>
          <input
            className="input"
            type="password"
            value={values.accessKeySecret}
            onChange={(event) => props.onChange({ accessKeySecret: event.target.value })}
            placeholder={props.configured ? t('account.secretKept') : ''}
            autoComplete="new-password"
            spellCheck={false}
            data-testid="account-secret"
          />
        </label>
      )}
      {values.kind === 'sts' && (
        <label className="field">
          <span>{t('account.securityToken')}</span>
          <input
            className="input"
            type="password"
            value={values.securityToken}
            onChange={(event) => props.onChange({ securityToken: event.target.value })}
            autoComplete="new-password"
            spellCheck={false}
            data-testid="account-security-token"
          />
        </label>
      )}
      <label className="field">
        <span>{t('account.region')}</span>
        <select
          className="input"
          value={values.regionId}
          onChange={(event) => props.onChange({ regionId: event.target.value })}
          data-testid="account-region"
        >
          {props.regions.length === 0 && <option value={values.regionId}>{values.regionId}</option>}
          {props.regions.map((region) => (
            <option key={region.id} value={region.id}>
              {language === 'zh-CN' ? region.nameZh : region.name} ({region.id})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('account.endpointOverride')}</span>
        <input
          className="input"
          value={values.endpoint}
          onChange={(event) => props.onChange({ endpoint: event.target.value })}
          placeholder={t('account.endpointPlaceholder')}
          spellCheck={false}
          data-testid="account-endpoint"
        />
        <span className="hint">{t('account.endpointHint')}</span>
      </label>
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={props.onTest}
          disabled={props.busy || (!props.complete && !props.configured)}
          data-testid="account-test"
        >
          {t('account.test')}
        </button>
        <button
          type="submit"
          className="button button--primary"
          disabled={props.busy || !props.complete}
          data-testid="account-save"
        >
          {t('account.save')}
        </button>
        {props.configured && (
          <button
            type="button"
            className="button button--danger"
            onClick={props.onClear}
            disabled={props.busy}
            data-testid="account-clear"
          >
            {props.confirmingClear ? t('account.clearConfirm') : t('account.clear')}
          </button>
        )}
      </div>
    </form>
  )
}
