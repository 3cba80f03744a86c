import { describe, expect, it } from 'vitest'
import { createApiClient, ApiError, errorDataOf } from '../../../src/renderer/src/api/api-client'
import {
  pickTransport,
  readTokenFromHash,
  tokenStorageKey,
  type TransportEnvironment,
} from '../../../src/renderer/src/api/pick-transport'
import { createPreloadTransport } from '../../../src/renderer/src/api/preload-transport'
import type { BridgeApi } from '../../../src/shared/contract'
import { createInProcessTransport, FakeHost } from '../support/fake-host'

function environment(overrides: Partial<TransportEnvironment> = {}): TransportEnvironment & {
  stored: Map<string, string>
  replaced: string[]
} {
  const stored = new Map<string, string>()
  const replaced: string[] = []
  return {
    bridge: undefined,
    location: { hash: '', origin: 'http://127.0.0.1:4567', pathname: '/', search: '' },
    storage: {
      getItem: (key) => stored.get(key) ?? null,
      setItem: (key, value) => void stored.set(key, value),
    },
    replaceUrl: (url) => void replaced.push(url),
    ...overrides,
    stored,
    replaced,
  }
}

describe('pickTransport', () => {
  it('uses the preload bridge when window.api exists', () => {
    const bridge = createInProcessTransport(new FakeHost())
    const picked = pickTransport(environment({ bridge }))
    expect(picked.ok && picked.transport.kind).toBe('preload')
  })

  it('falls back to HTTP with the token from the fragment, then hides the token', () => {
    const env = environment({
      location: {
        hash: '#token=s3cr3t',
        origin: 'http://127.0.0.1:4567',
        pathname: '/',
        search: '?x=1',
      },
    })
    const picked = pickTransport(env)
    expect(picked.ok && picked.transport.kind).toBe('http')
    expect(env.stored.get(tokenStorageKey)).toBe('s3cr3t')
    expect(env.replaced).toEqual(['/?x=1'])
  })

  it('reuses the stored token after a reload', () => {
    const env = environment()
    env.stored.set(tokenStorageKey, 'kept')
    const picked = pickTransport(env)
    expect(picked.ok && picked.transport.kind).toBe('http')
  })

  it('refuses to guess without a token', () => {
    expect(pickTransport(environment())).toEqual({ ok: false, reason: 'missing-token' })
    expect(pickTransport(environment({ bridge: { request: 'not a function' } }))).toEqual({
      ok: false,
      reason: 'missing-token',
    })
  })

  it('reads the token among other fragment parameters', () => {
    expect(readTokenFromHash('#view=downloads&token=abc')).toBe('abc')
    expect(readTokenFromHash('')).toBeNull()
  })
})

describe('preload transport and client', () => {
  it('turns a rejected IPC call into error data instead of throwing', async () => {
    const bridge: BridgeApi = {
      request: () => Promise.reject(new Error('No handler registered')),
      subscribe: () => () => undefined,
    }
    const result = await createPreloadTransport(bridge).request('settings.get', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'Internal' } })
  })

  it('sends an empty input when none is given and throws ApiError on failure', async () => {
    const host = new FakeHost()
    const client = createApiClient(createInProcessTransport(host))
    await client.request('downloads.list')
    expect(host.callsOf('downloads.list')).toEqual([{}])
    host.failures.set('downloads.list', { code: 'NotConfigured', message: 'x', messageZh: 'x' })
    const error = await client.request('downloads.list').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ApiError)
    expect(errorDataOf(error).code).toBe('NotConfigured')
    expect(errorDataOf(new Error('boom')).code).toBe('Internal')
  })
})
