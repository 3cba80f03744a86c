import type { I18n } from '../../i18n/i18n-context'
import type { MessageKey } from '../../i18n/messages'

/**
 * A message that depends on a count: `<base>.one` for exactly one (English says "1 download"),
 * `<base>.other` otherwise; the Chinese catalogue gives both the same text.
 */
export function plural(
  i18n: Pick<I18n, 't'>,
  base: string,
  count: number,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const key = `${base}.${count === 1 ? 'one' : 'other'}` as MessageKey
  return i18n.t(key, { count, ...params })
}
