import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/errors'
import {
  endpointOverrideFromEnvironment,
  parseEndpointUrl,
  resolveEndpoint,
} from '../../../src/main/vod/endpoint'
import { endpointForRegion, vodRegions } from '../../../src/main/vod/regions'

describe('parseEndpointUrl', () => {
  it.each([
    ['http://127.0.0.1:8790', { host: '127.0.0.1:8790', protocol: 'http' }],
    ['http://127.0.0.1:8790/', { host: '127.0.0.1:8790', protocol: 'http' }],
    [
      'https://vod.cn-beijing.aliyuncs.com',
      { host: 'vod.cn-beijing.aliyuncs.com', protocol: 'https' },
    ],
    [
      'vod-vpc.cn-shanghai.aliyuncs.com',
      { host: 'vod-vpc.cn-shanghai.aliyuncs.com', protocol: 'https' },
    ],
    ['https://example.com:443', { host: 'example.com', protocol: 'https' }],
  ])('%s', (text, expected) => {
    expect(parseEndpointUrl(text)).toEqual(expected)
  })

  it.each([
    'ftp://example.com',
    'http://example.com/api',
    'http://u:p@example.com',
    'https://:p@example.com',
    'http://[bad',
  ])('refuses %s', (text) => {
    expect(() => parseEndpointUrl(text)).toThrow(expect.objectContaining({ code: 'InvalidInput' }))
  })
})

describe('plain http', () => {
  it.each([
    ['http://127.0.0.1:8790', '127.0.0.1:8790'],
    ['http://127.8.9.10', '127.8.9.10'],
    ['http://127.1:8790', '127.0.0.1:8790'],
    ['http://localhost:8790', 'localhost:8790'],
    ['http://LOCALHOST:8790', 'localhost:8790'],
    ['http://[::1]:8790', '[::1]:8790'],
  ])('is allowed for the loopback host %s', (text, host) => {
    expect(parseEndpointUrl(text)).toEqual({ host, protocol: 'http' })
  })

  it.each([
    'http://vod.cn-shanghai.aliyuncs.com',
    'http://example.com:8790',
    'http://10.0.0.5:8790',
    'http://128.0.0.1',
    'http://0.0.0.0:8790',
    'http://[::ffff:127.0.0.1]',
    'http://localhost.example.com',
    'http://127.0.0.1.example.com',
    'http://localhost.',
  ])('is refused with an explanation for %s', (text) => {
    let thrown: unknown
    try {
      parseEndpointUrl(text)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(AppError)
    const data = (thrown as AppError).toData()
    expect(data.code).toBe('InsecureEndpoint')
    expect(data.message).toContain('https://')
    expect(data.messageZh).toContain('https://')
    expect(data.messageZh).toMatch(/明文/)
    expect(() => resolveEndpoint('cn-shanghai', text)).toThrow(
      expect.objectContaining({ code: 'InsecureEndpoint' }),
    )
  })

  it('stays allowed over https for any host', () => {
    expect(parseEndpointUrl('https://10.0.0.5:8790')).toEqual({
      host: '10.0.0.5:8790',
      protocol: 'https',
    })
  })
})

describe('resolveEndpoint', () => {
  it('uses the region endpoint over HTTPS unless overridden', () => {
    expect(resolveEndpoint('cn-beijing')).toEqual({
      host: 'vod.cn-beijing.aliyuncs.com',
      protocol: 'https',
    })
    expect(resolveEndpoint('cn-beijing', ' ')).toEqual({
      host: 'vod.cn-beijing.aliyuncs.com',
      protocol: 'https',
    })
    expect(resolveEndpoint('cn-beijing', 'http://127.0.0.1:9')).toEqual({
      host: '127.0.0.1:9',
      protocol: 'http',
    })
  })

  it('reads VOD_ENDPOINT', () => {
    expect(endpointOverrideFromEnvironment({ VOD_ENDPOINT: 'http://127.0.0.1:8790' })).toBe(
      'http://127.0.0.1:8790',
    )
    expect(endpointOverrideFromEnvironment({ VOD_ENDPOINT: '' })).toBeUndefined()
  })
})

describe('regions', () => {
  it('lists each region once, with its documented endpoint', () => {
    const ids = vodRegions.map((region) => region.regionId)
    expect(new Set(ids).size).toBe(ids.length)
    for (const region of vodRegions) {
      expect(region.endpoint).toBe(`vod.${region.regionId}.aliyuncs.com`)
      expect(endpointForRegion(region.regionId)).toBe(region.endpoint)
    }
  })

  it('sends cn-hangzhou to Shanghai like the SDK, and unlisted ids to the pattern', () => {
    expect(endpointForRegion('cn-hangzhou')).toBe('vod.cn-shanghai.aliyuncs.com')
    expect(endpointForRegion('ap-south-9')).toBe('vod.ap-south-9.aliyuncs.com')
  })
})
