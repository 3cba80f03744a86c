import { useEffect, useSyncExternalStore } from 'react'
import type { ThemeChoice } from '../../../shared/settings'
import { resolveTheme, type AppliedTheme } from './resolve-theme'

const darkQuery = '(prefers-color-scheme: dark)'

function subscribeToSystemTheme(listener: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => undefined
  const query = window.matchMedia(darkQuery)
  query.addEventListener('change', listener)
  return () => query.removeEventListener('change', listener)
}

function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(darkQuery).matches
}

/**
 * Applies a theme setting to the document (`data-theme` selects the CSS variables) and follows
 * the OS while the setting is `system`.
 */
export function useAppliedTheme(choice: ThemeChoice): AppliedTheme {
  const prefersDark = useSyncExternalStore(subscribeToSystemTheme, systemPrefersDark)
  const theme = resolveTheme(choice, prefersDark)
  useEffect(() => {
    const root = document.documentElement
    root.dataset.theme = theme
    root.style.colorScheme = theme
  }, [theme])
  return theme
}
