import { useState, type ReactNode } from 'react'
import type { NameConflicts } from '../../../shared/contract'
import type { NameConflictChoice } from '../../../shared/settings'
import { useI18n } from '../i18n/i18n-context'
import type { MessageKey } from '../i18n/messages'
import { Dialog } from './Dialog'
import './name-conflict-dialog.css'
import { plural } from '../screens/downloads/plural'

export interface NameConflictDialogProps {
  conflicts: NameConflicts
  onChoose: (choice: NameConflictChoice, remember: boolean) => void
  onCancel: () => void
}

const holderKeys: Record<NameConflicts['examples'][number]['holder'], MessageKey> = {
  file: 'conflicts.holder.file',
  download: 'conflicts.holder.download',
  request: 'conflicts.holder.request',
}

/** Shown examples; the rest are counted. */
const shownExamples = 5

/**
 * Asked once per batch when file names are already taken: skip, keep both (numbered names), or
 * replace what is only an unfinished download of ours. The choice can be remembered in Settings.
 */
export function NameConflictDialog(props: NameConflictDialogProps): ReactNode {
  const i18n = useI18n()
  const { t } = i18n
  const { conflicts } = props
  const [choice, setChoice] = useState<NameConflictChoice>('keep-both')
  const [remember, setRemember] = useState(false)
  const options: Array<{ value: NameConflictChoice; label: string; disabled?: boolean }> = [
    { value: 'skip', label: t('conflicts.skip') },
    { value: 'keep-both', label: t('conflicts.keepBoth') },
    conflicts.replaceable > 0
      ? { value: 'replace', label: t('conflicts.replace', { count: conflicts.replaceable }) }
      : { value: 'replace', label: t('conflicts.replaceNone'), disabled: true },
  ]
  return (
    <Dialog
      title={plural(i18n, 'conflicts.title', conflicts.count)}
      onClose={props.onCancel}
      testId="conflict-dialog"
      footer={
        <>
          <button
            type="button"
            className="button"
            onClick={props.onCancel}
            data-testid="conflict-cancel"
          >
            {t('action.cancel')}
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={() => props.onChoose(choice, remember)}
            data-testid="conflict-continue"
          >
            {t('conflicts.continue')}
          </button>
        </>
      }
    >
      <ul className="conflict-list" data-testid="conflict-examples">
        {conflicts.examples.slice(0, shownExamples).map((example) => (
          <li key={example.fileName} data-holder={example.holder}>
            <span className="conflict-list__name">{example.fileName}</span>
            <span className="conflict-list__holder">{t(holderKeys[example.holder])}</span>
          </li>
        ))}
      </ul>
      {conflicts.count > shownExamples && (
        <p className="muted">{t('conflicts.more', { count: conflicts.count - shownExamples })}</p>
      )}
      <fieldset className="conflict-choices">
        <legend>{t('conflicts.choice')}</legend>
        {options.map((option) => (
          <label key={option.value} className="radio">
            <input
              type="radio"
              name="name-conflict"
              value={option.value}
              checked={choice === option.value}
              disabled={option.disabled}
              onChange={() => setChoice(option.value)}
              data-testid={`conflict-choice-${option.value}`}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={remember}
          onChange={(event) => setRemember(event.target.checked)}
          data-testid="conflict-remember"
        />
        {t('conflicts.remember')}
      </label>
    </Dialog>
  )
}
