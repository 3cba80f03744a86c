import { routeFromPacResult } from '../../network/pac-result'
import { cachedPerOrigin, type SystemProxy } from '../../network/proxy-resolver'

/** The part of Electron's `Session` the system proxy needs. */
export interface ProxyResolvingSession {
  resolveProxy(url: string): Promise<string>
}

/**
 * The OS proxy settings, PAC script included, as Chromium resolves them for a URL
 * (`session.resolveProxy`), turned into a route; each origin's answer is kept for 30 s so a
 * PAC script is not run for every HLS segment.
 */
export function electronSystemProxy(session: ProxyResolvingSession): SystemProxy {
  return cachedPerOrigin(async (url) => routeFromPacResult(await session.resolveProxy(url)))
}
