import type { en } from './en'

/** Every message key; the English catalogue defines the set. */
export type MessageKey = keyof typeof en

/** A complete catalogue: a missing or unknown key in any language fails the type check. */
export type Messages = { readonly [Key in MessageKey]: string }

/** Values for `{name}` placeholders in a message. */
export type MessageParams = Readonly<Record<string, string | number>>

/** Replaces `{name}` placeholders; unknown placeholders stay visible so they get noticed. */
export function formatMessage(template: string, params?: MessageParams): string {
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}
