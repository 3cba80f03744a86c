import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createProxyNetwork } from '../../../src/main/network/proxy-network'
import { environmentProxyRoute } from '../../../src/main/network/environment-proxy'
import { normalizeProxyUrl } from '../../../src/main/network/proxy-address'
import type { ProxyResolver } from '../../../src/main/network/proxy-resolver'
import { createEngineRuntime, type EngineRuntime } from '../../../src/main/runtime/engine-runtime'
import { fastSettings, sha256File } from '../../support/engine-harness'
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server'
import {
  missingProxyServers,
  startMicrosocks,
  startTinyproxy,
  type RunningProxy,
} from '../../support/proxy-servers'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'

const alice = { user: 'alice', password: 'pr0xy-s3cret' }
const cleanups: Array<() => Promise<void>> = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

beforeAll(() => {
  const missing = missingProxyServers()
  if (missing) throw new Error(missing)
})

async function fixture(): Promise<FixtureServer> {
  const server = await startFixtureServer([
    { path: '/media/clip.mp4', size: 3 * 1024 * 1024, crc64Header: true },
  ])
  cleanups.push(() => server.close())
  return server
}

async function proxy(start: () => Promise<RunningProxy>): Promise<RunningProxy> {
  const running = await start()
  cleanups.push(() => running.close())
  return running
}

/** An engine whose every request takes the route `resolver` gives. */
async function engine(resolver: ProxyResolver): Promise<EngineRuntime & { directory: string }> {
  const root = await mkdtemp(join(tmpdir(), 'vod-proxy-'))
  const network = createProxyNetwork(resolver)
  const runtime = createEngineRuntime({
    dataFolder: join(root, 'data'),
    settings: fastSettings,
    agents: network.agents,
  })
  cleanups.push(async () => {
    await runtime.close()
    network.close()
    await fs.rm(root, { recursive: true, force: true })
  })
  const directory = join(root, 'downloads')
  await fs.mkdir(directory, { recursive: true })
  return { ...runtime, directory }
}

async function download(runtime: EngineRuntime & { directory: string }, url: string) {
  const [job] = runtime.manager.addMany([
    { source: { kind: 'url', url }, directory: runtime.directory },
  ])
  runtime.manager.start()
  await runtime.manager.waitForIdle()
  return runtime.manager.get(job!.id)!
}

const through =
  (proxyUrl: string): ProxyResolver =>
  () =>
    Promise.resolve({ kind: 'proxy', proxy: normalizeProxyUrl(proxyUrl) })

describe('downloads through real proxies', () => {
  it('goes through tinyproxy with basic auth, and the proxy logs the connection', async () => {
    const server = await fixture()
    const tinyproxy = await proxy(() => startTinyproxy(alice))
    const runtime = await engine(through(tinyproxy.url(alice)))
    const job = await download(runtime, server.signUrl('/media/clip.mp4', 3600))
    expect(job.state).toBe('completed')
    expect(await sha256File(join(runtime.directory, job.fileName))).toBe(
      server.file('/media/clip.mp4').sha256,
    )
    const port = new URL(server.origin).port
    expect(await tinyproxy.log()).toMatch(new RegExp(`CONNECT 127\\.0\\.0\\.1:${port}`))
  })

  it('fails with ProxyAuthFailed when tinyproxy refuses the password', async () => {
    const server = await fixture()
    const tinyproxy = await proxy(() => startTinyproxy(alice))
    const runtime = await engine(through(tinyproxy.url({ user: 'alice', password: 'wrong' })))
    const job = await download(runtime, server.url('/media/clip.mp4'))
    expect(job.state).toBe('failed')
    expect(job.error?.code).toBe('ProxyAuthFailed')
    expect(job.error?.message).toContain(`http://127.0.0.1:${tinyproxy.port}`)
    expect(JSON.stringify(job.error)).not.toContain('wrong')
    expect(server.log).toHaveLength(0)
  })

  it('goes through microsocks with a user name, the proxy resolving the host name', async () => {
    const server = await fixture()
    const socks = await proxy(() => startMicrosocks(alice))
    const runtime = await engine(through(socks.url(alice)))
    const port = new URL(server.origin).port
    // "localhost" reaches the SOCKS server as a name (socks5h), which it resolves and logs.
    const job = await download(runtime, `http://localhost:${port}/media/clip.mp4`)
    expect(job.state).toBe('completed')
    expect(await socks.log()).toContain(`connected to localhost:${port}`)
  })

  it('fails with ProxyAuthFailed when the SOCKS5 server refuses the password', async () => {
    const server = await fixture()
    const socks = await proxy(() => startMicrosocks(alice))
    const runtime = await engine(through(socks.url({ user: 'alice', password: 'wrong' })))
    const job = await download(runtime, server.url('/media/clip.mp4'))
    expect(job.state).toBe('failed')
    expect(job.error?.code).toBe('ProxyAuthFailed')
  })

  it('honours HTTPS_PROXY / HTTP_PROXY and bypasses the hosts NO_PROXY names', async () => {
    const server = await fixture()
    const tinyproxy = await proxy(() => startTinyproxy())
    const port = new URL(server.origin).port
    const environment = { HTTP_PROXY: tinyproxy.url(), NO_PROXY: 'localhost' }
    const runtime = await engine((url) => Promise.resolve(environmentProxyRoute(url, environment)))
    const bypassed = await download(runtime, `http://localhost:${port}/media/clip.mp4`)
    expect(bypassed.state).toBe('completed')
    expect(await tinyproxy.log()).not.toMatch(/Request .*: CONNECT /)
    const proxied = await download(runtime, `http://127.0.0.1:${port}/media/clip.mp4`)
    expect(proxied.state).toBe('completed')
    expect(await tinyproxy.log()).toMatch(new RegExp(`CONNECT 127\\.0\\.0\\.1:${port}`))
  })
})
