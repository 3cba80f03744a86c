import { createHmac, randomUUID } from 'node:crypto'
import * as OpenApiModule from '@alicloud/openapi-client'
import { Config, OpenApiRequest, Params } from '@alicloud/openapi-client'
import RPCClient from '@alicloud/pop-core'
import { expect } from 'vitest'
import { RuntimeOptions } from '@alicloud/tea-util'
import type { RunningEmulator } from '../../src/emulator/index'

/** Official SDK clients pointed at a running emulator, and an independent V1 signer. */

export type Body = Record<string, unknown>

export function popClient(
  emulator: RunningEmulator,
  credentials: { accessKeyId?: string; accessKeySecret?: string; securityToken?: string } = {},
): RPCClient {
  return new RPCClient({
    endpoint: emulator.endpoint,
    apiVersion: '2017-03-21',
    accessKeyId: credentials.accessKeyId ?? emulator.accessKeyId,
    accessKeySecret: credentials.accessKeySecret ?? emulator.accessKeySecret,
    ...(credentials.securityToken ? { securityToken: credentials.securityToken } : {}),
  })
}

/** pop-core (signature V1), GET unless asked for POST. */
export function popCall(
  client: RPCClient,
  action: string,
  params: Record<string, string | number> = {},
  method: 'GET' | 'POST' = 'GET',
): Promise<Body> {
  return client.request<Body>(action, params, { method })
}

type OpenApiClient = InstanceType<typeof OpenApiModule.default>

/** Node hands a default import of this CommonJS package its whole module.exports. */
function openApiClass(): typeof OpenApiModule.default {
  const exported: unknown = OpenApiModule.default
  if (typeof exported === 'function') return exported as typeof OpenApiModule.default
  return (exported as { default: typeof OpenApiModule.default }).default
}

export interface TeaOptions {
  /** 'v2' makes the Tea core sign with V1 HMAC-SHA1; unset means V3 ACS3-HMAC-SHA256. */
  signatureAlgorithm?: 'v2'
  accessKeyId?: string
  accessKeySecret?: string
  securityToken?: string
}

export function teaClient(emulator: RunningEmulator, options: TeaOptions = {}): OpenApiClient {
  const Client = openApiClass()
  return new Client(
    new Config({
      accessKeyId: options.accessKeyId ?? emulator.accessKeyId,
      accessKeySecret: options.accessKeySecret ?? emulator.accessKeySecret,
      securityToken: options.securityToken,
      endpoint: new URL(emulator.endpoint).host,
      protocol: 'http',
      regionId: emulator.regionId,
      signatureAlgorithm: options.signatureAlgorithm,
      readTimeout: 20_000,
      connectTimeout: 5_000,
    }),
  )
}

/** Calls an action the way the generated VOD SDK does (RPC, POST, params in the query). */
export async function teaCall(
  client: OpenApiClient,
  action: string,
  query: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<{ statusCode: number; body: Body }> {
  const params = new Params({
    action,
    version: '2017-03-21',
    protocol: 'HTTP',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  })
  const response: unknown = await client.callApi(
    params,
    new OpenApiRequest({ query, headers }),
    new RuntimeOptions({}),
  )
  return response as { statusCode: number; body: Body }
}

/** The error a Tea client throws, with the fields tests look at. */
export interface TeaError {
  code: string
  statusCode?: number
  data?: Body
}

/** An independent V1 signer (not the emulator's), for requests the SDKs cannot make. */
export function signV1(
  method: 'GET' | 'POST',
  params: Record<string, string>,
  secret: string,
): string {
  const encode = (text: string) =>
    encodeURIComponent(text).replace(
      /[!'()*]/g,
      (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
    )
  const canonical = Object.keys(params)
    .sort()
    .map((name) => `${encode(name)}=${encode(params[name] ?? '')}`)
    .join('&')
  const stringToSign = `${method}&${encode('/')}&${encode(canonical)}`
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64')
}

/** Common V1 params for a hand-made request. */
export function v1CommonParams(emulator: RunningEmulator, action: string): Record<string, string> {
  return {
    Action: action,
    Version: '2017-03-21',
    AccessKeyId: emulator.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: randomUUID(),
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
  }
}

/** A signed V1 GET URL for `params` (common params included by the caller). */
export function signedV1Url(emulator: RunningEmulator, params: Record<string, string>): string {
  const signature = signV1('GET', params, emulator.accessKeySecret)
  return `${emulator.endpoint}/?${new URLSearchParams({ ...params, Signature: signature }).toString()}`
}

/** Reads a whole response body. */
export async function bytesOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer())
}

/*
 * Asymmetric matchers typed as `unknown`, so they can sit inside expected objects without
 * spreading `any` through the tests.
 */
export const anyNumber: unknown = expect.any(Number)
export const anyString: unknown = expect.any(String)
export const anyArray: unknown = expect.any(Array)

export function matching(pattern: RegExp): unknown {
  return expect.stringMatching(pattern)
}

export function containing(text: string): unknown {
  return expect.stringContaining(text)
}

export function objectWith(shape: Record<string, unknown>): unknown {
  return expect.objectContaining(shape)
}

export function arrayWith(items: unknown[]): unknown {
  return expect.arrayContaining(items)
}
