import { AppError } from '../shared/errors'
import { environmentProxyRoute } from '../main/network/environment-proxy'
import { directRoute, normalizeProxyUrl } from '../main/network/proxy-address'
import { createProxyNetwork, type ProxyNetwork } from '../main/network/proxy-network'
import type { ProxyResolver } from '../main/network/proxy-resolver'
import { UsageError } from './arguments'

/** The proxy of one `vod-dl` run: for the engine's agents and the VOD API calls. */
export interface CliNetwork extends ProxyNetwork {
  resolver: ProxyResolver
}

/**
 * Takes the global `--proxy URL` (or `--proxy=URL`; `direct` for none) out of the arguments,
 * wherever it stands, and answers the rest with the value.
 */
export function takeProxyOption(argv: readonly string[]): { argv: string[]; proxy?: string } {
  const rest: string[] = []
  let proxy: string | undefined
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!
    if (argument === '--') {
      rest.push(...argv.slice(index))
      break
    }
    if (argument === '--proxy') {
      const value = argv[index + 1]
      if (value === undefined || value.startsWith('-')) {
        throw new UsageError(
          '--proxy needs a proxy address (http://host:port, socks5://host:port) or "direct"',
        )
      }
      proxy = value
      index += 1
    } else if (argument.startsWith('--proxy=')) {
      proxy = argument.slice('--proxy='.length)
    } else {
      rest.push(argument)
    }
  }
  return proxy === undefined ? { argv: rest } : { argv: rest, proxy }
}

/**
 * `--proxy` wins; otherwise `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY` with `NO_PROXY`, read
 * per URL. `--proxy direct` (or `none`) ignores the variables.
 */
export function cliNetwork(
  proxy: string | undefined,
  environment: Readonly<Record<string, string | undefined>>,
): CliNetwork {
  let resolver: ProxyResolver
  if (proxy === undefined) {
    resolver = (url) => Promise.resolve(environmentProxyRoute(url, environment))
  } else if (proxy === 'direct' || proxy === 'none') {
    resolver = () => Promise.resolve(directRoute)
  } else {
    let normalized: string
    try {
      normalized = normalizeProxyUrl(proxy)
    } catch (error) {
      throw new UsageError(
        error instanceof AppError ? (error.detail ?? error.message) : String(error),
      )
    }
    resolver = () => Promise.resolve({ kind: 'proxy', proxy: normalized })
  }
  return { ...createProxyNetwork(resolver), resolver }
}
