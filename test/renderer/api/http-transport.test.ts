import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { waitFor } from '@testing-library/react'
import { WebSocket as NodeWebSocket } from 'ws'
import type { JobSnapshot } from '../../../src/shared/jobs'
import { ApiError, createApiClient } from '../../../src/renderer/src/api/api-client'
import { createHttpTransport, eventsUrl } from '../../../src/renderer/src/api/http-transport'
import type { ApiTransport, ConnectionStatus } from '../../../src/renderer/src/api/transport'
import { FakeHost } from '../support/fake-host'
import { makeJob } from '../support/fixtures'
import { startTestServer, type TestServer } from '../support/test-server'

// The renderer uses the browser's WebSocket. Under jsdom the global one mixes Node's and jsdom's
// Event classes, so these tests inject the `ws` client, which speaks the same protocol. Requests
// use the default global fetch.
const WebSocketClass = NodeWebSocket as unknown as typeof WebSocket

describe('HTTP transport against a real HTTP + WebSocket server', () => {
  let host: FakeHost
  let server: TestServer
  let transport: ApiTransport

  beforeEach(async () => {
    host = new FakeHost()
    server = await startTestServer(host.handlers)
    transport = createHttpTransport({
      origin: server.origin,
      token: server.token,
      WebSocket: WebSocketClass,
      reconnectDelaysMs: [20],
    })
  })

  afterEach(async () => {
    transport.close()
    await server.close()
  })

  it('posts requests with the bearer token and answers results', async () => {
    const client = createApiClient(transport)
    const settings = await client.request('settings.get')
    expect(settings.maxConcurrentJobs).toBe(3)
    const updated = await client.request('settings.update', { theme: 'dark' })
    expect(updated.theme).toBe('dark')
    expect(host.settings.theme).toBe('dark')
  })

  it('rebuilds failures as ApiErrors carrying the error data', async () => {
    const client = createApiClient(transport)
    const failure = await client
      .request('settings.update', { maxConcurrentJobs: 99 })
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ApiError)
    expect((failure as ApiError).data.code).toBe('InvalidInput')
    expect((failure as ApiError).data.messageZh).toMatch(/[\u4e00-\u9fff]/)
  })

  it('reports a rejected token as Forbidden without a JSON body to read', async () => {
    const intruder = createHttpTransport({
      origin: server.origin,
      token: 'wrong',
      WebSocket: WebSocketClass,
    })
    const result = await intruder.request('settings.get', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'Forbidden' } })
    intruder.close()
  })

  it('reports an unreachable host as a network error', async () => {
    await server.close()
    const result = await transport.request('settings.get', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'NetworkError' } })
    server = await startTestServer(host.handlers)
  })

  it('delivers events to subscribers of that event only, ignoring garbage', async () => {
    const changed: JobSnapshot[][] = []
    const removed: number[][] = []
    const connected = server.nextConnection()
    transport.subscribe('jobs.changed', (jobs) => changed.push(jobs))
    transport.subscribe('jobs.removed', (ids) => removed.push(ids))
    await connected
    await waitFor(() => expect(transport.status()).toBe('open'))
    server.broadcastRaw('not json')
    server.broadcastRaw(JSON.stringify({ event: 'shell.exec', payload: 'rm -rf' }))
    server.broadcast({ event: 'jobs.changed', payload: [makeJob({ id: 7 })] })
    server.broadcast({ event: 'jobs.removed', payload: [7] })
    await waitFor(() => expect(removed).toEqual([[7]]))
    expect(changed.map((jobs) => jobs.map((job) => job.id))).toEqual([[7]])
  })

  it('stops delivering after unsubscribe', async () => {
    const seen: number[] = []
    const connected = server.nextConnection()
    const unsubscribe = transport.subscribe('jobs.removed', (ids) => seen.push(...ids))
    const marker: number[] = []
    transport.subscribe('jobs.removed', (ids) => marker.push(...ids))
    await connected
    await waitFor(() => expect(transport.status()).toBe('open'))
    unsubscribe()
    server.broadcast({ event: 'jobs.removed', payload: [1] })
    await waitFor(() => expect(marker).toEqual([1]))
    expect(seen).toEqual([])
  })

  it('reconnects after the connection drops and says so', async () => {
    const statuses: ConnectionStatus[] = []
    transport.onStatus((status) => statuses.push(status))
    const seen: number[] = []
    const first = server.nextConnection()
    transport.subscribe('jobs.removed', (ids) => seen.push(...ids))
    await first
    await waitFor(() => expect(transport.status()).toBe('open'))

    const second = server.nextConnection()
    server.dropClients()
    await second
    await waitFor(() => expect(transport.status()).toBe('open'))
    expect(statuses).toEqual(['connecting', 'open', 'connecting', 'open'])

    server.broadcast({ event: 'jobs.removed', payload: [3] })
    await waitFor(() => expect(seen).toEqual([3]))
  })

  it('builds the events address from the origin', () => {
    expect(eventsUrl('http://127.0.0.1:8080', 'a b')).toBe('ws://127.0.0.1:8080/events?token=a+b')
    expect(eventsUrl('https://host.example', 't')).toBe('wss://host.example/events?token=t')
  })
})
