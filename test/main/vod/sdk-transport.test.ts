import type { Config, OpenApiRequest, Params } from '@alicloud/openapi-client'
import type { RuntimeOptions } from '@alicloud/tea-util'
import { describe, expect, it } from 'vitest'
import {
  createOpenApiClient,
  createSdkTransport,
  openApiConfig,
  type VodConnection,
} from '../../../src/main/vod/sdk-transport'

const connection: VodConnection = {
  credentials: {
    kind: 'sts',
    accessKeyId: 'STS.example',
    accessKeySecret: 'secret',
    securityToken: 'token',
  },
  regionId: 'cn-shanghai',
  endpoint: 'http://127.0.0.1:8790',
}

describe('openApiConfig', () => {
  it('splits the endpoint URL into host and protocol and sets timeouts', () => {
    expect(openApiConfig(connection)).toMatchObject({
      accessKeyId: 'STS.example',
      securityToken: 'token',
      regionId: 'cn-shanghai',
      endpoint: '127.0.0.1:8790',
      protocol: 'http',
      connectTimeout: 5000,
      readTimeout: 20000,
    })
    const regional = openApiConfig({
      credentials: { kind: 'access-key', accessKeyId: 'a', accessKeySecret: 'b' },
      regionId: 'eu-central-1',
      readTimeoutMs: 1000,
    })
    expect(regional).toMatchObject({
      endpoint: 'vod.eu-central-1.aliyuncs.com',
      protocol: 'https',
      readTimeout: 1000,
    })
    expect(regional.securityToken).toBeUndefined()
  })

  it('builds the real SDK client', () => {
    expect(typeof createOpenApiClient(openApiConfig(connection)).callApi).toBe('function')
  })
})

describe('createSdkTransport', () => {
  it('sends an RPC call with the query and returns the body', async () => {
    const seen: Array<{ params: Params; request: OpenApiRequest; runtime: RuntimeOptions }> = []
    const configs: Config[] = []
    const transport = createSdkTransport(
      () => connection,
      (config) => {
        configs.push(config)
        return {
          callApi(params, request, runtime) {
            seen.push({ params, request, runtime })
            return Promise.resolve({ statusCode: 200, headers: {}, body: { RequestId: 'R' } })
          },
        }
      },
    )
    await expect(transport.call('GetPlayInfo', { VideoId: 'v' })).resolves.toEqual({
      RequestId: 'R',
    })
    await transport.call('GetVideoInfo', { VideoId: 'v' })
    expect(configs).toHaveLength(1)
    expect(seen[0]?.params).toMatchObject({
      action: 'GetPlayInfo',
      version: '2017-03-21',
      protocol: 'HTTP',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      bodyType: 'json',
    })
    expect(seen[0]?.request.query).toEqual({ VideoId: 'v' })
    expect(seen[0]?.runtime).toMatchObject({
      autoretry: false,
      connectTimeout: 5000,
      readTimeout: 20000,
    })
  })

  it('rebuilds the SDK client when the credentials change', async () => {
    let current = connection
    let built = 0
    const transport = createSdkTransport(
      () => current,
      () => {
        built += 1
        return { callApi: () => Promise.resolve({ body: {} }) }
      },
    )
    await transport.call('GetVideoInfo', {})
    current = {
      ...connection,
      credentials: {
        kind: 'sts',
        accessKeyId: 'STS.example',
        accessKeySecret: 'secret',
        securityToken: 'new',
      },
    }
    await transport.call('GetVideoInfo', {})
    await transport.call('GetVideoInfo', {})
    expect(built).toBe(2)
  })
})
