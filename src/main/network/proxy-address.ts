import { AppError } from '../../shared/errors'

/**
 * Proxy addresses as the app accepts them: `http://`, `https://`, `socks5://`, `socks5h://` and
 * (from a PAC script only) `socks4://`, with an optional `user:password@` and a port. Pure.
 */

export const proxySchemes = ['http', 'https', 'socks5', 'socks5h', 'socks4'] as const
export type ProxyScheme = (typeof proxySchemes)[number]

/** Where one request goes: straight to the server, or through the proxy at `proxy` (a URL). */
export type ProxyRoute = { kind: 'direct' } | { kind: 'proxy'; proxy: string }

export const directRoute: ProxyRoute = { kind: 'direct' }

const defaultPorts: Record<ProxyScheme, string> = {
  http: '80',
  https: '443',
  socks5: '1080',
  socks5h: '1080',
  socks4: '1080',
}

/**
 * Parses a proxy address and returns it in one normal form: scheme, credentials (kept
 * percent-encoded), host and port, nothing else. `socks5://` becomes `socks5h://`: host names are
 * always resolved by the SOCKS server, because behind a corporate proxy the computer itself often
 * cannot resolve outside names (and should not leak them to the local resolver). A bare
 * `host:port` means an HTTP proxy, as in `HTTPS_PROXY=proxy:3128`.
 */
export function normalizeProxyUrl(text: string): string {
  const trimmed = text.trim()
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`
  let parsed: URL
  try {
    parsed = new URL(withScheme)
  } catch {
    throw new AppError('InvalidInput', `not a proxy address: ${describeUnparsed(trimmed)}`)
  }
  const scheme = parsed.protocol.slice(0, -1).toLowerCase()
  if (!(proxySchemes as readonly string[]).includes(scheme)) {
    throw new AppError(
      'InvalidInput',
      `proxy scheme "${scheme}" is not supported (http, https, socks5 or socks5h)`,
    )
  }
  if (parsed.hostname === '') throw new AppError('InvalidInput', 'the proxy address has no host')
  if ((parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search || parsed.hash) {
    throw new AppError('InvalidInput', 'a proxy address is scheme://host:port, without a path')
  }
  const normalScheme = scheme === 'socks5' ? 'socks5h' : (scheme as ProxyScheme)
  const credentials =
    parsed.username || parsed.password
      ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@`
      : ''
  const port = parsed.port || defaultPorts[normalScheme]
  return `${normalScheme}://${credentials}${parsed.host.replace(/:\d+$/, '')}:${port}`
}

/** The scheme of a normalized proxy URL. */
export function proxySchemeOf(proxy: string): ProxyScheme {
  return new URL(proxy).protocol.slice(0, -1) as ProxyScheme
}

/** A proxy URL fit for logs and messages: no user name, no password. */
export function describeProxy(proxy: string): string {
  try {
    const parsed = new URL(proxy)
    return `${parsed.protocol}//${parsed.host}`
  } catch {
    return '[proxy]'
  }
}

/** True when the proxy URL carries a user name or password. */
export function proxyHasCredentials(proxy: string): boolean {
  try {
    const parsed = new URL(proxy)
    return parsed.username !== '' || parsed.password !== ''
  } catch {
    return false
  }
}

/**
 * The proxy with `username` and `password` put in (percent-encoded), replacing any it had: the
 * Settings keep the password sealed and apart from the address.
 */
export function withProxyCredentials(proxy: string, username: string, password?: string): string {
  const parsed = new URL(proxy)
  parsed.username = username === '' ? '' : encodeURIComponent(username)
  parsed.password = password ? encodeURIComponent(password) : ''
  return parsed.href.replace(/\/$/, '')
}

/** Never echo what could not be parsed: it may hold a password. */
function describeUnparsed(text: string): string {
  return text.includes('@') ? '[address with credentials]' : JSON.stringify(text)
}
