import type { SegmentKey } from './media-playlist'

/** The query parameter the key service reads the token from. */
export const tokenParameter = 'MtsHlsUriToken'

/** Where `MtsHlsUriToken` may go, read when a key is requested. */
export interface KeyTokenRules {
  /** The token; undefined when none is configured. */
  token: string | undefined
  /** Further key hosts trusted with the token (the `hlsKeyHosts` setting, parsed). */
  allowedHosts: readonly string[]
}

/** The address a key is requested from, and why the token was left off it (if it was). */
export interface KeyRequest {
  url: string
  /** Set when a token is configured but was not sent: the reason, naming hosts, never the token. */
  withheld: string | undefined
}

/**
 * True for a host name (as `URL.hostname` spells it) that can only mean this computer:
 * `localhost`, an address of 127.0.0.0/8 or `[::1]`. The URL parser has already turned
 * shorthand forms such as `127.1` into dotted decimal.
 */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase()
  if (host === 'localhost' || host === '[::1]') return true
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

/**
 * Whether a key URL's host is one an allow-list entry names: `host` matches that host on any
 * port, `host:port` only that port (`:443` is https's own), `*.example.com` any host below
 * example.com.
 */
export function hostAllowed(url: URL, allowedHosts: readonly string[]): boolean {
  return allowedHosts.some((entry) => {
    const allowed = entry.trim().toLowerCase()
    if (allowed.startsWith('*.')) return url.hostname.endsWith(allowed.slice(1))
    let parsed: URL
    try {
      // Spelled as the key's own scheme would, so case, default ports and IPv6 compare equal.
      parsed = new URL(`${url.protocol}//${allowed}`)
    } catch {
      return false
    }
    const hasPort = /^(\[[^\]]+\]|[^:[\]]+):\d+$/.test(allowed)
    return hasPort ? parsed.host === url.host : parsed.hostname === url.hostname
  })
}

/**
 * The address a key is requested from. `MtsHlsUriToken` is a secret of the customer's decrypt
 * service, so it is appended only to a key URI on the playlist's own host (host and port) or on
 * a host the user listed, and only over https (plain http only to this computer). A key URI that
 * already carries a token (the CDN's "HLS encryption rewrite" puts it there) is left as listed.
 */
export function keyRequestFor(
  key: Pick<SegmentKey, 'uri' | 'playlistUrl'>,
  rules: KeyTokenRules,
): KeyRequest {
  const { token } = rules
  if (!token) return { url: key.uri, withheld: undefined }
  const url = new URL(key.uri)
  if (url.searchParams.has(tokenParameter)) return { url: key.uri, withheld: undefined }
  const playlist = new URL(key.playlistUrl)
  if (url.host !== playlist.host && !hostAllowed(url, rules.allowedHosts)) {
    return {
      url: key.uri,
      withheld: `the key host ${url.host} is not the playlist's host ${playlist.host} and is not listed in the allowed key hosts setting`,
    }
  }
  if (url.protocol !== 'https:' && !isLoopbackHostname(url.hostname)) {
    return {
      url: key.uri,
      withheld: `the key is requested over ${url.protocol.replace(':', '')} from ${url.host}; the token is sent only over https (or to this computer)`,
    }
  }
  url.searchParams.append(tokenParameter, token)
  return { url: url.href, withheld: undefined }
}
