import { createHttpTransport } from './http-transport'
import { createPreloadTransport, isBridgeApi } from './preload-transport'
import type { ApiTransport } from './transport'

/** Where the bridge token is kept for reloads once it has been removed from the address bar. */
export const tokenStorageKey = 'vod-downloader.bridge-token'

/** What `pickTransport` reads from the page; injectable so tests need no real window. */
export interface TransportEnvironment {
  /** `window.api` when running inside Electron. */
  bridge: unknown
  location: { hash: string; origin: string; pathname: string; search: string }
  storage: Pick<Storage, 'getItem' | 'setItem'> | null
  /** Replaces the address without reloading (history.replaceState). */
  replaceUrl: (url: string) => void
}

export type PickedTransport =
  { ok: true; transport: ApiTransport } | { ok: false; reason: 'missing-token' }

function browserEnvironment(): TransportEnvironment {
  let storage: Storage | null = null
  try {
    storage = window.sessionStorage
  } catch {
    // Storage can be disabled; the token then only lives in the address.
  }
  return {
    bridge: (window as unknown as { api?: unknown }).api,
    location: window.location,
    storage,
    replaceUrl: (url) => window.history.replaceState(null, '', url),
  }
}

/** Reads `token` from a fragment such as `#token=abc`. */
export function readTokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token')
  return token ? token : null
}

/**
 * Chooses how to reach main: the Electron preload bridge when `window.api` exists, otherwise the
 * headless host's HTTP bridge on this page's origin with the token from `#token=…`. The token is
 * then moved out of the address bar (into session storage, for reloads) so it does not end up in
 * screenshots or shared links.
 */
export function pickTransport(
  environment: TransportEnvironment = browserEnvironment(),
): PickedTransport {
  if (isBridgeApi(environment.bridge)) {
    return { ok: true, transport: createPreloadTransport(environment.bridge) }
  }
  const fromHash = readTokenFromHash(environment.location.hash)
  if (fromHash) {
    environment.storage?.setItem(tokenStorageKey, fromHash)
    if (environment.storage) {
      environment.replaceUrl(`${environment.location.pathname}${environment.location.search}`)
    }
  }
  const token = fromHash ?? environment.storage?.getItem(tokenStorageKey) ?? null
  if (!token) return { ok: false, reason: 'missing-token' }
  return {
    ok: true,
    transport: createHttpTransport({ origin: environment.location.origin, token }),
  }
}
