import { useId, type ReactNode } from 'react'
import type { AddressType } from '../../../../shared/vod'
import { useI18n } from '../../i18n/i18n-context'

export interface AddressTypeFieldProps {
  /** The choice for this download; null follows the default from settings. */
  value: AddressType | null
  defaultType: AddressType
  onChange: (value: AddressType | null) => void
}

/** CDN or OSS origin for this download, with the cost and access-rule trade-off in one line. */
export function AddressTypeField(props: AddressTypeFieldProps): ReactNode {
  const { t } = useI18n()
  const name = useId()
  const options: { value: AddressType | null; label: string; testId: string }[] = [
    {
      value: null,
      label: t('address.default', { type: t(`address.${props.defaultType}`) }),
      testId: 'address-type-default',
    },
    { value: 'cdn', label: t('address.cdn'), testId: 'address-type-cdn' },
    { value: 'oss', label: t('address.oss'), testId: 'address-type-oss' },
  ]
  return (
    <fieldset className="fieldset">
      <legend>{t('address.legend')}</legend>
      <div className="radio-row">
        {options.map((option) => (
          <label key={option.testId} className="radio">
            <input
              type="radio"
              name={name}
              checked={props.value === option.value}
              onChange={() => props.onChange(option.value)}
              data-testid={option.testId}
            />
            {option.label}
          </label>
        ))}
      </div>
      <p className="hint">{t('address.hint')}</p>
    </fieldset>
  )
}
