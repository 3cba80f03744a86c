import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { resolveLanguage } from '../../../src/renderer/src/i18n/resolve-language'
import { resolveTheme } from '../../../src/renderer/src/theme/resolve-theme'
import { renderApp } from '../support/render-app'

function navLabels(): string[] {
  return ['nav-library', 'nav-downloads', 'nav-settings'].map(
    (id) => screen.getByTestId(id).textContent ?? '',
  )
}

describe('language', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('follows the browser language when the setting is "system"', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['zh-CN', 'en'])
    renderApp()
    await screen.findByTestId('app-shell')
    expect(navLabels()).toEqual(['媒资库', '下载', '设置'])
    expect(document.documentElement.lang).toBe('zh-CN')
  })

  it('switches between English and Chinese from the settings screen', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-US'])
    const { host } = renderApp({ initialRoute: { screen: 'settings' } })
    await screen.findByTestId('settings-screen')
    expect(navLabels()).toEqual(['Library', 'Downloads', 'Settings'])

    fireEvent.change(screen.getByTestId('settings-language'), { target: { value: 'zh-CN' } })
    await waitFor(() => expect(navLabels()).toEqual(['媒资库', '下载', '设置']))
    expect(host.settings.language).toBe('zh-CN')
    expect(screen.getByTestId('settings-screen').textContent).toContain('点播账号')

    fireEvent.change(screen.getByTestId('settings-language'), { target: { value: 'en' } })
    await waitFor(() => expect(navLabels()).toEqual(['Library', 'Downloads', 'Settings']))
  })

  it('follows a language change made elsewhere (settings.changed)', async () => {
    const { host } = renderApp({ settings: { language: 'en' } })
    await screen.findByTestId('app-shell')
    host.emit('settings.changed', { ...host.settings, language: 'zh-CN' })
    await waitFor(() => expect(navLabels()[0]).toBe('媒资库'))
  })

  it('resolves choices', () => {
    expect(resolveLanguage('system', ['zh-TW'])).toBe('zh-CN')
    expect(resolveLanguage('system', ['fr-FR', 'en-GB'])).toBe('en')
    expect(resolveLanguage('system', [])).toBe('en')
    expect(resolveLanguage('en', ['zh-CN'])).toBe('en')
  })
})

describe('theme', () => {
  let prefersDark = false
  const mediaListeners = new Set<() => void>()

  beforeEach(() => {
    prefersDark = false
    mediaListeners.clear()
    // jsdom has no matchMedia; this stands in for the OS preference.
    vi.stubGlobal('matchMedia', (query: string) => ({
      get matches() {
        return query.includes('dark') && prefersDark
      },
      addEventListener: (_type: string, listener: () => void) => mediaListeners.add(listener),
      removeEventListener: (_type: string, listener: () => void) => mediaListeners.delete(listener),
    }))
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('applies the saved theme and switches it from settings', async () => {
    renderApp({ settings: { theme: 'dark' }, initialRoute: { screen: 'settings' } })
    await screen.findByTestId('settings-screen')
    // Settings load asynchronously; the saved theme applies once they arrive.
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'))
    fireEvent.change(screen.getByTestId('settings-theme'), { target: { value: 'light' } })
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'))
    expect(document.documentElement.style.colorScheme).toBe('light')
  })

  it('follows the OS while set to "system"', async () => {
    renderApp({ settings: { theme: 'system' } })
    await screen.findByTestId('app-shell')
    expect(document.documentElement.dataset.theme).toBe('light')
    prefersDark = true
    for (const listener of mediaListeners) listener()
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'))
  })

  it('resolves choices', () => {
    expect(resolveTheme('system', true)).toBe('dark')
    expect(resolveTheme('light', true)).toBe('light')
  })
})
