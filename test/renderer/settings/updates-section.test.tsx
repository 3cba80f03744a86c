import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { UpdateStatus } from '../../../src/shared/contract'
import { renderApp } from '../support/render-app'

async function openSettings(updateStatus?: UpdateStatus) {
  const rendered = renderApp({
    initialRoute: { screen: 'settings' },
    ...(updateStatus ? { updateStatus } : {}),
  })
  await screen.findByTestId('settings-screen')
  return rendered
}

describe('Settings: updates', () => {
  it('is not there in the headless host, which never updates itself', async () => {
    await openSettings()
    await waitFor(() => expect(screen.getByTestId('settings-screen').textContent).toBeTruthy())
    expect(screen.queryByTestId('updates-section')).toBeNull()
  })

  it('switches updates and the channel, each applied at once through the shared settings', async () => {
    const { host } = await openSettings({
      state: 'idle',
      lastCheckedAt: null,
      lastCheckFailed: false,
    })
    const toggle = (await screen.findByTestId('setting-autoUpdate')).querySelector('input')!
    expect(toggle.checked).toBe(true)
    const channel = screen.getByTestId('setting-updateChannel').querySelector('select')!
    expect(channel.value).toBe('stable')
    fireEvent.change(channel, { target: { value: 'beta' } })
    await waitFor(() =>
      expect(host.callsOf('settings.update')).toEqual([{ updateChannel: 'beta' }]),
    )
    fireEvent.click(toggle)
    await waitFor(() =>
      expect(host.callsOf('settings.update')).toEqual([
        { updateChannel: 'beta' },
        { autoUpdate: false },
      ]),
    )
    expect(host.settings).toMatchObject({ autoUpdate: false, updateChannel: 'beta' })
    await waitFor(() => expect(channel.disabled).toBe(true))
  })

  it('offers "Restart now" for a downloaded update and follows main to waiting for downloads', async () => {
    const { host } = await openSettings({
      state: 'ready',
      version: '0.2.0',
      waitingForDownloads: false,
    })
    const status = await screen.findByTestId('update-status')
    expect(status.textContent).toContain('Version 0.2.0 is ready')
    host.restartOutcome = 'waiting-for-downloads'
    fireEvent.click(screen.getByTestId('update-restart'))
    await waitFor(() => expect(host.callsOf('app.restartToUpdate')).toHaveLength(1))
    host.emit('app.updateChanged', { state: 'ready', version: '0.2.0', waitingForDownloads: true })
    await waitFor(() =>
      expect(screen.getByTestId('update-status').textContent).toContain(
        'Version 0.2.0 installs as soon as the downloads finish.',
      ),
    )
    await waitFor(() =>
      expect(screen.getByTestId<HTMLButtonElement>('update-restart').disabled).toBe(false),
    )
  })

  it('shows the download and says why a development build does not update', async () => {
    const { host } = await openSettings({ state: 'unavailable', reason: 'development' })
    expect((await screen.findByTestId('update-status')).textContent).toBe(
      'A development build does not update itself.',
    )
    expect(screen.getByTestId('setting-autoUpdate').querySelector('input')!.disabled).toBe(true)
    host.emit('app.updateChanged', { state: 'downloading', version: '0.3.0-beta.1', percent: 42 })
    await waitFor(() =>
      expect(screen.getByTestId('update-status').textContent).toBe(
        'Downloading version 0.3.0-beta.1… 42 %',
      ),
    )
  })
})
