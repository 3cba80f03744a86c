import { useId, type ReactNode } from 'react'
import type { BatchSelection, MediaType } from '../../../../shared/contract'
import { RenditionPicker } from '../../components/RenditionPicker'
import { useI18n } from '../../i18n/i18n-context'
import type { MessageKey } from '../../i18n/messages'

/** The batch choices as the form holds them ('' = any). */
export interface BatchChoices {
  selection: BatchSelection
  definition: string
  format: string
}

export interface BatchFormProps {
  mediaType: MediaType
  choices: BatchChoices
  onChange: (choices: BatchChoices) => void
}

const selectionLabels: Record<BatchSelection, MessageKey> = {
  source: 'batch.selection.source',
  rendition: 'batch.selection.rendition',
  snapshots: 'batch.selection.snapshots',
  all: 'batch.selection.all',
}

/** Which selections apply to a media type: images have neither renditions nor snapshots. */
export function selectionsFor(mediaType: MediaType): readonly BatchSelection[] {
  return mediaType === 'image' ? ['source', 'all'] : ['source', 'rendition', 'snapshots', 'all']
}

/** What to take from every selected media item. */
export function BatchForm(props: BatchFormProps): ReactNode {
  const { t } = useI18n()
  const name = useId()
  const { choices } = props
  return (
    <fieldset className="fieldset" data-testid="batch-form">
      <legend>{t('batch.what')}</legend>
      {selectionsFor(props.mediaType).map((selection) => (
        <div key={selection} className="radio-block">
          <label className="radio">
            <input
              type="radio"
              name={name}
              checked={choices.selection === selection}
              onChange={() => props.onChange({ ...choices, selection })}
              data-testid={`batch-selection-${selection}`}
            />
            {props.mediaType === 'image' && selection === 'source'
              ? t('batch.selection.originalImages')
              : t(selectionLabels[selection])}
          </label>
          {selection === 'rendition' && (
            <RenditionPicker
              definition={choices.definition}
              format={choices.format}
              onChange={(patch) => props.onChange({ ...choices, ...patch, selection: 'rendition' })}
              testIdPrefix="batch"
            />
          )}
        </div>
      ))}
    </fieldset>
  )
}
