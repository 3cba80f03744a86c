import type http from 'node:http'
import type https from 'node:https'
import { proxySchemeOf } from './proxy-address'

/** The agents of one proxy, for http: and https: URLs. */
export interface ProxyAgents {
  http: http.Agent
  https: https.Agent
}

export interface ProxyAgentOptions {
  /** Sockets kept alive per host behind one proxy. */
  maxSocketsPerHost?: number
}

/**
 * Keep-alive agents per proxy, built on first use and shared by every request through that
 * proxy: `hpagent` for HTTP and HTTPS proxies (a CONNECT tunnel for every request, so what the
 * proxy answers before the tunnel, such as 407, is always the proxy's and never the server's)
 * and `socks-proxy-agent` for SOCKS. The libraries are loaded when a proxy is first used, so a
 * process that never meets one never pays for them.
 */
export class ProxyAgentPool {
  private readonly pools = new Map<string, Promise<ProxyAgents>>()

  constructor(private readonly options: ProxyAgentOptions = {}) {}

  /** The agents for a proxy URL as `normalizeProxyUrl` writes it. */
  agentsFor(proxy: string): Promise<ProxyAgents> {
    let agents = this.pools.get(proxy)
    if (!agents) {
      agents = createAgents(proxy, this.options)
      this.pools.set(proxy, agents)
      agents.catch(() => this.pools.delete(proxy))
    }
    return agents
  }

  /** Closes every socket of every proxy. */
  close(): void {
    for (const agents of this.pools.values()) {
      void agents.then(
        (pair) => {
          pair.http.destroy()
          pair.https.destroy()
        },
        () => undefined,
      )
    }
    this.pools.clear()
  }
}

async function createAgents(proxy: string, options: ProxyAgentOptions): Promise<ProxyAgents> {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSocketsPerHost ?? 64,
    scheduling: 'lifo' as const,
  }
  const scheme = proxySchemeOf(proxy)
  if (scheme === 'http' || scheme === 'https') {
    const { HttpProxyAgent, HttpsProxyAgent } = await import('hpagent')
    return {
      http: new HttpProxyAgent({ ...agentOptions, proxy }),
      https: new HttpsProxyAgent({ ...agentOptions, proxy }),
    }
  }
  const { SocksProxyAgent } = await import('socks-proxy-agent')
  // One SOCKS agent serves both schemes: it opens the tunnel, then TLS for https: URLs.
  const agent = new SocksProxyAgent(proxy, agentOptions)
  return { http: agent, https: agent as unknown as https.Agent }
}
