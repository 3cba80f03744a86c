import { directRoute, normalizeProxyUrl, type ProxyRoute } from './proxy-address'

/**
 * Turns what Chromium's proxy resolution answers for a URL (Electron's `session.resolveProxy`,
 * the system settings or a PAC script's `FindProxyForURL`) into a route: a list such as
 * `PROXY proxy:3128; SOCKS5 socks:1080; DIRECT`, of which the first entry this app can use
 * wins. `PROXY` and `HTTP` are HTTP proxies, `HTTPS` a proxy reached over TLS, `SOCKS5` and
 * `SOCKS` (version 4) SOCKS proxies; `QUIC` and unknown entries are skipped. Pure.
 */
export function routeFromPacResult(result: string): ProxyRoute {
  for (const rawEntry of result.split(';')) {
    const entry = rawEntry.trim()
    if (entry === '') continue
    const [keyword = '', address] = entry.split(/\s+/, 2)
    const kind = keyword.toUpperCase()
    if (kind === 'DIRECT') return directRoute
    const scheme = pacSchemes[kind]
    if (scheme === undefined || address === undefined) continue
    try {
      return { kind: 'proxy', proxy: normalizeProxyUrl(`${scheme}://${address}`) }
    } catch {
      continue
    }
  }
  // An empty or unusable answer: Chromium itself would go direct.
  return directRoute
}

const pacSchemes: Record<string, string | undefined> = {
  PROXY: 'http',
  HTTP: 'http',
  HTTPS: 'https',
  SOCKS5: 'socks5h',
  SOCKS: 'socks4',
  SOCKS4: 'socks4',
}
