import { useState, type ReactNode } from 'react'
import {
  defaultRestoreOptions,
  restoreTiers,
  type RestoreOptions,
  type RestoreTier,
} from '../../../../shared/vod'
import { useI18n } from '../../i18n/i18n-context'

export interface BatchRestoreFieldProps {
  /** Sources of the selection in archive storage. */
  archived: number
  /** The restore asked for, or null: archived sources are skipped. */
  value: RestoreOptions | null
  onChange: (value: RestoreOptions | null) => void
}

/** The longest a restored copy may stay readable (Cold Archive); Archive items get at most 7. */
const maximumDays = 365

/**
 * For a batch with sources in archive storage: restore them first (priority, days, what it
 * costs), or skip them, as the summary says.
 */
export function BatchRestoreField(props: BatchRestoreFieldProps): ReactNode {
  const { t, tn } = useI18n()
  const [daysText, setDaysText] = useState(String(props.value?.days ?? defaultRestoreOptions.days))
  if (props.archived === 0) return null
  const current = props.value
  const setDays = (text: string): void => {
    setDaysText(text)
    const days = /^\d+$/.test(text) ? Number(text) : Number.NaN
    if (current && Number.isInteger(days) && days >= 1 && days <= maximumDays) {
      props.onChange({ ...current, days })
    }
  }
  return (
    <fieldset className="fieldset" data-testid="batch-restore">
      <legend>{t('archive.dialogTitle')}</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={current !== null}
          onChange={(event) =>
            props.onChange(
              event.target.checked
                ? { ...defaultRestoreOptions, days: Number(daysText) || 1 }
                : null,
            )
          }
          data-testid="batch-restore-toggle"
        />
        {tn('archive.batchRestore', props.archived)}
      </label>
      {current === null ? (
        <p className="warning" data-testid="batch-restore-skipped">
          {tn('archive.batchSkipped', props.archived)}
        </p>
      ) : (
        <>
          <label className="field">
            <span>{t('archive.tier')}</span>
            <select
              value={current.tier}
              onChange={(event) =>
                props.onChange({ ...current, tier: event.target.value as RestoreTier })
              }
              data-testid="batch-restore-tier"
            >
              {restoreTiers.map((tier) => (
                <option key={tier} value={tier}>
                  {t(`archive.tier.${tier}`)}
                </option>
              ))}
            </select>
            <span className="hint">{t('archive.archiveTime')}</span>
          </label>
          <label className="field">
            <span>{t('archive.days')}</span>
            <input
              type="number"
              min={1}
              max={maximumDays}
              value={daysText}
              onChange={(event) => setDays(event.target.value)}
              data-testid="batch-restore-days"
            />
            <span className="hint">{t('archive.batchDaysHint')}</span>
          </label>
          <p className="warning" data-testid="batch-restore-cost">
            {t('archive.cost')}
          </p>
        </>
      )}
    </fieldset>
  )
}
