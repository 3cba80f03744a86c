import { useId, type ReactNode } from 'react'
import type { AccountKind, Region } from '../../../../shared/contract'
import { SelectField } from '../../components/Select'
import { TextField } from '../../components/TextField'
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
          <TextField
            label={t('account.profile')}
            hint={t('account.profileHint')}
            value={values.profile}
            onChange={(profile) => props.onChange({ profile })}
            placeholder={t('account.profileAll')}
            spellCheck={false}
            autoComplete="off"
            testId="account-profile"
          />
        </>
      )}
      {!chain && (
        <TextField
          label={t('account.accessKeyId')}
          value={values.accessKeyId}
          onChange={(accessKeyId) => props.onChange({ accessKeyId })}
          placeholder={values.kind === 'sts' ? 'STS.…' : 'LTAI…'}
          spellCheck={false}
          autoComplete="off"
          testId="account-access-key-id"
        />
      )}
      {!chain && (
        <TextField
          label={t('account.accessKeySecret')}
          type="password"
          value={values.accessKeySecret}
          onChange={(accessKeySecret) => props.onChange({ accessKeySecret })}
          placeholder={props.configured ? t('account.secretKept') : ''}
          autoComplete="new-password"
          spellCheck={false}
          testId="account-secret"
        />
      )}
      {values.kind === 'sts' && (
        <TextField
          label={t('account.securityToken')}
          type="password"
          value={values.securityToken}
          onChange={(securityToken) => props.onChange({ securityToken })}
          autoComplete="new-password"
          spellCheck={false}
          testId="account-security-token"
        />
      )}
      <SelectField
        label={t('account.region')}
        value={values.regionId}
        options={
          // Until the regions arrive, the saved one stands alone.
          props.regions.length === 0
            ? [{ value: values.regionId, label: values.regionId }]
            : props.regions.map((region) => ({
                value: region.id,
                label: `${language === 'zh-CN' ? region.nameZh : region.name} (${region.id})`,
              }))
        }
        onChange={(regionId) => props.onChange({ regionId })}
        testId="account-region"
      />
      <TextField
        label={t('account.endpointOverride')}
        hint={t('account.endpointHint')}
        value={values.endpoint}
        onChange={(endpoint) => props.onChange({ endpoint })}
        placeholder={t('account.endpointPlaceholder')}
        spellCheck={false}
        testId="account-endpoint"
      />
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
