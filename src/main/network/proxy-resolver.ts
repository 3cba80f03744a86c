import { bypassesProxy } from './no-proxy'
import { directRoute, withProxyCredentials, type ProxyRoute } from './proxy-address'

/** Finds the route for one URL; every request asks it (answers may be cached). */
export type ProxyResolver = (url: string) => Promise<ProxyRoute>

/**
 * What the user chose: the system's proxy (the OS settings and PAC script on the desktop, the
 * `*_PROXY` variables in the CLI and the headless host), no proxy at all, or one proxy given by
 * hand (`--proxy`, or Settings) with its own "no proxy for" list.
 */
export type ProxyChoice =
  { mode: 'system' } | { mode: 'direct' } | { mode: 'manual'; proxy: string; bypass: string }

/** The "system" proxy of a shell. */
export type SystemProxy = ProxyResolver

export const directResolver: ProxyResolver = () => Promise.resolve(directRoute)

/**
 * The resolver for a choice read on every request, so a change in Settings applies to the next
 * request without restarting anything. `system` answers for `mode: 'system'`.
 */
export function createProxyResolver(choice: () => ProxyChoice, system: SystemProxy): ProxyResolver {
  return async (url) => {
    const current = choice()
    switch (current.mode) {
      case 'direct':
        return directRoute
      case 'system':
        return system(url)
      case 'manual':
        return bypassesProxy(new URL(url), current.bypass)
          ? directRoute
          : { kind: 'proxy', proxy: current.proxy }
    }
  }
}

/** The Settings fields that describe the proxy, and the sealed password. */
export interface ProxySettingsFields {
  proxyMode: 'system' | 'direct' | 'manual'
  proxyServer: string
  proxyUsername: string
  proxyBypass: string
}

/** A choice from the Settings (a manual mode without a server falls back to the system's). */
export function proxyChoiceOf(
  settings: ProxySettingsFields,
  password: string | undefined,
): ProxyChoice {
  if (settings.proxyMode === 'direct') return { mode: 'direct' }
  if (settings.proxyMode === 'manual' && settings.proxyServer !== '') {
    return {
      mode: 'manual',
      proxy: withProxyCredentials(settings.proxyServer, settings.proxyUsername, password),
      bypass: settings.proxyBypass,
    }
  }
  return { mode: 'system' }
}

/**
 * Remembers the system's answer per origin (scheme, host, port) for `ttlMs`: a PAC script is
 * asked once per host every few seconds, not once per HLS segment. PAC scripts can decide by
 * path, but the app's requests to one host all serve one download, so the origin is the unit.
 */
export function cachedPerOrigin(
  resolve: ProxyResolver,
  options: { ttlMs?: number; now?: () => number } = {},
): ProxyResolver {
  const ttlMs = options.ttlMs ?? 30_000
  const now = options.now ?? Date.now
  const cache = new Map<string, { route: Promise<ProxyRoute>; until: number }>()
  return (url) => {
    const origin = new URL(url).origin
    const hit = cache.get(origin)
    const time = now()
    if (hit && hit.until > time) return hit.route
    const route = resolve(url)
    cache.set(origin, { route, until: time + ttlMs })
    // A failed lookup is not remembered.
    route.catch(() => cache.delete(origin))
    if (cache.size > 256) cache.delete(cache.keys().next().value as string)
    return route
  }
}
