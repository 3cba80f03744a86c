import { AppError } from '../../shared/errors'
import { toNetworkError, type AgentChooser } from '../engine/http-client'
import { describeProxy } from './proxy-address'
import { ProxyAgentPool } from './proxy-agents'
import { proxyFailureOf } from './proxy-errors'
import type { ProxyResolver } from './proxy-resolver'

/** The proxy side of one process's downloads: the engine's HTTP client asks it for agents. */
export interface ProxyNetwork {
  /** For `HttpClientOptions.agents`. */
  agents: AgentChooser
  close(): void
}

/**
 * Routes every download request (files, HLS playlists, segments and keys) by `resolver`:
 * direct requests keep the HTTP client's own agents, proxied ones get the proxy's shared
 * keep-alive agents, and their failures name the proxy (never its credentials).
 */
export function createProxyNetwork(resolver: ProxyResolver): ProxyNetwork {
  const pool = new ProxyAgentPool()
  return {
    async agents(url, direct) {
      const route = await resolver(url)
      if (route.kind === 'direct') return direct
      const agents = await pool.agentsFor(route.proxy)
      return {
        ...agents,
        explainFailure: (error) => explainProxiedFailure(error, route.proxy),
      }
    },
    close: () => pool.close(),
  }
}

/** A failure through a proxy: the proxy's own refusal, or a network error that names it. */
export function explainProxiedFailure(error: unknown, proxy: string): AppError {
  const refusal = proxyFailureOf(error, proxy)
  if (refusal) return refusal
  const network = toNetworkError(error)
  if (network.code !== 'NetworkError' && network.code !== 'Timeout') return network
  return new AppError(network.code, `through ${describeProxy(proxy)}: ${network.detail ?? ''}`, {
    cause: error,
  })
}
