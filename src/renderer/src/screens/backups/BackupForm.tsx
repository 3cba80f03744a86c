import { useId, type ReactNode } from 'react'
import {
  backupFileWords,
  mediaStatuses,
  mediaTypes,
  type Category,
} from '../../../../shared/contract'
import { Field } from '../../components/Field'
import { useI18n } from '../../i18n/i18n-context'
import type { MessageKey } from '../../i18n/messages'
import { backupFormProblem, toggled, type BackupFormValues } from './backup-form-values'

export interface BackupFormProps {
  values: BackupFormValues
  categories: readonly Category[]
  /** The native folder picker exists (the desktop app). */
  canChooseFolder: boolean
  busy: boolean
  onChange: (patch: Partial<BackupFormValues>) => void
  onChooseFolder: () => void
  onSave: () => void
  onCancel: () => void
}

/** Adds or edits a backup: what, which files, where, how often. */
export function BackupForm(props: BackupFormProps): ReactNode {
  const { t } = useI18n()
  const id = useId()
  const { values } = props
  const problem = backupFormProblem(values)
  const sources: { value: BackupFormValues['sourceKind']; key: MessageKey }[] = [
    { value: 'library', key: 'backups.sourceLibrary' },
    { value: 'category', key: 'backups.sourceCategory' },
    { value: 'search', key: 'backups.sourceSearch' },
  ]
  return (
    <form
      className="form card"
      onSubmit={(event) => {
        event.preventDefault()
        if (!problem) props.onSave()
      }}
      aria-label={values.id ? t('backups.formEdit') : t('backups.formNew')}
      data-testid="backup-form"
    >
      <h2 className="card__title">{values.id ? t('backups.formEdit') : t('backups.formNew')}</h2>
      <Field label={t('backups.name')} testId="backup-field-name">
        {(control) => (
          <input
            id={control.id}
            className="input"
            value={values.name}
            maxLength={100}
            onChange={(event) => props.onChange({ name: event.target.value })}
            data-testid="backup-name-input"
          />
        )}
      </Field>
      <fieldset className="fieldset">
        <legend>{t('backups.source')}</legend>
        <div className="radio-row">
          {sources.map((source) => (
            <label key={source.value} className="radio">
              <input
                type="radio"
                name={`${id}-source`}
                checked={values.sourceKind === source.value}
                onChange={() => props.onChange({ sourceKind: source.value })}
                data-testid={`backup-source-${source.value}`}
              />
              {t(source.key)}
            </label>
          ))}
        </div>
        {values.sourceKind === 'category' && (
          <Field label={t('backups.category')}>
            {(control) => (
              <select
                id={control.id}
                className="input"
                value={values.categoryId}
                onChange={(event) => props.onChange({ categoryId: event.target.value })}
                data-testid="backup-category"
              >
                <option value="">{t('backups.chooseCategory')}</option>
                {props.categories.map((category) => (
                  <option key={category.id} value={String(category.id)}>
                    {'  '.repeat(category.level)}
                    {category.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {values.sourceKind === 'search' && (
          <div className="field-grid">
            <Field label={t('backups.searchTitle')}>
              {(control) => (
                <input
                  id={control.id}
                  className="input"
                  value={values.searchTitle}
                  maxLength={128}
                  onChange={(event) => props.onChange({ searchTitle: event.target.value })}
                  data-testid="backup-search-title"
                />
              )}
            </Field>
            <Field label={t('backups.searchStatus')}>
              {(control) => (
                <select
                  id={control.id}
                  className="input"
                  value={values.searchStatus}
                  onChange={(event) =>
                    props.onChange({
                      searchStatus: event.target.value as BackupFormValues['searchStatus'],
                    })
                  }
                  data-testid="backup-search-status"
                >
                  <option value="">{t('backups.anyStatus')}</option>
                  {mediaStatuses.map((status) => (
                    <option key={status} value={status}>
                      {t(`mediaStatus.${status}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        )}
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('backups.mediaTypes')}</legend>
        <div className="radio-row">
          {mediaTypes.map((type) => (
            <label key={type} className="checkbox">
              <input
                type="checkbox"
                checked={values.mediaTypes.includes(type)}
                onChange={(event) =>
                  props.onChange({
                    mediaTypes: toggled(mediaTypes, values.mediaTypes, type, event.target.checked),
                  })
                }
                data-testid={`backup-type-${type}`}
              />
              {t(`mediaType.${type}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('backups.files')}</legend>
        <div className="radio-row">
          {backupFileWords.map((word) => (
            <label key={word} className="checkbox">
              <input
                type="checkbox"
                checked={values.files.includes(word)}
                onChange={(event) =>
                  props.onChange({
                    files: toggled(backupFileWords, values.files, word, event.target.checked),
                  })
                }
                data-testid={`backup-file-${word}`}
              />
              {t(`backups.file.${word}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field label={t('backups.folder')} hint={t('backups.folderHint')}>
        {(control) => (
          <div className="input-row">
            <input
              id={control.id}
              aria-describedby={control.describedBy}
              className="input input--mono"
              value={values.folder}
              spellCheck={false}
              onChange={(event) => props.onChange({ folder: event.target.value })}
              data-testid="backup-folder"
            />
            {props.canChooseFolder && (
              <button
                type="button"
                className="button"
                onClick={props.onChooseFolder}
                data-testid="backup-choose-folder"
              >
                {t('backups.chooseFolder')}
              </button>
            )}
          </div>
        )}
      </Field>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={values.scheduled}
          onChange={(event) => props.onChange({ scheduled: event.target.checked })}
          data-testid="backup-scheduled"
        />
        {t('backups.scheduled')}
      </label>
      {values.scheduled && (
        <Field label={t('backups.scheduleHours')}>
          {(control) => (
            <input
              id={control.id}
              className="input"
              type="number"
              min={1}
              max={720}
              value={values.scheduleHours}
              onChange={(event) => props.onChange({ scheduleHours: event.target.value })}
              data-testid="backup-schedule-hours"
            />
          )}
        </Field>
      )}
      {problem && (
        <p className="hint" data-testid="backup-form-problem">
          {t(problem)}
        </p>
      )}
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          disabled={problem !== null || props.busy}
          data-testid="backup-save"
        >
          {t('backups.save')}
        </button>
        <button
          type="button"
          className="button"
          onClick={props.onCancel}
          data-testid="backup-cancel"
        >
          {t('backups.cancel')}
        </button>
      </div>
    </form>
  )
}
