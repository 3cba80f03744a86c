import type { ReactNode } from 'react'
import { definitionCodes } from '../../../shared/contract'
import { useI18n } from '../i18n/i18n-context'

/** Rendition formats a picker offers (not DASH: mpd renditions are not downloaded). */
export const renditionFormats = ['mp4', 'm3u8', 'mp3', 'flv'] as const

export interface RenditionPickerProps {
  /** '' means any definition. */
  definition: string
  /** '' means any format. */
  format: string
  disabled?: boolean
  onChange: (patch: { definition?: string; format?: string }) => void
  /** Prefix of the two selects' test ids: `<prefix>-definition`, `<prefix>-format`. */
  testIdPrefix: string
}

/** Definition and format selects for "which renditions", shared by the batch and export forms. */
export function RenditionPicker(props: RenditionPickerProps): ReactNode {
  const { t } = useI18n()
  return (
    <span className="radio-block__options">
      <label className="field field--inline">
        <span>{t('details.definition')}</span>
        <select
          className="input"
          value={props.definition}
          disabled={props.disabled}
          onChange={(event) => props.onChange({ definition: event.target.value })}
          data-testid={`${props.testIdPrefix}-definition`}
        >
          <option value="">{t('batch.anyDefinition')}</option>
          {definitionCodes.map((definition) => (
            <option key={definition} value={definition}>
              {definition}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--inline">
        <span>{t('details.format')}</span>
        <select
          className="input"
          value={props.format}
          disabled={props.disabled}
          onChange={(event) => props.onChange({ format: event.target.value })}
          data-testid={`${props.testIdPrefix}-format`}
        >
          <option value="">{t('batch.anyFormat')}</option>
          {renditionFormats.map((format) => (
            <option key={format} value={format}>
              {format}
            </option>
          ))}
        </select>
      </label>
    </span>
  )
}
