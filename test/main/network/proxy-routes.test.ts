import { describe, expect, it } from 'vitest'
import { electronSystemProxy } from '../../../src/main/desktop/adapters/system-proxy'
import { environmentProxyRoute } from '../../../src/main/network/environment-proxy'
import { bypassesProxy } from '../../../src/main/network/no-proxy'
import { routeFromPacResult } from '../../../src/main/network/pac-result'
import { normalizeProxyUrl } from '../../../src/main/network/proxy-address'
import { redactText } from '../../../src/shared/redact'

describe('proxy routes', () => {
  it('reads Chromium proxy lists, first usable entry first', () => {
    expect(routeFromPacResult('DIRECT')).toEqual({ kind: 'direct' })
    expect(routeFromPacResult('PROXY proxy.corp:3128; DIRECT')).toEqual({
      kind: 'proxy',
      proxy: 'http://proxy.corp:3128',
    })
    expect(routeFromPacResult('QUIC q:443; SOCKS5 socks.corp:1080')).toEqual({
      kind: 'proxy',
      proxy: 'socks5h://socks.corp:1080',
    })
    expect(routeFromPacResult('')).toEqual({ kind: 'direct' })
  })

  it('matches NO_PROXY entries as curl does', () => {
    const url = (text: string) => new URL(text)
    expect(bypassesProxy(url('https://cdn.example.com/a'), '.example.com')).toBe(true)
    expect(bypassesProxy(url('https://example.com/a'), '*.example.com')).toBe(true)
    expect(bypassesProxy(url('https://notexample.com/a'), 'example.com')).toBe(false)
    expect(bypassesProxy(url('http://127.0.0.1:8080/'), '127.0.0.1:9090')).toBe(false)
    expect(bypassesProxy(url('http://[::1]:80/'), '::1')).toBe(true)
    expect(bypassesProxy(url('http://anything/'), '*')).toBe(true)
  })

  it('takes the scheme’s variable, then ALL_PROXY, unless NO_PROXY names the host', () => {
    const environment = {
      HTTPS_PROXY: 'proxy:3128',
      ALL_PROXY: 'socks5://s:1080',
      NO_PROXY: 'internal.corp',
    }
    expect(environmentProxyRoute('https://vod.cn-shanghai.aliyuncs.com/', environment)).toEqual({
      kind: 'proxy',
      proxy: 'http://proxy:3128',
    })
    expect(environmentProxyRoute('http://media.example/', environment)).toEqual({
      kind: 'proxy',
      proxy: 'socks5h://s:1080',
    })
    expect(environmentProxyRoute('https://a.internal.corp/', environment)).toEqual({
      kind: 'direct',
    })
  })

  it('refuses proxy addresses it cannot use, without echoing credentials', () => {
    expect(() => normalizeProxyUrl('ftp://proxy:21')).toThrow(/not supported/)
    expect(() => normalizeProxyUrl('http://user:secret@proxy:3128/path')).toThrow(/without a path/)
  })

  it('asks the Electron session once per origin while its answer is fresh', async () => {
    const asked: string[] = []
    const session = {
      resolveProxy: (url: string) => {
        asked.push(url)
        return Promise.resolve('PROXY 10.0.0.1:8080')
      },
    }
    const system = electronSystemProxy(session)
    await system('https://cdn.example.com/seg-1.ts')
    const route = await system('https://cdn.example.com/seg-2.ts')
    await system('https://other.example.com/key')
    expect(route).toEqual({ kind: 'proxy', proxy: 'http://10.0.0.1:8080' })
    expect(asked).toEqual(['https://cdn.example.com/seg-1.ts', 'https://other.example.com/key'])
  })

  it('redacts proxy credentials and Basic authorization in free text', () => {
    const text =
      'via socks5h://alice:s3cret@127.0.0.1:1080 and Proxy-Authorization: Basic YWxpY2U6czNjcmV0'
    const redacted = redactText(text)
    expect(redacted).not.toContain('s3cret')
    expect(redacted).not.toContain('YWxpY2U6czNjcmV0')
  })
})
