import { createHash, timingSafeEqual } from 'node:crypto'

/**
 * The host's gate, as pure checks. The bridge listens on 127.0.0.1 only, but every web page the
 * user opens can still send requests to 127.0.0.1: the token stops them from using the API, the
 * Host check stops DNS-rebinding pages (whose requests carry their own host name), and the
 * Origin check stops other pages' scripts even if they learned the token.
 */

/** The only Host header values a browser sends for this host's own pages. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`]
}

/** True when the Host header names this host (127.0.0.1:PORT or localhost:PORT). */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host.toLowerCase())
}

/**
 * True when the request comes from this host's own page, or from no page at all (a script or
 * `curl` sends no Origin; it still needs the token). Browsers always send Origin on POST and
 * WebSocket requests, so a foreign page is always recognised.
 */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true
  return allowedHosts(port).some((host) => origin.toLowerCase() === `http://${host}`)
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
  return match?.[1]
}

/**
 * Compares a presented token with the real one in constant time. Both are hashed first so the
 * comparison also takes the same time whatever the presented token's length.
 */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest()
  return timingSafeEqual(digest(presented), digest(expected))
}
