import { useId, type ReactNode } from 'react'
import type { AddressType } from '../../../../shared/vod'
import { useI18n } from '../../i18n/i18n-context'

export interface AddressTypeFieldProps {
  /** The choice for this download; null follows the default from settings. */
  value: AddressType | null
  defaultType: AddressType
  onChange: (value: AddressType | null) => void
}

/**
 * CDN or OSS origin for this download, with the cost and access-rule trade-off in one line. Two
 * choices, the one Settings names marked as the default: "Default (CDN)" beside "CDN" offered
 * the same address twice.
 */
export function AddressTypeField(props: AddressTypeFieldProps): ReactNode {
  const { t } = useI18n()
  const name = useId()
  const chosen = props.value ?? props.defaultType
  const types: AddressType[] = ['cdn', 'oss']
  return (
    <fieldset className="fieldset">
      <legend>{t('address.legend')}</legend>
      <div className="radio-row">
        {types.map((type) => (
          <label key={type} className="radio">
            <input
              type="radio"
              name={name}
              checked={chosen === type}
              // Choosing the default sends no choice, as leaving it alone does.
              onChange={() => props.onChange(type === props.defaultType ? null : type)}
              data-testid={`address-type-${type}`}
              data-default={type === props.defaultType ? 'true' : undefined}
            />
            {type === props.defaultType
              ? t('address.withDefault', { type: t(`address.${type}`) })
              : t(`address.${type}`)}
          </label>
        ))}
      </div>
      <p className="hint">{t('address.hint')}</p>
    </fieldset>
  )
}
