import type { Language } from '../../../shared/errors'
import type { LanguageChoice } from '../../../shared/settings'

/** The language for a setting: an explicit choice wins, `system` follows the browser's list. */
export function resolveLanguage(
  choice: LanguageChoice,
  preferred: readonly string[] | undefined,
): Language {
  if (choice !== 'system') return choice
  for (const tag of preferred ?? []) {
    const lower = tag.toLowerCase()
    if (lower.startsWith('zh')) return 'zh-CN'
    if (lower.startsWith('en')) return 'en'
  }
  return 'en'
}

/** The browser's preferred languages, for `resolveLanguage`. */
export function navigatorLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return []
  return navigator.languages.length > 0 ? navigator.languages : [navigator.language]
}
