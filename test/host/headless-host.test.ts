import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { EventMessage } from '../../src/shared/contract'
import { silentLogger } from '../../src/main/common/logger'
import { startHeadlessHost, type HeadlessHost } from '../../src/host/headless-host'
import { apiRequest, rawRequest } from './http-client'

/** Opens the event socket; resolves when open, rejects with the refusal status. */
function openEvents(
  port: number,
  query: string,
  headers: Record<string, string> = {},
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/events${query}`, { headers })
    socket.once('open', () => resolve(socket))
    socket.once('unexpected-response', (_request, response) => {
      reject(new Error(`HTTP ${response.statusCode ?? 0}`))
      socket.terminate()
    })
    socket.once('error', reject)
  })
}

function nextMessage(socket: WebSocket, event: EventMessage['event']): Promise<EventMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const message = JSON.parse(Buffer.from(data as Buffer).toString('utf8')) as EventMessage
      if (message.event !== event) return
      socket.off('message', onMessage)
      resolve(message)
    }
    socket.on('message', onMessage)
  })
}

describe('headless host', () => {
  let root: string
  let host: HeadlessHost
  let port: number
  let token: string
  let auth: Record<string, string>

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'vod-host-'))
    const renderer = join(root, 'renderer')
    await mkdir(join(renderer, 'assets'), { recursive: true })
    await writeFile(join(renderer, 'index.html'), '<!doctype html><title>VOD Downloader</title>')
    await writeFile(join(renderer, 'assets', 'app.js'), 'console.log("renderer")')
    await writeFile(join(root, 'secret.txt'), 'outside the renderer folder')
    host = await startHeadlessHost({
      dataFolder: join(root, 'data'),
      downloadFolder: join(root, 'downloads'),
      rendererDirectory: renderer,
      demo: true,
      environment: {},
      log: silentLogger,
      version: '1.2.3',
      bodyLimitBytes: 64 * 1024,
    })
    port = host.server.port
    token = host.server.token
    auth = { Authorization: `Bearer ${token}` }
  })

  afterAll(async () => {
    await host.close()
    await rm(root, { recursive: true, force: true })
  })

  it.runIf(process.platform !== 'win32')(
    'keeps its data folder readable only by the user',
    async () => {
      expect((await stat(join(root, 'data'))).mode & 0o777).toBe(0o700)
    },
  )

  it('prints an address on 127.0.0.1 with the token in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${port}/#token=${token}`)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('answers requests with the token and refuses them without it', async () => {
    const accepted = await apiRequest(port, 'app.info', {}, auth)
    expect(accepted.status).toBe(200)
    expect(JSON.parse(accepted.body)).toMatchObject({
      ok: true,
      value: { version: '1.2.3', shell: 'headless' },
    })

    const refusedHeaders: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer wrong' },
      { Authorization: `Basic ${token}` },
    ]
    for (const headers of refusedHeaders) {
      const refused = await apiRequest(port, 'app.info', {}, headers)
      expect(refused.status).toBe(401)
      expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'Unauthorized' } })
    }
  })

  it('connects the demo library as the saved account', async () => {
    const account = JSON.parse((await apiRequest(port, 'account.get', {}, auth)).body) as unknown
    expect(account).toMatchObject({
      ok: true,
      value: { configured: true, source: 'saved', endpoint: host.emulator!.endpoint },
    })
    const search = JSON.parse(
      (await apiRequest(port, 'library.search', { mediaType: 'video', pageSize: 3 }, auth)).body,
    ) as { ok: boolean; value: { total: number } }
    expect(search.value.total).toBe(host.emulator!.library.videos.length)
  })

  it('answers the category tree and a copied address over its API', async () => {
    const categories = JSON.parse(
      (await apiRequest(port, 'library.categories', { mediaType: 'video' }, auth)).body,
    ) as { ok: boolean; value: Array<{ id: number; parentId: number | null; level: number }> }
    expect(categories.ok).toBe(true)
    expect(categories.value).toContainEqual(
      expect.objectContaining({ id: 1000211, parentId: 1000201, level: 2 }),
    )
    const mediaId = host.emulator!.library.roles.normalWithHdMp4
    const address = JSON.parse(
      (
        await apiRequest(
          port,
          'media.address',
          { reference: { mediaId, mediaType: 'video', kind: 'source', outputType: 'oss' } },
          auth,
        )
      ).body,
    ) as { ok: boolean; value: { url: string; expiresAt: number | null; addressType: string } }
    expect(address).toMatchObject({ ok: true, value: { addressType: 'oss' } })
    expect(address.value.expiresAt).toBeGreaterThan(Date.now())
    expect((await fetch(address.value.url, { headers: { Range: 'bytes=0-3' } })).status).toBe(206)
  })

  it('refuses a foreign Host and a foreign Origin even with the token', async () => {
    // Its own code and words: not the RAM / Referer "Access was denied" of a VOD refusal.
    const foreignRequest = {
      ok: false,
      error: {
        code: 'ForeignRequest',
        message: expect.stringContaining('Host or Origin') as unknown,
        messageZh: expect.stringContaining('Host 或 Origin') as unknown,
      },
    }
    for (const hostHeader of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`]) {
      const refused = await rawRequest(port, { path: '/', headers: { Host: hostHeader } })
      expect(refused.status, hostHeader).toBe(403)
      expect(JSON.parse(refused.body), hostHeader).toMatchObject(foreignRequest)
      const api = await apiRequest(port, 'app.info', {}, { ...auth, Host: hostHeader })
      expect(api.status, hostHeader).toBe(403)
      expect(JSON.parse(api.body), hostHeader).toMatchObject(foreignRequest)
    }
    const foreign = await apiRequest(
      port,
      'app.info',
      {},
      { ...auth, Origin: 'https://evil.example' },
    )
    expect(foreign.status).toBe(403)
    expect(JSON.parse(foreign.body)).toMatchObject(foreignRequest)
    expect(foreign.body).not.toContain('RAM')
    const own = await apiRequest(
      port,
      'app.info',
      {},
      { ...auth, Origin: `http://localhost:${port}` },
    )
    expect(own.status).toBe(200)
    const viaLocalhost = await apiRequest(
      port,
      'app.info',
      {},
      { ...auth, Host: `localhost:${port}` },
    )
    expect(viaLocalhost.status).toBe(200)
  })

  it('checks method, content type, JSON, request names and the body size', async () => {
    expect((await rawRequest(port, { path: '/api/app.info', headers: auth })).status).toBe(405)
    const textPlain = await rawRequest(port, {
      method: 'POST',
      path: '/api/app.info',
      headers: { ...auth, 'Content-Type': 'text/plain' },
      body: '{"input":{}}',
    })
    expect(textPlain.status).toBe(415)
    const notJson = await rawRequest(port, {
      method: 'POST',
      path: '/api/app.info',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: '{input',
    })
    expect(notJson.status).toBe(400)
    for (const name of ['%E0%A4%A', '%', 'app.info%ZZ', '%C0%AF']) {
      const malformed = await rawRequest(port, {
        method: 'POST',
        path: `/api/${name}`,
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: '{"input":{}}',
      })
      expect(malformed.status, name).toBe(400)
      expect(JSON.parse(malformed.body), name).toMatchObject({
        ok: false,
        error: { code: 'InvalidInput' },
      })
    }
    const unknown = await apiRequest(port, 'files.delete', {}, auth)
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'InvalidInput' } })
    const invalid = await apiRequest(port, 'library.search', { mediaType: 'podcast' }, auth)
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'InvalidInput' } })
    const tooLarge = await apiRequest(
      port,
      'settings.update',
      { cdnReferer: 'x'.repeat(70 * 1024) },
      auth,
    )
    expect(tooLarge.status).toBe(413)
    // The host still answers after refusing a large body.
    expect((await apiRequest(port, 'app.info', {}, auth)).status).toBe(200)
  })

  it('serves the renderer with the CSP and nothing outside its folder', async () => {
    const index = await rawRequest(port, { path: '/' })
    expect(index.status).toBe(200)
    expect(index.body).toContain('VOD Downloader')
    expect(index.headers['content-security-policy']).toContain(`ws://127.0.0.1:${port}`)
    expect(index.headers['x-content-type-options']).toBe('nosniff')
    const script = await rawRequest(port, { path: '/assets/app.js' })
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8')
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets',
      '/nothing-here.js',
    ]) {
      const refused = await rawRequest(port, { path })
      expect(refused.status, path).toBe(404)
      expect(refused.body, path).not.toContain('outside the renderer folder')
    }
    expect((await rawRequest(port, { method: 'POST', path: '/index.html' })).status).toBe(405)
  })

  it('pushes events over the WebSocket to every window that has the token', async () => {
    const first = await openEvents(port, `?token=${token}`, { Origin: `http://127.0.0.1:${port}` })
    const second = await openEvents(port, `?token=${token}`)
    try {
      const arrivals = [
        nextMessage(first, 'settings.changed'),
        nextMessage(second, 'settings.changed'),
      ]
      await apiRequest(port, 'settings.update', { theme: 'dark' }, auth)
      for (const message of await Promise.all(arrivals)) {
        expect(message).toMatchObject({ event: 'settings.changed', payload: { theme: 'dark' } })
      }
    } finally {
      first.close()
      second.close()
    }
  })

  it('refuses event sockets without the token, from a foreign origin or host', async () => {
    await expect(openEvents(port, '')).rejects.toThrow('HTTP 401')
    await expect(openEvents(port, '?token=wrong')).rejects.toThrow('HTTP 401')
    await expect(
      openEvents(port, `?token=${token}`, { Origin: 'https://evil.example' }),
    ).rejects.toThrow('HTTP 403')
    await expect(openEvents(port, `?token=${token}`, { Host: 'evil.example' })).rejects.toThrow(
      'HTTP 403',
    )
  })
})
