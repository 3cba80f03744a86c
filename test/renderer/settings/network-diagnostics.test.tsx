import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp } from '../support/render-app'

async function openSettings() {
  const rendered = renderApp({ initialRoute: { screen: 'settings' } })
  await screen.findByTestId('proxy-section')
  return rendered
}

function control<T extends HTMLElement>(testId: string, selector: string): T {
  const found = screen.getByTestId(testId).querySelector(selector)
  if (!found) throw new Error(`${testId} has no ${selector}`)
  return found as T
}

describe('Settings: proxy', () => {
  it('applies a manual proxy as one change, only when asked', async () => {
    const { host } = await openSettings()
    expect(control<HTMLSelectElement>('setting-proxyMode', 'select').value).toBe('system')
    fireEvent.change(control('setting-proxyMode', 'select'), { target: { value: 'manual' } })
    fireEvent.change(control('setting-proxyServer', 'input'), {
      target: { value: 'socks5://127.0.0.1:1080' },
    })
    fireEvent.change(control('setting-proxyUsername', 'input'), { target: { value: 'editor' } })
    // Typing applies nothing: a half-typed proxy address would cut every download off.
    expect(host.callsOf('settings.update')).toEqual([])
    fireEvent.click(screen.getByTestId('proxy-apply'))
    await waitFor(() =>
      expect(host.callsOf('settings.update')).toEqual([
        {
          proxyMode: 'manual',
          proxyServer: 'socks5://127.0.0.1:1080',
          proxyUsername: 'editor',
          proxyBypass: 'localhost, 127.0.0.1, ::1',
        },
      ]),
    )
    expect(host.settings.proxyMode).toBe('manual')
    await waitFor(() =>
      expect(screen.getByTestId<HTMLButtonElement>('proxy-apply').disabled).toBe(true),
    )
  })

  it('saves and removes the proxy password without ever showing it again', async () => {
    const { host } = await openSettings()
    fireEvent.change(control('setting-proxyMode', 'select'), { target: { value: 'manual' } })
    const password = control<HTMLInputElement>('setting-proxyPassword', 'input')
    expect(password.type).toBe('password')
    fireEvent.change(password, { target: { value: 's3cret' } })
    fireEvent.click(screen.getByTestId('proxy-password-save'))
    await waitFor(() => expect(host.proxyPasswordSaved).toBe(true))
    expect(host.callsOf('network.saveProxyPassword')).toEqual([{ password: 's3cret' }])
    await waitFor(() => expect(password.value).toBe(''))
    expect(screen.getByTestId('setting-proxyPassword').textContent).toContain('A password is saved')
    fireEvent.click(screen.getByTestId('proxy-password-clear'))
    await waitFor(() => expect(host.proxyPasswordSaved).toBe(false))
    expect(screen.getByTestId('setting-proxyPassword').textContent).toContain('No password saved')
  })
})

describe('Settings: diagnostics', () => {
  it('exports a bundle and shows where it went', async () => {
    const { host } = await openSettings()
    fireEvent.click(screen.getByTestId('diagnostics-export'))
    await waitFor(() => expect(host.callsOf('diagnostics.export')).toHaveLength(1))
    expect((await screen.findByTestId('diagnostics-path')).textContent).toContain(
      'vod-downloader-diagnostics.zip',
    )
  })

  it('names the log folder where the shell cannot open it, and says nothing where it did', async () => {
    const { host } = await openSettings()
    fireEvent.click(screen.getByTestId('diagnostics-open-logs'))
    expect((await screen.findByTestId('diagnostics-path')).textContent).toContain('logs')
    host.opensFolders = true
    fireEvent.click(screen.getByTestId('diagnostics-open-logs'))
    await waitFor(() => expect(host.callsOf('diagnostics.openLogFolder')).toHaveLength(2))
    await waitFor(() => expect(screen.queryByTestId('diagnostics-path')).toBeNull())
  })
})
