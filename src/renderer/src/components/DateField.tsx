import { useId, useRef, useState, type ReactNode } from 'react'
import { useI18n } from '../i18n/i18n-context'
import { parseDateText } from './date-text'

export interface DateFieldProps {
  label: string
  /** The day as YYYY-MM-DD, or '' for none. */
  value: string
  onChange: (day: string) => void
  /** Bounds for the calendar (YYYY-MM-DD). */
  min?: string
  max?: string
  /** The day is valid but does not fit (an end before the start); the caller says why. */
  invalid?: boolean
  testId: string
}

function dayOf(text: string): string | undefined {
  const parsed = parseDateText(text)
  if (parsed.kind === 'empty') return ''
  return parsed.kind === 'date' ? parsed.day : undefined
}

/**
 * A calendar day as YYYY-MM-DD in every UI language, typed or picked. Chromium's date input
 * draws its digits in the browser's locale whatever the page's `lang` says (mm/dd/yyyy for a
 * zh-CN user of an English browser), so the day is a text field and the calendar button opens
 * the browser's picker of a hidden date input.
 */
export function DateField(props: DateFieldProps): ReactNode {
  const { t, language } = useI18n()
  const id = useId()
  const native = useRef<HTMLInputElement>(null)
  // What is being typed, until it is left; null shows the value.
  const [draft, setDraft] = useState<string | null>(null)
  const [shownValue, setShownValue] = useState(props.value)
  if (shownValue !== props.value) {
    // A change from outside (Clear filters, the calendar) replaces the typing unless it is the
    // same day.
    setShownValue(props.value)
    if (draft !== null && dayOf(draft) !== props.value) setDraft(null)
  }
  const typedInvalid = draft !== null && dayOf(draft) === undefined

  function type(text: string): void {
    setDraft(text)
    const day = dayOf(text)
    if (day !== undefined && day !== props.value) props.onChange(day)
  }

  return (
    <span className="field field--inline" data-testid={`${props.testId}-field`}>
      <label htmlFor={id}>{props.label}</label>
      <span className="date-field">
        <input
          id={id}
          className="input date-field__input"
          lang={language}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('date.placeholder')}
          value={draft ?? props.value}
          aria-invalid={typedInvalid || props.invalid ? true : undefined}
          aria-describedby={typedInvalid ? `${id}-problem` : undefined}
          onChange={(event) => type(event.target.value)}
          onBlur={() => {
            if (!typedInvalid) setDraft(null)
          }}
          data-testid={props.testId}
        />
        <button
          type="button"
          className="button button--icon date-field__pick"
          title={t('date.pick')}
          aria-label={`${props.label}: ${t('date.pick')}`}
          onClick={() => {
            const input = native.current
            if (!input) return
            try {
              input.showPicker()
            } catch {
              // No picker here (an old engine, a test DOM): typing still works.
            }
          }}
          data-testid={`${props.testId}-pick`}
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <path
              fill="currentColor"
              d="M4 0h1.5v2h5V0H12v2h2a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H2a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1h2zM2.5 6v8.5h11V6zm1.5 1.5h2v2H4zm3 0h2v2H7zm3 0h2v2h-2zm-6 3h2v2H4zm3 0h2v2H7z"
            />
          </svg>
        </button>
        <input
          ref={native}
          type="date"
          className="date-field__native"
          tabIndex={-1}
          aria-hidden="true"
          value={props.value}
          min={props.min || undefined}
          max={props.max || undefined}
          onChange={(event) => {
            setDraft(null)
            props.onChange(event.target.value)
          }}
        />
      </span>
      {typedInvalid && (
        <span id={`${id}-problem`} className="problem" role="alert">
          {t('date.problem')}
        </span>
      )}
    </span>
  )
}
