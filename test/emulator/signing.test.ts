import { describe, expect, it } from 'vitest'
import { percentEncode } from '../../src/emulator/percent-encoding'
import { cdnAuthHash, cdnAuthKey, parseCdnAuthKey } from '../../src/emulator/signing/cdn-auth'
import { ossSignature, ossStringToSign } from '../../src/emulator/signing/oss-url'
import { v1Signature, v1StringToSign } from '../../src/emulator/signing/v1'
import {
  emptyPayloadHash,
  parseV3Authorization,
  v3CanonicalRequest,
  v3Signature,
  v3StringToSign,
} from '../../src/emulator/signing/v3'

describe('percent-encoding', () => {
  it('keeps only the RFC 3986 unreserved set', () => {
    expect(percentEncode("a b*c~d!e'(f)")).toBe('a%20b%2Ac~d%21e%27%28f%29')
    expect(percentEncode('西湖')).toBe('%E8%A5%BF%E6%B9%96')
  })
})

describe('signature V1 (HMAC-SHA1)', () => {
  const params = new Map([
    ['AccessKeyId', 'testAccessKeyId'],
    ['Action', 'GetVideoPlayAuth'],
    ['Format', 'JSON'],
    ['SignatureMethod', 'HMAC-SHA1'],
    ['SignatureNonce', '8f8a035d-6496-4268-afd4-67c22837e38d'],
    ['SignatureVersion', '1.0'],
    ['Timestamp', '2017-10-10T12:02:54Z'],
    ['Version', '2017-03-21'],
    ['VideoId', '5aed81b74ba84920be578cdfe004af4b'],
    // Never part of what is signed.
    ['Signature', 'ignored'],
  ])

  it('builds the documented string to sign', () => {
    expect(v1StringToSign('GET', params)).toBe(
      'GET&%2F&AccessKeyId%3DtestAccessKeyId%26Action%3DGetVideoPlayAuth%26Format%3DJSON%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D8f8a035d-6496-4268-afd4-67c22837e38d%26SignatureVersion%3D1.0%26Timestamp%3D2017-10-10T12%253A02%253A54Z%26Version%3D2017-03-21%26VideoId%3D5aed81b74ba84920be578cdfe004af4b',
    )
  })

  it('matches the official test vector', () => {
    expect(v1Signature(v1StringToSign('GET', params), 'testAccessKeySecret')).toBe(
      'Ibgh7y8Vp47LBuAsf5Xhi1SvDss=',
    )
  })

  it('signs the real method', () => {
    expect(v1Signature(v1StringToSign('POST', params), 'testAccessKeySecret')).not.toBe(
      'Ibgh7y8Vp47LBuAsf5Xhi1SvDss=',
    )
  })
})

describe('signature V3 (ACS3-HMAC-SHA256)', () => {
  const headers = new Map([
    ['host', 'vod.cn-shanghai.aliyuncs.com'],
    ['x-acs-action', 'GetPlayInfo'],
    ['x-acs-version', '2017-03-21'],
    ['x-acs-date', '2024-01-01T00:00:00Z'],
    ['x-acs-signature-nonce', '3156853299f313e23d1673dc12e1703d'],
    ['x-acs-content-sha256', emptyPayloadHash],
    ['user-agent', 'not signed'],
  ])
  const input = {
    method: 'POST',
    path: '/',
    query: new Map([
      ['VideoId', '93ab850b4f654b6e91d24d81d44****'],
      ['Formats', 'mp4,m3u8'],
      ['OutputType', 'oss'],
      ['AuthTimeout', '3600'],
    ]),
    headers,
    signedHeaders: [
      'host',
      'x-acs-action',
      'x-acs-content-sha256',
      'x-acs-date',
      'x-acs-signature-nonce',
      'x-acs-version',
    ],
    payloadHash: emptyPayloadHash,
  }

  it('builds the canonical request from the signed headers only', () => {
    const canonical = v3CanonicalRequest(input)
    expect(canonical.split('\n').slice(0, 3)).toEqual([
      'POST',
      '/',
      'AuthTimeout=3600&Formats=mp4%2Cm3u8&OutputType=oss&VideoId=93ab850b4f654b6e91d24d81d44%2A%2A%2A%2A',
    ])
    expect(canonical).not.toContain('user-agent')
    expect(canonical).toContain('x-acs-version:2017-03-21\n\nhost;x-acs-action;')
  })

  it('matches the reference test vector', () => {
    expect(v3Signature(v3StringToSign(v3CanonicalRequest(input)), 'testAccessKeySecret')).toBe(
      'a2b781d23c78f8ea4d1cbb1938ec505c28cbea59a2d8979dffa920f2715d5582',
    )
  })

  it('parses the Authorization header', () => {
    expect(
      parseV3Authorization(
        'ACS3-HMAC-SHA256 Credential=LTAIxyz,SignedHeaders=host;x-acs-date,Signature=ABCDEF',
      ),
    ).toEqual({
      accessKeyId: 'LTAIxyz',
      signedHeaders: ['host', 'x-acs-date'],
      signature: 'abcdef',
    })
    expect(parseV3Authorization('ACS3-HMAC-SHA256 Credential=x')).toBeUndefined()
    expect(parseV3Authorization('Bearer token')).toBeUndefined()
  })
})

describe('CDN URL signing type A', () => {
  it('matches the documented vector', () => {
    expect(cdnAuthHash('/video/standard/1K.html', 1444435200, '0', '0', 'aliyuncdnexp1234')).toBe(
      '80cd3862d699b7118eed99103f2a3a4f',
    )
    expect(cdnAuthKey('/video/standard/1K.html', 1444435200, '0', '0', 'aliyuncdnexp1234')).toBe(
      '1444435200-0-0-80cd3862d699b7118eed99103f2a3a4f',
    )
  })

  it('parses auth_key values', () => {
    expect(parseCdnAuthKey('1444435200-0-0-80cd3862d699b7118eed99103f2a3a4f')).toEqual({
      timestamp: 1444435200,
      rand: '0',
      uid: '0',
      md5: '80cd3862d699b7118eed99103f2a3a4f',
    })
    expect(parseCdnAuthKey('1444435200-0-80cd3862d699b7118eed99103f2a3a4f')).toBeUndefined()
  })
})

describe('OSS V1 presigned URLs', () => {
  it('signs verb, expiry and resource as the OSS document shows', () => {
    const stringToSign = ossStringToSign({
      method: 'GET',
      expires: 1141889120,
      bucket: 'oss-example',
      key: 'oss-api.pdf',
    })
    expect(stringToSign).toBe('GET\n\n\n1141889120\n/oss-example/oss-api.pdf')
    expect(ossSignature(stringToSign, 'secret')).toMatch(/^[A-Za-z0-9+/]{27}=$/)
  })

  it('signs sub-resources but not other query params', () => {
    const stringToSign = ossStringToSign({
      method: 'GET',
      expires: 1,
      bucket: 'b',
      key: 'k',
      query: new Map([
        ['security-token', 'T'],
        ['MtsHlsUriToken', 'x'],
      ]),
    })
    expect(stringToSign).toBe('GET\n\n\n1\n/b/k?security-token=T')
  })
})
