import type { en } from './en'

/** Every message key; the English catalogue defines the set. */
export type MessageKey = keyof typeof en

/** A complete catalogue: a missing or unknown key in any language fails the type check. */
export type Messages = { readonly [Key in MessageKey]: string }

/**
 * Messages that depend on a count come as `<base>.one` and `<base>.other`; `PluralKey` names the
 * bases. English says "1 file" and "2 files"; Chinese has one form, so its two entries are equal.
 */
export type PluralKey = {
  [Key in MessageKey]: Key extends `${infer Base}.other`
    ? `${Base}.one` extends MessageKey
      ? Base
      : never
    : never
}[MessageKey]

/** The catalogue entry for `count` under the language's plural rules (CLDR, via Intl). */
export function pluralKey(base: PluralKey, count: number, rules: Intl.PluralRules): MessageKey {
  return rules.select(count) === 'one' ? `${base}.one` : `${base}.other`
}

/** Values for `{name}` placeholders in a message. */
export type MessageParams = Readonly<Record<string, string | number>>

/** Replaces `{name}` placeholders; unknown placeholders stay visible so they get noticed. */
export function formatMessage(template: string, params?: MessageParams): string {
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}
