import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp } from '../support/render-app'

const secret = 'Sup3r-Secret-Value-9f8e7d'

async function openSettings(options: Parameters<typeof renderApp>[0] = {}) {
  const rendered = renderApp({ ...options, initialRoute: { screen: 'settings' } })
  await screen.findByTestId('settings-screen')
  return rendered
}

function input(testId: string): HTMLInputElement {
  return screen.getByTestId<HTMLInputElement>(testId)
}

describe('Settings: account', () => {
  it('shows the saved account without any secret and starts with empty secret fields', async () => {
    await openSettings()
    const status = screen.getByTestId('account-status')
    expect(status.dataset.configured).toBe('true')
    expect(status.textContent).toContain('LTAI****abcd')
    expect(input('account-secret').value).toBe('')
    expect(input('account-secret').type).toBe('password')
    expect(input('account-access-key-id').value).toBe('')
  })

  it('saves credentials, then forgets the secret and never shows it', async () => {
    const { host, container } = await openSettings()
    fireEvent.click(screen.getByTestId('account-kind-sts'))
    fireEvent.change(input('account-access-key-id'), { target: { value: 'STS.NUabcdefgh1234' } })
    fireEvent.change(input('account-secret'), { target: { value: secret } })
    fireEvent.change(await screen.findByTestId('account-security-token'), {
      target: { value: 'token-xyz-123456' },
    })
    await waitFor(() =>
      expect(within(input('account-region')).getAllByRole('option').length).toBe(3),
    )
    fireEvent.change(input('account-region'), { target: { value: 'cn-beijing' } })
    fireEvent.click(screen.getByTestId('account-save'))

    await screen.findByText(/Account saved/)
    expect(screen.getByTestId('account-status').textContent).toContain('STS.****1234')
    expect(host.receivedSecrets).toEqual([secret, 'token-xyz-123456'])
    expect(host.callsOf('account.save')[0]).toMatchObject({ kind: 'sts', regionId: 'cn-beijing' })
    expect(input('account-secret').value).toBe('')
    expect(container.innerHTML).not.toContain(secret)
    expect(container.innerHTML).not.toContain('token-xyz-123456')
  })

  it('chooses the credential chain with a profile, and shows the source found and its expiry', async () => {
    const { host } = await openSettings()
    fireEvent.click(screen.getByTestId('account-kind-chain'))
    expect(screen.queryByTestId('account-secret')).toBeNull()
    expect(screen.queryByTestId('account-access-key-id')).toBeNull()
    expect(screen.getByTestId('account-chain-hint').textContent).toContain(
      'ALIBABA_CLOUD_CREDENTIALS_URI',
    )
    fireEvent.change(input('account-profile'), { target: { value: 'media-ops' } })
    fireEvent.click(screen.getByTestId('account-test'))
    await waitFor(() =>
      expect(screen.getByTestId('account-test-result').textContent).toContain(
        'Credentials from default/credential_uri.',
      ),
    )
    fireEvent.click(screen.getByTestId('account-save'))
    await screen.findByText(/Account saved/)
    expect(host.callsOf('account.save')[0]).toEqual({
      kind: 'chain',
      profile: 'media-ops',
      regionId: 'cn-shanghai',
    })
    expect(host.receivedSecrets).toEqual([])
    const status = screen.getByTestId('account-status')
    expect(status.textContent).toContain('Profile / credential chain')
    expect(status.textContent).toContain('media-ops')
    expect(screen.getByTestId('account-chain-source').textContent).toBe('default/credential_uri')
    expect(screen.getByTestId('account-session-expires').textContent).toMatch(
      /^2026-12-07 \d{2}:\d{2}:30$/,
    )
  })

  it('tests typed credentials without saving them and shows a clear failure', async () => {
    const { host } = await openSettings()
    fireEvent.change(input('account-access-key-id'), { target: { value: 'LTAI5tWrongKey' } })
    fireEvent.change(input('account-secret'), { target: { value: 'wrong-secret' } })
    fireEvent.click(screen.getByTestId('account-test'))
    const result = await screen.findByTestId('account-test-result', {}, { timeout: 5000 })
    await waitFor(() => expect(result.dataset.status).toBe('failed'))
    expect(result.textContent).toContain('secret is wrong')
    expect(result.textContent).toContain('SignatureMismatch')
    expect(host.callsOf('account.save')).toEqual([])
  })

  it('tests the saved account when nothing is typed', async () => {
    const { host } = await openSettings()
    fireEvent.click(screen.getByTestId('account-test'))
    await waitFor(() =>
      expect(screen.getByTestId('account-test-result').dataset.status).toBe('connected'),
    )
    expect(screen.getByTestId('account-test-result').textContent).toContain(
      'vod.cn-shanghai.aliyuncs.com',
    )
    expect(host.callsOf('account.test')).toEqual([{}])
  })

  it('removes the account after a confirming second click', async () => {
    await openSettings()
    fireEvent.click(screen.getByTestId('account-clear'))
    expect(screen.getByTestId('account-status').dataset.configured).toBe('true')
    fireEvent.click(screen.getByTestId('account-clear'))
    await waitFor(() =>
      expect(screen.getByTestId('account-status').dataset.configured).toBe('false'),
    )
  })
})

describe('Settings: download settings', () => {
  it('validates limits and the file-name template, and previews the name', async () => {
    const { host } = await openSettings()
    const preview = screen.getByTestId('file-name-preview')
    expect(preview.textContent).toContain('Product launch/HD.mp4')

    const concurrency = within(screen.getByTestId('setting-maxConcurrentJobs')).getByRole(
      'spinbutton',
    )
    fireEvent.change(concurrency, { target: { value: '40' } })
    expect(screen.getByTestId('setting-maxConcurrentJobs').textContent).toContain(
      'Enter a whole number from 1 to 16.',
    )

    const template = within(screen.getByTestId('setting-fileNameTemplate')).getByRole('textbox')
    fireEvent.change(template, { target: { value: '../{title}.{ext}' } })
    expect(screen.getByTestId('setting-fileNameTemplate').textContent).toContain(
      'cannot be folder names',
    )
    // Invalid values are never sent, and the form says so.
    fireEvent.focusOut(template)
    expect(screen.getByTestId('settings-save-status').dataset.state).toBe('invalid')
    await new Promise((resolve) => setTimeout(resolve, 800))
    expect(host.callsOf('settings.update')).toEqual([])
  })

  it('applies what changed as soon as a field is left, and marks it applied', async () => {
    const { host } = await openSettings()
    const connections = within(screen.getByTestId('setting-connectionsPerJob')).getByRole(
      'spinbutton',
    )
    fireEvent.change(connections, { target: { value: '16' } })
    fireEvent.click(screen.getByTestId('setting-address-oss'))
    fireEvent.change(
      within(screen.getByTestId('setting-speedLimitBytesPerSecond')).getByRole('spinbutton'),
      {
        target: { value: '2.5' },
      },
    )
    fireEvent.focusOut(connections)
    await waitFor(() => expect(host.callsOf('settings.update')).toHaveLength(1))
    expect(host.callsOf('settings.update')[0]).toEqual({
      connectionsPerJob: 16,
      defaultAddressType: 'oss',
      speedLimitBytesPerSecond: 2_621_440,
    })
    await waitFor(() =>
      expect(screen.getByTestId('settings-save-status').dataset.state).toBe('saved'),
    )
    expect(
      within(screen.getByTestId('setting-connectionsPerJob')).getByTestId('field-status')
        .textContent,
    ).toBe('✓ Applied')
    expect(
      within(screen.getByTestId('setting-maxConcurrentJobs')).queryByTestId('field-status'),
    ).toBeNull()
  })

  it('sends a typed value after a pause, without leaving the field', async () => {
    const { host } = await openSettings()
    fireEvent.change(
      within(screen.getByTestId('setting-maxConcurrentJobs')).getByRole('spinbutton'),
      { target: { value: '5' } },
    )
    expect(host.callsOf('settings.update')).toEqual([])
    await waitFor(() => expect(host.callsOf('settings.update')).toEqual([{ maxConcurrentJobs: 5 }]))
  })

  it('says which values were not saved when Settings closes with them invalid', async () => {
    const { host } = await openSettings()
    fireEvent.change(
      within(screen.getByTestId('setting-speedLimitBytesPerSecond')).getByRole('spinbutton'),
      { target: { value: '-3' } },
    )
    fireEvent.click(screen.getByTestId('nav-downloads'))
    const notice = await screen.findByText(/Not saved, because the value was not valid/)
    expect(notice.textContent).toContain('Speed limit (MB/s)')
    expect(host.callsOf('settings.update')).toEqual([])
  })

  it('fills the folder from the native picker when the shell has one', async () => {
    await openSettings()
    fireEvent.click(screen.getByTestId('setting-choose-directory'))
    const folder = within(
      screen.getByTestId('setting-downloadDirectory'),
    ).getByRole<HTMLInputElement>('textbox')
    await waitFor(() => expect(folder.value).toBe('/media/editor/Masters'))
  })

  it('hides the picker and marks desktop-only options in a browser', async () => {
    await openSettings({
      capabilities: { chooseDirectory: false, tray: false, startAtLogin: false },
    })
    expect(screen.queryByTestId('setting-choose-directory')).toBeNull()
    const tray = within(screen.getByTestId('setting-closeToTray')).getByRole<HTMLInputElement>(
      'checkbox',
    )
    expect(tray.disabled).toBe(true)
  })
})

describe('Settings: MtsHlsUriToken', () => {
  const token = 'Hls-Token-5c2e8a'

  it('saves a token one way, shows only that one is saved, and removes it', async () => {
    const { host, container } = await openSettings()
    const status = screen.getByTestId('hls-token-status')
    expect(status.dataset.configured).toBe('false')
    expect(input('hls-token-input').type).toBe('password')
    expect(screen.queryByTestId('hls-token-clear')).toBeNull()

    fireEvent.change(input('hls-token-input'), { target: { value: token } })
    fireEvent.click(screen.getByTestId('hls-token-save'))
    await screen.findByText('MtsHlsUriToken saved.')
    expect(host.callsOf('settings.saveHlsToken')).toEqual([{ token }])
    expect(screen.getByTestId('hls-token-status').dataset.configured).toBe('true')
    expect(input('hls-token-input').value).toBe('')
    expect(container.innerHTML).not.toContain(token)
    // The token is not part of the settings form: saving the form never sends it.
    expect(host.callsOf('settings.update')).toEqual([])

    fireEvent.click(screen.getByTestId('hls-token-clear'))
    await waitFor(() =>
      expect(screen.getByTestId('hls-token-status').dataset.configured).toBe('false'),
    )
    expect(host.callsOf('settings.clearHlsToken')).toEqual([{}])
  })

  it('checks the allowed key hosts and saves them with the form', async () => {
    const { host } = await openSettings()
    const hosts = within(screen.getByTestId('setting-hlsKeyHosts')).getByRole('textbox')
    fireEvent.change(hosts, { target: { value: 'https://kms.example.com/' } })
    expect(screen.getByTestId('setting-hlsKeyHosts').textContent).toContain(
      'Enter host names such as kms.example.com',
    )
    fireEvent.change(hosts, { target: { value: 'kms.example.com, *.example.net' } })
    fireEvent.focusOut(hosts)
    await waitFor(() => expect(host.callsOf('settings.update')).toHaveLength(1))
    expect(host.callsOf('settings.update')[0]).toEqual({
      hlsKeyHosts: 'kms.example.com, *.example.net',
    })
  })

  it('checks the CDN domain for streams and saves it', async () => {
    const { host } = await openSettings()
    const domain = within(screen.getByTestId('setting-playDomain')).getByRole('textbox')
    fireEvent.change(domain, { target: { value: 'https://media.example.com/' } })
    expect(screen.getByTestId('setting-playDomain').textContent).toContain(
      'Enter a domain name only, such as media.example.com',
    )
    fireEvent.change(domain, { target: { value: 'media.example.com' } })
    fireEvent.focusOut(domain)
    await waitFor(() => expect(host.callsOf('settings.update')).toHaveLength(1))
    expect(host.callsOf('settings.update')[0]).toEqual({ playDomain: 'media.example.com' })
  })
})
