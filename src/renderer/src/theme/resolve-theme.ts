import type { ThemeChoice } from '../../../shared/settings'

export type AppliedTheme = 'light' | 'dark'

/** The theme for a setting: an explicit choice wins, `system` follows the OS preference. */
export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): AppliedTheme {
  if (choice === 'system') return systemPrefersDark ? 'dark' : 'light'
  return choice
}
