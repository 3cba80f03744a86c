import type { ReactNode } from 'react'
import { settingsLimits } from '../../../../shared/settings'
import { Field } from '../../components/Field'

/** The settings typed as a number; their limits live in `settingsLimits`. */
export type NumberSettingKey = keyof typeof settingsLimits

const mebibyte = 1024 * 1024

/**
 * The unit each number is typed in: the stored value divided by `scale` (bytes per second are
 * typed in MB/s, seconds in hours), and the input's step in that unit.
 */
const units: Record<NumberSettingKey, { scale: number; step: number }> = {
  maxConcurrentJobs: { scale: 1, step: 1 },
  connectionsPerJob: { scale: 1, step: 1 },
  speedLimitBytesPerSecond: { scale: mebibyte, step: 0.1 },
  authTimeoutSeconds: { scale: 3600, step: 1 },
}

function numberFrom(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text)
}

function shown(value: number, scale: number): string {
  return Number.isNaN(value) ? '' : String(Math.round((value / scale) * 10) / 10)
}

export interface NumberSettingProps {
  setting: NumberSettingKey
  label: string
  hint: string
  /** The stored value (NaN while the input is empty). */
  value: number
  problem: string | null
  status: string | null
  onChange: (value: number) => void
}

/** A numeric setting: a number input bounded by the setting's limits, in the unit it is typed in. */
export function NumberSetting(props: NumberSettingProps): ReactNode {
  const { scale, step } = units[props.setting]
  const limits = settingsLimits[props.setting]
  return (
    <Field
      label={props.label}
      hint={props.hint}
      problem={props.problem}
      status={props.status}
      testId={`setting-${props.setting}`}
    >
      {(control) => (
        <input
          id={control.id}
          className="input"
          type="number"
          min={limits.min / scale}
          max={limits.max / scale}
          step={step}
          value={shown(props.value, scale)}
          aria-describedby={control.describedBy}
          aria-invalid={control.invalid}
          onChange={(event) => {
            const typed = numberFrom(event.target.value)
            // A count is sent as typed, so a fraction is reported rather than rounded away; a
            // scaled unit is rounded to the whole bytes or seconds the setting stores.
            props.onChange(scale === 1 ? typed : Math.round(typed * scale))
          }}
        />
      )}
    </Field>
  )
}
