import type { ReactNode } from 'react'

export interface SelectOption<Value extends string> {
  value: Value
  label: ReactNode
}

export interface SelectProps<Value extends string> {
  value: Value
  options: readonly SelectOption<Value>[]
  /** Called with the option chosen; a value the options do not hold is never passed on. */
  onChange: (value: Value) => void
  id?: string
  disabled?: boolean
  /** The name when no label element names the select. */
  ariaLabel?: string
  testId?: string
}

/** A select of typed options: the value handed back is one of the options, never a cast. */
export function Select<Value extends string>(props: SelectProps<Value>): ReactNode {
  return (
    <select
      id={props.id}
      className="input"
      value={props.value}
      disabled={props.disabled}
      aria-label={props.ariaLabel}
      onChange={(event) => {
        const chosen = props.options.find((option) => option.value === event.target.value)
        if (chosen) props.onChange(chosen.value)
      }}
      data-testid={props.testId}
    >
      {props.options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  )
}

export interface SelectFieldProps<Value extends string> extends Omit<SelectProps<Value>, 'id'> {
  label: string
  /** Label beside the select, as in toolbars, rather than above it. */
  inline?: boolean
}

/** A select inside its label, which names it. */
export function SelectField<Value extends string>(props: SelectFieldProps<Value>): ReactNode {
  const { label, inline, ...select } = props
  return (
    <label className={inline ? 'field field--inline' : 'field'}>
      <span>{label}</span>
      <Select {...select} />
    </label>
  )
}
