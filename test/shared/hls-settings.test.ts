import { describe, expect, it } from 'vitest'
import { parseRequestInput } from '../../src/shared/contract'
import { parseHlsKeyHosts } from '../../src/shared/settings'

describe('HLS key settings in the contract', () => {
  it('accepts key hosts as host, host:port or *.domain, separated by commas or spaces', () => {
    expect(parseHlsKeyHosts(' kms.example.com,*.example.net  [::1]:8443\n10.0.0.5 ')).toEqual([
      'kms.example.com',
      '*.example.net',
      '[::1]:8443',
      '10.0.0.5',
    ])
    const accepted = parseRequestInput('settings.update', {
      hlsKeyHosts: 'kms.example.com, *.example.net, 127.0.0.1:8080',
    })
    expect(accepted.ok).toBe(true)
    for (const hlsKeyHosts of ['https://kms.example.com', 'kms.example.com/keys', '*.com', '*']) {
      expect(parseRequestInput('settings.update', { hlsKeyHosts }).ok, hlsKeyHosts).toBe(false)
    }
  })

  it('lets the token in only through its own request, never as a plain setting', () => {
    expect(parseRequestInput('settings.update', { mtsHlsUriToken: 'x' }).ok).toBe(false)
    expect(parseRequestInput('settings.update', { mtsHlsUriTokenConfigured: true }).ok).toBe(false)
    expect(parseRequestInput('settings.saveHlsToken', { token: '  ' }).ok).toBe(false)
    expect(parseRequestInput('settings.saveHlsToken', { token: ' abc ' })).toEqual({
      ok: true,
      value: { token: 'abc' },
    })
  })
})
