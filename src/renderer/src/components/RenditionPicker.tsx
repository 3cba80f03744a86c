import type { ReactNode } from 'react'
import { definitionCodes } from '../../../shared/contract'
import { useI18n } from '../i18n/i18n-context'
import { SelectField } from './Select'

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
      <SelectField
        inline
        label={t('details.definition')}
        value={props.definition}
        options={[
          { value: '', label: t('batch.anyDefinition') },
          ...definitionCodes.map((definition) => ({ value: definition, label: definition })),
        ]}
        disabled={props.disabled}
        onChange={(definition) => props.onChange({ definition })}
        testId={`${props.testIdPrefix}-definition`}
      />
      <SelectField
        inline
        label={t('details.format')}
        value={props.format}
        options={[
          { value: '', label: t('batch.anyFormat') },
          ...renditionFormats.map((format) => ({ value: format, label: format })),
        ]}
        disabled={props.disabled}
        onChange={(format) => props.onChange({ format })}
        testId={`${props.testIdPrefix}-format`}
      />
    </span>
  )
}
