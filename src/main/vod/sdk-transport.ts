import * as OpenApiModule from '@alicloud/openapi-client'
import { Config, OpenApiRequest, Params } from '@alicloud/openapi-client'
import { RuntimeOptions } from '@alicloud/tea-util'
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
  return new Config({
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    securityToken: credentials.kind === 'sts' ? credentials.securityToken : undefined,
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
      const runtime = new RuntimeOptions({
        // Retries belong to the VOD client, which knows which errors are worth it.
        autoretry: false,
        connectTimeout: current.connectTimeoutMs ?? defaultConnectTimeoutMs,
        readTimeout: current.readTimeoutMs ?? defaultReadTimeoutMs,
      })
      const response = await clientFor(current).callApi(
        params,
        new OpenApiRequest({ query }),
        runtime,
      )
      return (response as { body?: unknown }).body
    },
  }
}

function sameConnection(left: VodConnection, right: VodConnection): boolean {
  if (left === right) return true
  const a = left.credentials
  const b = right.credentials
  return (
    left.regionId === right.regionId &&
    left.endpoint === right.endpoint &&
    left.connectTimeoutMs === right.connectTimeoutMs &&
    left.readTimeoutMs === right.readTimeoutMs &&
    a.kind === b.kind &&
    a.accessKeyId === b.accessKeyId &&
    a.accessKeySecret === b.accessKeySecret &&
    (a.kind === 'sts' ? a.securityToken : undefined) ===
      (b.kind === 'sts' ? b.securityToken : undefined)
  )
}
