import { AppError } from '../../shared/errors'
import { endpointForRegion } from './regions'

/** Where API calls go, in the shape the SDK wants: a host[:port] and a protocol. */
export interface VodEndpoint {
  host: string
  protocol: 'http' | 'https'
}

/** Environment variable holding a full endpoint URL that replaces the region's endpoint. */
export const endpointEnvironmentVariable = 'VOD_ENDPOINT'

/**
 * True for a host name (as `URL.hostname` spells it) that can only mean this computer:
 * `localhost`, any address of 127.0.0.0/8 and `[::1]`. The URL parser has already turned
 * shorthand forms such as `127.1` or `0x7f.0.0.1` into dotted decimal.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  if (host === 'localhost' || host === '[::1]') return true
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

/**
 * Parses an endpoint override given as a full URL (`https://vod.cn-beijing.aliyuncs.com`,
 * `http://127.0.0.1:8790`). A bare host is taken as HTTPS. Paths are refused: the RPC style
 * always posts to `/`. Plain `http://` is accepted only for a loopback host (the local VOD
 * emulator): anywhere else signed calls and STS tokens would cross the network in clear text.
 */
export function parseEndpointUrl(text: string): VodEndpoint {
  const trimmed = text.trim()
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new AppError('InvalidInput', `endpoint "${trimmed}" is not a URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('InvalidInput', `endpoint "${trimmed}" must use http or https`)
  }
  if (
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search !== '' ||
    url.username !== '' ||
    url.password !== ''
  ) {
    throw new AppError('InvalidInput', `endpoint "${trimmed}" must not have a path, query or user`)
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new AppError('InsecureEndpoint', trimmed)
  }
  return { host: url.host, protocol: url.protocol === 'http:' ? 'http' : 'https' }
}

/** The endpoint for a region, unless an override URL is given. Region endpoints use HTTPS. */
export function resolveEndpoint(regionId: string, override?: string): VodEndpoint {
  if (override !== undefined && override.trim() !== '') return parseEndpointUrl(override)
  return { host: endpointForRegion(regionId), protocol: 'https' }
}

/** The override from `VOD_ENDPOINT`, if set. */
export function endpointOverrideFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const value = env[endpointEnvironmentVariable]?.trim()
  return value === undefined || value === '' ? undefined : value
}
