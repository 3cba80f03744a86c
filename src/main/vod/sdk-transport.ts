import * as OpenApiModule from '@alicloud/openapi-client'
import { Config, OpenApiRequest, Params } from '@alicloud/openapi-client'
import { RuntimeOptions } from '@alicloud/tea-util'
import type { ProxyRoute } from '../network/proxy-address'
import { installSdkProxySupport } from '../network/sdk-proxy'
import type { CredentialChain } from './credential-chain'
import type { VodCredentials } from './credentials'
import { resolveEndpoint } from './endpoint'
import type { VodAction, VodQuery, VodTransport } from './transport'

/** Everything needed to reach the VOD API with one account. */
export interface VodConnection {
  credentials: VodCredentials
  regionId: string
  /** Full URL replacing the region's endpoint (e.g. a local emulator). */
  endpoint?: string
  /** TCP connect timeout; the SDK's own default is left unset on purpose. */
  connectTimeoutMs?: number
  /** Longest wait for response bytes. */
  readTimeoutMs?: number
  /** The route to the endpoint, asked before every call (a proxy, or direct when absent). */
  proxy?: (url: string) => Promise<ProxyRoute>
}

export const defaultConnectTimeoutMs = 5_000
export const defaultReadTimeoutMs = 20_000

/** The one SDK method we use, so a test or a newer SDK can stand in for the installed client. */
export interface OpenApiCaller {
  callApi(params: Params, request: OpenApiRequest, runtime: RuntimeOptions): Promise<unknown>
}

export type OpenApiFactory = (config: Config) => OpenApiCaller

type OpenApiClientClass = typeof OpenApiModule.default

/**
 * Node's ESM loader hands a default import of this CommonJS package its whole `module.exports`
 * (the class sits on `.default`), while bundlers unwrap it. Accept both.
 */
function openApiClientClass(): OpenApiClientClass {
  const exported: unknown = OpenApiModule.default
  if (typeof exported === 'function') return exported as OpenApiClientClass
  return (exported as { default: OpenApiClientClass }).default
}

/** Builds the official Tea OpenAPI client (V3 ACS3-HMAC-SHA256 signing). */
export function createOpenApiClient(config: Config): OpenApiCaller {
  const Client = openApiClientClass()
  return new Client(config)
}

/** The SDK configuration for a connection. Exported for tests; holds the secret, never log it. */
export function openApiConfig(connection: VodConnection): Config {
  const endpoint = resolveEndpoint(connection.regionId, connection.endpoint)
  const { credentials } = connection
  const signing =
    credentials.kind === 'chain'
      ? // Asked before every call: the SDK signs each request with the session of the moment.
        { credential: chainCredential(credentials.chain) as unknown as Config['credential'] }
      : {
          accessKeyId: credentials.accessKeyId,
          accessKeySecret: credentials.accessKeySecret,
          securityToken: credentials.kind === 'sts' ? credentials.securityToken : undefined,
        }
  return new Config({
    ...signing,
    regionId: connection.regionId,
    endpoint: endpoint.host,
    protocol: endpoint.protocol,
    connectTimeout: connection.connectTimeoutMs ?? defaultConnectTimeoutMs,
    readTimeout: connection.readTimeoutMs ?? defaultReadTimeoutMs,
  })
}

/**
 * A transport over the official SDK. `connection` is read on every call so that new
 * credentials from Settings apply at once; the SDK client is rebuilt only when they change.
 */
export function createSdkTransport(
  connection: () => VodConnection,
  factory: OpenApiFactory = createOpenApiClient,
): VodTransport {
  installSdkProxySupport()
  let cached: { connection: VodConnection; client: OpenApiCaller } | undefined
  const clientFor = (current: VodConnection): OpenApiCaller => {
    if (cached && sameConnection(cached.connection, current)) return cached.client
    const client = factory(openApiConfig(current))
    cached = { connection: current, client }
    return client
  }
  return {
    async call(action: VodAction, query: VodQuery): Promise<unknown> {
      const current = connection()
      const endpoint = resolveEndpoint(current.regionId, current.endpoint)
      const params = new Params({
        action,
        version: '2017-03-21',
        protocol: endpoint.protocol.toUpperCase(),
        pathname: '/',
        method: 'POST',
        authType: 'AK',
        style: 'RPC',
        reqBodyType: 'formData',
        bodyType: 'json',
      })
      const route = current.proxy
        ? await current.proxy(`${endpoint.protocol}://${endpoint.host}/`)
        : undefined
      const runtime = new RuntimeOptions({
        // Retries belong to the VOD client, which knows which errors are worth it.
        autoretry: false,
        connectTimeout: current.connectTimeoutMs ?? defaultConnectTimeoutMs,
        readTimeout: current.readTimeoutMs ?? defaultReadTimeoutMs,
        ...sdkProxyOptions(route, endpoint.protocol),
      })
      const client = clientFor(current)
      const send = () => client.callApi(params, new OpenApiRequest({ query }), runtime)
      let response: unknown
      try {
        response = await send()
      } catch (error) {
        // Only a refreshing chain can have a newer session to sign with.
        if (current.credentials.kind !== 'chain' || !isExpiredSession(error)) throw error
        response = await send()
      }
      return (response as { body?: unknown }).body
    },
  }
}

/**
 * The `credential` object the Tea core asks (`getCredential()`) before signing each request:
 * the chain's current credentials, in the SDK's CredentialModel shape.
 */
export function chainCredential(chain: CredentialChain): {
  getCredential(): Promise<Record<string, string | undefined>>
} {
  return {
    async getCredential() {
      const current = await chain.current()
      return {
        accessKeyId: current.accessKeyId,
        accessKeySecret: current.accessKeySecret,
        securityToken: current.securityToken,
        type: current.securityToken ? 'sts' : 'access_key',
        providerName: current.providerName,
      }
    },
  }
}

/** The SDK's own proxy options for one call (`installSdkProxySupport` makes the core obey them). */
function sdkProxyOptions(
  route: ProxyRoute | undefined,
  protocol: string,
): Partial<Pick<RuntimeOptions, 'httpProxy' | 'httpsProxy' | 'socks5Proxy'>> {
  if (route?.kind !== 'proxy') return {}
  if (route.proxy.startsWith('socks')) return { socks5Proxy: route.proxy }
  return protocol === 'https' ? { httpsProxy: route.proxy } : { httpProxy: route.proxy }
}

/** A chain's session that expired between the chain's check and the server's gets one retry. */
function isExpiredSession(error: unknown): boolean {
  const data = (error as { data?: { Code?: unknown } } | null)?.data
  return data?.Code === 'InvalidSecurityToken.Expired'
}

function sameConnection(left: VodConnection, right: VodConnection): boolean {
  if (left === right) return true
  const a = left.credentials
  const b = right.credentials
  const sameEndpoint =
    left.regionId === right.regionId &&
    left.endpoint === right.endpoint &&
    left.connectTimeoutMs === right.connectTimeoutMs &&
    left.readTimeoutMs === right.readTimeoutMs
  if (a.kind === 'chain' || b.kind === 'chain') {
    return sameEndpoint && a.kind === 'chain' && b.kind === 'chain' && a.chain === b.chain
  }
  return (
    sameEndpoint &&
    a.kind === b.kind &&
    a.accessKeyId === b.accessKeyId &&
    a.accessKeySecret === b.accessKeySecret &&
    (a.kind === 'sts' ? a.securityToken : undefined) ===
      (b.kind === 'sts' ? b.securityToken : undefined)
  )
}
