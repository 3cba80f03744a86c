import { useId, type ReactNode } from 'react'
import {
  addressListFiles,
  addressListFormats,
  type AddressListFile,
  type AddressListFormat,
  type MediaType,
} from '../../../../shared/contract'
import type { AddressType } from '../../../../shared/vod'
import { useI18n } from '../../i18n/i18n-context'
import type { MessageKey } from '../../i18n/messages'
import { RenditionPicker } from '../../components/RenditionPicker'
import { AddressTypeField } from '../details/AddressTypeField'
import {
  authTimeoutHourLimits,
  filesFor,
  parseAuthTimeoutHours,
  toggled,
  type ExportChoices,
  type ExportScope,
} from './export-choices'

export interface ExportFormProps {
  mediaType: MediaType
  choices: ExportChoices
  selectedCount: number
  /** Matches of the current filter (VOD's total), when known. */
  total: number | null
  defaultAddressType: AddressType
  disabled: boolean
  onChange: (choices: ExportChoices) => void
}

const fileLabels: Record<AddressListFile, MessageKey> = {
  source: 'lists.export.file.source',
  rendition: 'lists.export.file.rendition',
  cover: 'lists.export.file.cover',
  snapshots: 'lists.export.file.snapshots',
  sprites: 'lists.export.file.sprites',
  image: 'lists.export.file.image',
  'image-original': 'lists.export.file.imageOriginal',
}

const formatLabels: Record<AddressListFormat, MessageKey> = {
  csv: 'lists.export.csv',
  json: 'lists.export.json',
}

/** What to export: which media, which files, which addresses for how long, which formats. */
export function ExportForm(props: ExportFormProps): ReactNode {
  const { t } = useI18n()
  const id = useId()
  const { choices } = props
  const change = (patch: Partial<ExportChoices>): void => props.onChange({ ...choices, ...patch })
  const scopes: Array<{ scope: ExportScope; label: string; disabled: boolean }> = [
    {
      scope: 'selection',
      label:
        props.selectedCount === 0
          ? t('lists.export.scopeNoSelection')
          : t('lists.export.scopeSelection', { count: props.selectedCount }),
      disabled: props.selectedCount === 0,
    },
    {
      scope: 'filter',
      label: t('lists.export.scopeFilter', { total: props.total ?? '…' }),
      disabled: false,
    },
  ]
  const hoursValid = parseAuthTimeoutHours(choices.authTimeoutHours) !== null
  const renditions = choices.files.includes('rendition')
  return (
    <fieldset className="form export-form" disabled={props.disabled} data-testid="export-form">
      <fieldset className="fieldset">
        <legend>{t('lists.export.scope')}</legend>
        {scopes.map((option) => (
          <div key={option.scope} className="radio-block">
            <label className="radio">
              <input
                type="radio"
                name={`${id}-scope`}
                checked={choices.scope === option.scope}
                disabled={option.disabled}
                onChange={() => change({ scope: option.scope })}
                data-testid={`export-scope-${option.scope}`}
              />
              {option.label}
            </label>
          </div>
        ))}
        <p className="hint">{t('lists.export.scopeFilterHint')}</p>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('lists.export.files')}</legend>
        {filesFor(props.mediaType).map((file) => (
          <div key={file} className="radio-block">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={choices.files.includes(file)}
                onChange={(event) =>
                  change({
                    files: toggled(choices.files, file, event.target.checked, addressListFiles),
                  })
                }
                data-testid={`export-file-${file}`}
              />
              {t(fileLabels[file])}
            </label>
            {file === 'rendition' && (
              <RenditionPicker
                definition={choices.definition}
                format={choices.format}
                disabled={!renditions}
                onChange={change}
                testIdPrefix="export"
              />
            )}
          </div>
        ))}
      </fieldset>

      <AddressTypeField
        value={choices.addressType}
        defaultType={props.defaultAddressType}
        onChange={(addressType) => change({ addressType })}
      />

      <div className={`field${hoursValid ? '' : ' field--invalid'}`}>
        <label htmlFor={`${id}-hours`}>{t('lists.export.authTimeout')}</label>
        <input
          id={`${id}-hours`}
          type="number"
          className="input"
          inputMode="numeric"
          min={authTimeoutHourLimits.min}
          max={authTimeoutHourLimits.max}
          step={1}
          value={choices.authTimeoutHours}
          aria-invalid={!hoursValid}
          aria-describedby={`${id}-hours-hint`}
          onChange={(event) => change({ authTimeoutHours: event.target.value })}
          data-testid="export-auth-timeout"
        />
        <p id={`${id}-hours-hint`} className={hoursValid ? 'hint' : 'problem'}>
          {t(hoursValid ? 'lists.export.authTimeoutHint' : 'lists.export.authTimeoutProblem', {
            min: authTimeoutHourLimits.min,
            max: authTimeoutHourLimits.max,
          })}
        </p>
      </div>

      <fieldset className="fieldset">
        <legend>{t('lists.export.formats')}</legend>
        <div className="radio-row">
          {addressListFormats.map((format) => (
            <label key={format} className="checkbox">
              <input
                type="checkbox"
                checked={choices.formats.includes(format)}
                onChange={(event) =>
                  change({
                    formats: toggled(
                      choices.formats,
                      format,
                      event.target.checked,
                      addressListFormats,
                    ),
                  })
                }
                data-testid={`export-type-${format}`}
              />
              {t(formatLabels[format])}
            </label>
          ))}
        </div>
      </fieldset>
    </fieldset>
  )
}
