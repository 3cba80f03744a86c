import { useState, type ReactNode } from 'react'
import {
  defaultRestoreOptions,
  isColdArchive,
  maximumRestoreDays,
  restoreTiers,
  type RestoreOptions,
  type RestoreTier,
} from '../../../../shared/vod'
import { Dialog } from '../../components/Dialog'
import { Field } from '../../components/Field'
import { storageClassLabel } from '../../components/storage-class'
import { useI18n } from '../../i18n/i18n-context'

export interface RestoreDialogProps {
  /** The file's name as it will be saved. */
  name: string
  storageClass: string
  busy: boolean
  onConfirm: (options: RestoreOptions) => void
  onClose: () => void
}

/**
 * "Restore and download": the restore priority (Cold Archive only), how many days the restored
 * copy stays readable, and what a restore costs, before anything is asked of VOD.
 */
export function RestoreDialog(props: RestoreDialogProps): ReactNode {
  const i18n = useI18n()
  const { t } = i18n
  const cold = isColdArchive(props.storageClass)
  const maximum = maximumRestoreDays(props.storageClass)
  const [tier, setTier] = useState<RestoreTier>(defaultRestoreOptions.tier)
  const [daysText, setDaysText] = useState(String(defaultRestoreOptions.days))
  const days = /^\d+$/.test(daysText) ? Number(daysText) : Number.NaN
  const daysValid = Number.isInteger(days) && days >= 1 && days <= maximum
  return (
    <Dialog
      title={t('archive.dialogTitle')}
      onClose={props.onClose}
      testId="restore-dialog"
      footer={
        <>
          <button
            type="button"
            className="button button--primary"
            disabled={!daysValid || props.busy}
            onClick={() => props.onConfirm({ tier, days })}
            data-testid="restore-confirm"
          >
            {t('archive.confirm')}
          </button>
          <button type="button" className="button" onClick={props.onClose}>
            {t('action.cancel')}
          </button>
        </>
      }
    >
      <p>
        {t('archive.dialogIntro', {
          name: props.name,
          storageClass: storageClassLabel(i18n, props.storageClass),
        })}
      </p>
      {cold ? (
        <fieldset className="field" data-testid="restore-tier">
          <legend>{t('archive.tier')}</legend>
          {restoreTiers.map((option) => (
            <label key={option} className="radio">
              <input
                type="radio"
                name="restore-tier"
                value={option}
                checked={tier === option}
                onChange={() => setTier(option)}
              />
              {t(`archive.tier.${option}`)}
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="hint">{t('archive.archiveTime')}</p>
      )}
      <Field
        label={t('archive.days')}
        hint={t('archive.daysHint', { max: maximum })}
        problem={daysValid ? null : t('archive.daysHint', { max: maximum })}
        testId="restore-days"
      >
        {(control) => (
          <input
            id={control.id}
            aria-describedby={control.describedBy}
            aria-invalid={control.invalid}
            type="number"
            min={1}
            max={maximum}
            value={daysText}
            onChange={(event) => setDaysText(event.target.value)}
          />
        )}
      </Field>
      <p className="warning" data-testid="restore-cost">
        {t('archive.cost')}
      </p>
    </Dialog>
  )
}
