import { describe, expect, it } from 'vitest'
import { redactingLogger, redactUrl as engineRedactUrl } from '../../src/main/common/logger'
import { redactText as vodRedactText, redactUrl as vodRedactUrl } from '../../src/main/vod/redact'
import { redactText, redactUrl } from '../../src/shared/redact'

/**
 * Every signed-URL shape the app meets, with the values that must never reach a log. The URLs
 * follow the shapes VOD, OSS and the CDN really send (documentation vectors where there are some).
 */
const signedUrls: Array<{ name: string; url: string; secrets: string[]; kept: string[] }> = [
  {
    name: 'OSS V1 with an STS token',
    url: 'https://outin-1234.oss-cn-shanghai.aliyuncs.com/sv/5aed81b7/5aed81b7.mp4?Expires=1700000000&OSSAccessKeyId=STS.NUgYrLnoC37mZZCNnAbez2&Signature=Ibgh7y8Vp47LBuAsf5Xhi1SvDss%3D&security-token=CAISsecretstsv1token',
    secrets: ['NUgYrLnoC37mZZCNnAbez2', 'Ibgh7y8Vp47LBuAsf5Xhi1SvDss', 'CAISsecretstsv1token'],
    kept: [
      'outin-1234.oss-cn-shanghai.aliyuncs.com/sv/5aed81b7/5aed81b7.mp4',
      'Expires=1700000000',
    ],
  },
  {
    name: 'OSS V4 query signature',
    url: 'https://bucket.oss-cn-hangzhou.aliyuncs.com/a.mp4?x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=LTAI5tV4credkey%2F20240101%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-date=20240101T000000Z&x-oss-expires=3600&x-oss-additional-headers=host&x-oss-security-token=CAISv4ststoken&x-oss-signature=0f0e0d0c0b0a09080706050403020100aabbccddeeff00112233445566778899',
    secrets: [
      'LTAI5tV4credkey',
      'CAISv4ststoken',
      '0f0e0d0c0b0a09080706050403020100aabbccddeeff00112233445566778899',
    ],
    kept: ['x-oss-date=20240101T000000Z', 'x-oss-expires=3600'],
  },
  {
    name: 'CDN type A (auth_key)',
    url: 'http://cdn.example.com/video/standard/1K.html?auth_key=1444435200-0-0-80cd3862d699b7118eed99103f2a3a4f',
    secrets: ['80cd3862d699b7118eed99103f2a3a4f', '1444435200-0-0'],
    kept: ['cdn.example.com/video/standard/1K.html'],
  },
  {
    name: 'CDN type B (/timestamp/md5hash/path)',
    url: 'http://cdn.example.com/201508150800/9044548ef1527deadafa49a890a377f0/4/a.mp3',
    secrets: ['9044548ef1527deadafa49a890a377f0'],
    kept: ['/201508150800/', '/4/a.mp3'],
  },
  {
    name: 'CDN type B behind a doubled slash',
    url: 'http://cdn.example.com//201508150800/9044548ef1527deadafa49a890a377f0/a.mp3',
    secrets: ['9044548ef1527deadafa49a890a377f0'],
    kept: ['201508150800', 'a.mp3'],
  },
  {
    name: 'CDN type C (/md5hash/timestamp/path)',
    url: 'http://cdn.example.com/a37fa50a5fb8f71214b1e7c95ec7a1bd/55CE8100/test.flv',
    secrets: ['a37fa50a5fb8f71214b1e7c95ec7a1bd'],
    kept: ['/55CE8100/test.flv'],
  },
  {
    name: 'CDN type C, query form (KEY1/KEY2)',
    url: 'http://cdn.example.com/test.flv?KEY1=a37fa50a5fb8f71214b1e7c95ec7a1bd&KEY2=55CE8100',
    secrets: ['a37fa50a5fb8f71214b1e7c95ec7a1bd'],
    kept: ['cdn.example.com/test.flv'],
  },
  {
    name: 'CDN type D/F style (sign + t / time)',
    url: 'http://cdn.example.com/v/a.mp4?sign=c5b3d4e2f1a0b9c8d7e6f5a4b3c2d1e0&t=5f5e1000&time=1600000000',
    secrets: ['c5b3d4e2f1a0b9c8d7e6f5a4b3c2d1e0'],
    kept: ['cdn.example.com/v/a.mp4'],
  },
  {
    name: 'HLS key request with MtsHlsUriToken and Ciphertext',
    url: 'https://vod.cn-shanghai.aliyuncs.com/?Ciphertext=NjZlZDU0ZGQtciphertext&MediaId=abc&MtsHlsUriToken=hlsuritokensecret',
    secrets: ['NjZlZDU0ZGQtciphertext', 'hlsuritokensecret'],
    kept: ['MediaId=abc'],
  },
  {
    name: 'an API URL with the STS SecurityToken and AccessKeyId',
    url: 'https://vod.cn-shanghai.aliyuncs.com/?Action=GetPlayInfo&AccessKeyId=STS.apikeyid1234&SecurityToken=CAISapistsToken%2B%2Fxyz&Signature=apisignaturevalue%3D',
    secrets: ['apikeyid1234', 'CAISapistsToken', 'apisignaturevalue'],
    kept: ['Action=GetPlayInfo'],
  },
  {
    name: 'userinfo',
    url: 'https://downloader:hunter2pass@media.example.com/a.mp4',
    secrets: ['downloader', 'hunter2pass'],
    kept: ['media.example.com/a.mp4'],
  },
  {
    name: 'a token in the fragment (the headless host address)',
    url: 'http://127.0.0.1:40211/#token=Q2hostbridgetokenvalue',
    secrets: ['Q2hostbridgetokenvalue'],
    kept: ['127.0.0.1:40211'],
  },
  {
    name: 'a percent-encoded parameter name',
    url: 'https://b.example.com/a.mp4?%53ignature=encodednamesecret&x=1',
    secrets: ['encodednamesecret'],
    kept: ['x=1'],
  },
]

describe('redactUrl', () => {
  it.each(signedUrls)('removes every secret of $name', ({ url, secrets, kept }) => {
    const redacted = redactUrl(url)
    for (const secret of secrets) expect(redacted).not.toContain(secret)
    for (const part of kept) expect(redacted).toContain(part)
    expect(redacted).not.toBe(url)
  })

  it.each(signedUrls)('is the redactor the engine and the VOD code use ($name)', ({ url }) => {
    expect(engineRedactUrl(url)).toBe(redactUrl(url))
    expect(vodRedactUrl(url)).toBe(redactUrl(url))
  })

  it('leaves a URL without secrets as it was written', () => {
    const plain = 'https://media.example.com/dir/a%20b.mp4?part=1&lang=zh-CN'
    expect(redactUrl(plain)).toBe(plain)
  })

  it('does not mistake ordinary paths for CDN signatures', () => {
    for (const url of [
      'http://cdn.example.com/201513450800/9044548ef1527deadafa49a890a377f0/a.mp3',
      'http://cdn.example.com/9044548ef1527deadafa49a890a377f0/a.mp3',
    ]) {
      expect(redactUrl(url)).toBe(url)
    }
  })
})

describe('redactText', () => {
  it.each(signedUrls)('removes every secret of $name inside a sentence', ({ url, secrets }) => {
    const text = `job 7: GET ${url} failed (HTTP 403), renewing`
    const redacted = redactText(text)
    for (const secret of secrets) expect(redacted).not.toContain(secret)
    expect(redacted.startsWith('job 7: GET ')).toBe(true)
    expect(redacted.endsWith(' failed (HTTP 403), renewing')).toBe(true)
    expect(vodRedactText(text)).toBe(redacted)
  })

  it('removes secrets written outside a URL', () => {
    const text = [
      'Signature=xyzsignature SecurityToken: CAISloosetoken',
      'Authorization: ACS3-HMAC-SHA256 Credential=LTAIheaderkey,SignedHeaders=host,Signature=headersig',
      '{"AccessKeySecret":"jsonsecretvalue"} Bearer bridgebearertoken',
    ].join('\n')
    const redacted = redactText(text)
    for (const secret of [
      'xyzsignature',
      'CAISloosetoken',
      'LTAIheaderkey',
      'headersig',
      'jsonsecretvalue',
      'bridgebearertoken',
    ]) {
      expect(redacted).not.toContain(secret)
    }
    expect(redacted).toContain('SignedHeaders=host')
  })
})

describe('redactingLogger', () => {
  it('redacts every line before the sink sees it', () => {
    const lines: string[] = []
    const log = redactingLogger({
      info: (message) => lines.push(`info ${message}`),
      warn: (message) => lines.push(`warn ${message}`),
      error: (message) => lines.push(`error ${message}`),
    })
    const [typeB, typeC] = [signedUrls[3]!, signedUrls[5]!]
    log.info(`job 1: ${typeB.url} → a.mp3`)
    log.warn(`job 2: address refused (${typeC.url}); renewing it`)
    log.error(`host: failed: ${signedUrls[0]!.url}`)
    expect(lines).toHaveLength(3)
    for (const secret of [...typeB.secrets, ...typeC.secrets, ...signedUrls[0]!.secrets]) {
      expect(lines.join('\n')).not.toContain(secret)
    }
    expect(lines[0]).toMatch(/^info job 1: http:\/\/cdn\.example\.com\/201508150800\/REDACTED\//)
  })
})
