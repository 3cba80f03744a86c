import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index'
import { environmentProxyRoute } from '../../../src/main/network/environment-proxy'
import { normalizeProxyUrl, type ProxyRoute } from '../../../src/main/network/proxy-address'
import { createVodClient } from '../../../src/main/vod/create-vod-client'
import { missingProxyServers, startMicrosocks, startTinyproxy } from '../../support/proxy-servers'

const alice = { user: 'alice', password: 'api-pr0xy-s3cret' }
const cleanups: Array<() => Promise<void>> = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

beforeAll(() => {
  const missing = missingProxyServers()
  if (missing) throw new Error(missing)
})

async function emulator(): Promise<RunningEmulator> {
  const running = await startEmulator()
  cleanups.push(() => running.close())
  return running
}

function client(running: RunningEmulator, route: (url: string) => ProxyRoute) {
  return createVodClient(() => ({
    credentials: {
      kind: 'access-key',
      accessKeyId: running.accessKeyId,
      accessKeySecret: running.accessKeySecret,
    },
    regionId: 'cn-shanghai',
    endpoint: running.endpoint,
    proxy: (url) => Promise.resolve(route(url)),
  }))
}

const apiCalls = (running: RunningEmulator): number =>
  running.log.filter((entry) => entry.kind === 'api').length

describe('VOD API calls through real proxies (the SDK proxy options)', () => {
  it('calls the API through tinyproxy with basic auth', async () => {
    const running = await emulator()
    const tinyproxy = await startTinyproxy(alice)
    cleanups.push(() => tinyproxy.close())
    const proxy = normalizeProxyUrl(tinyproxy.url(alice))
    const page = await client(running, () => ({ kind: 'proxy', proxy })).searchMedia({
      searchType: 'video',
      pageSize: 5,
    })
    expect(page.items.length).toBeGreaterThan(0)
    const port = new URL(running.endpoint).port
    expect(await tinyproxy.log()).toMatch(new RegExp(`CONNECT 127\\.0\\.0\\.1:${port}`))
  })

  it('answers ProxyAuthFailed, without calling the API, when the password is wrong', async () => {
    const running = await emulator()
    const tinyproxy = await startTinyproxy(alice)
    cleanups.push(() => tinyproxy.close())
    const proxy = normalizeProxyUrl(tinyproxy.url({ user: 'alice', password: 'nope' }))
    const call = client(running, () => ({ kind: 'proxy', proxy })).searchMedia({
      searchType: 'video',
      pageSize: 5,
    })
    await expect(call).rejects.toMatchObject({ code: 'ProxyAuthFailed' })
    expect(apiCalls(running)).toBe(0)
  })

  it('calls the API through a SOCKS5 server', async () => {
    const running = await emulator()
    const socks = await startMicrosocks(alice)
    cleanups.push(() => socks.close())
    const proxy = normalizeProxyUrl(socks.url(alice))
    const page = await client(running, () => ({ kind: 'proxy', proxy })).searchMedia({
      searchType: 'video',
      pageSize: 5,
    })
    expect(page.items.length).toBeGreaterThan(0)
    expect(await socks.log()).toContain(`connected to 127.0.0.1:${new URL(running.endpoint).port}`)
  })

  it('goes direct for an endpoint NO_PROXY names', async () => {
    const running = await emulator()
    const tinyproxy = await startTinyproxy()
    cleanups.push(() => tinyproxy.close())
    const environment = { HTTP_PROXY: tinyproxy.url(), NO_PROXY: '127.0.0.1' }
    await client(running, (url) => environmentProxyRoute(url, environment)).searchMedia({
      searchType: 'video',
      pageSize: 5,
    })
    expect(apiCalls(running)).toBe(1)
    expect(await tinyproxy.log()).not.toMatch(/Request .*: CONNECT /)
  })
})
