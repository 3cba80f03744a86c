import { normalizeProxyUrl, directRoute, type ProxyRoute } from './proxy-address'
import { bypassesProxy } from './no-proxy'

type Environment = Readonly<Record<string, string | undefined>>

/** A variable in lower case first (the curl convention), then in upper case. */
function variable(environment: Environment, name: string): string | undefined {
  const value = environment[name.toLowerCase()] ?? environment[name.toUpperCase()]
  return value?.trim() ? value.trim() : undefined
}

/**
 * The route the environment gives a URL, as curl and most tools read it: `https_proxy` /
 * `HTTPS_PROXY` for https URLs, `http_proxy` / `HTTP_PROXY` for http, `all_proxy` / `ALL_PROXY`
 * for both, unless `no_proxy` / `NO_PROXY` names the host. Throws `InvalidInput` for a
 * variable that is not a proxy address, so a typo is reported instead of ignored.
 */
export function environmentProxyRoute(url: string, environment: Environment): ProxyRoute {
  const target = new URL(url)
  const scheme = target.protocol === 'https:' || target.protocol === 'wss:' ? 'https' : 'http'
  const proxy = variable(environment, `${scheme}_proxy`) ?? variable(environment, 'all_proxy')
  if (proxy === undefined) return directRoute
  if (bypassesProxy(target, variable(environment, 'no_proxy') ?? '')) return directRoute
  return { kind: 'proxy', proxy: normalizeProxyUrl(proxy) }
}

/** True when the environment names any proxy (for messages such as the host's banner). */
export function environmentHasProxy(environment: Environment): boolean {
  return ['https_proxy', 'http_proxy', 'all_proxy'].some(
    (name) => variable(environment, name) !== undefined,
  )
}
