import type { BridgeApi } from '../../../shared/contract'
import { failure } from '../../../shared/contract'
import { toErrorData } from '../../../shared/errors'
import type { ApiTransport } from './transport'

/** True when a value looks like the object the preload exposes as `window.api`. */
export function isBridgeApi(value: unknown): value is BridgeApi {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Record<string, unknown>
  return typeof candidate.request === 'function' && typeof candidate.subscribe === 'function'
}

/**
 * Wraps the preload bridge. IPC itself can still reject (a handler missing during development,
 * a renderer reload mid-call), so rejections become error data like any other failure.
 */
export function createPreloadTransport(bridge: BridgeApi): ApiTransport {
  return {
    kind: 'preload',
    async request(name, input) {
      try {
        return await bridge.request(name, input)
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        return failure(toErrorData('Internal', message))
      }
    },
    subscribe(event, listener) {
      return bridge.subscribe(event, listener)
    },
    status: () => 'open',
    onStatus: () => () => undefined,
    close: () => undefined,
  }
}
