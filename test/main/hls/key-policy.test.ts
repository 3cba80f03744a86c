import { describe, expect, it } from 'vitest'
import { isLoopbackHostname, keyRequestFor } from '../../../src/main/hls/key-policy'

const playlistUrl = 'https://cdn.example.com/vod/abc/index.m3u8?auth_key=1-0-0-x'

function request(uri: string, token: string | undefined, allowedHosts: string[] = []) {
  return keyRequestFor({ uri, playlistUrl }, { token, allowedHosts })
}

describe('keyRequestFor', () => {
  it('adds MtsHlsUriToken once to a key on the playlist host, and only when one is configured', () => {
    const uri = 'https://cdn.example.com/keys/1?Ciphertext=abc%2B'
    expect(request(uri, undefined)).toEqual({ url: uri, withheld: undefined })
    expect(request(uri, 'tok en')).toEqual({
      url: 'https://cdn.example.com/keys/1?Ciphertext=abc%2B&MtsHlsUriToken=tok+en',
      withheld: undefined,
    })
    // The CDN's "HLS encryption rewrite" already put a token on the key URI: left as listed.
    const rewritten = `${uri}&MtsHlsUriToken=from-cdn`
    expect(request(rewritten, 'mine')).toEqual({ url: rewritten, withheld: undefined })
  })

  it('withholds the token from a key on another host unless the host is allowed', () => {
    const uri = 'https://kms.example.net/keys/1?Ciphertext=abc'
    const refused = request(uri, 'secret-token')
    expect(refused.url).toBe(uri)
    expect(refused.withheld).toMatch(
      /key host kms\.example\.net is not the playlist's host cdn\.example\.com/,
    )
    expect(refused.withheld).not.toContain('secret-token')
    // Another port of the playlist's host is another host.
    expect(request('https://cdn.example.com:8443/k', 'secret-token').withheld).toBeDefined()

    expect(request(uri, 'secret-token', ['kms.example.net']).url).toBe(
      `${uri}&MtsHlsUriToken=secret-token`,
    )
    expect(request(uri, 'secret-token', ['KMS.Example.NET:443']).withheld).toBeUndefined()
    expect(request(uri, 'secret-token', ['kms.example.net:8443']).withheld).toBeDefined()
    expect(request(uri, 'secret-token', ['*.example.net']).withheld).toBeUndefined()
    expect(request(uri, 'secret-token', ['*.kms.example.net']).withheld).toBeDefined()
    expect(
      request('https://evilexample.net/k', 'secret-token', ['*.example.net']).withheld,
    ).toBeDefined()
  })

  it('sends the token only over https, except to this computer', () => {
    const withheld = keyRequestFor(
      { uri: 'http://cdn.example.com/keys/1', playlistUrl: 'http://cdn.example.com/index.m3u8' },
      { token: 'secret-token', allowedHosts: [] },
    )
    expect(withheld.url).toBe('http://cdn.example.com/keys/1')
    expect(withheld.withheld).toMatch(/over http from cdn\.example\.com; .*only over https/)
    const allowed = keyRequestFor(
      { uri: 'http://10.0.0.5/keys/1', playlistUrl: 'https://cdn.example.com/index.m3u8' },
      { token: 'secret-token', allowedHosts: ['10.0.0.5'] },
    )
    expect(allowed.withheld).toMatch(/over http/)
    for (const local of [
      'http://127.0.0.1:8080',
      'http://127.8.9.10',
      'http://localhost:1',
      'http://[::1]:99',
    ]) {
      const local_ = keyRequestFor(
        { uri: `${local}/keys/1`, playlistUrl: `${local}/index.m3u8` },
        { token: 't', allowedHosts: [] },
      )
      expect(local_, local).toEqual({
        url: `${local}/keys/1?MtsHlsUriToken=t`,
        withheld: undefined,
      })
    }
  })
})

describe('isLoopbackHostname', () => {
  it('knows 127.0.0.0/8, ::1 and localhost, and nothing else', () => {
    for (const host of ['127.0.0.1', '127.255.0.3', 'localhost', 'LOCALHOST', '[::1]']) {
      expect(isLoopbackHostname(host), host).toBe(true)
    }
    for (const host of [
      '128.0.0.1',
      '10.0.0.1',
      'localhost.example.com',
      '127.0.0.1.nip.io',
      '[::2]',
    ]) {
      expect(isLoopbackHostname(host), host).toBe(false)
    }
    expect(isLoopbackHostname(new URL('http://127.1/').hostname)).toBe(true)
  })
})
