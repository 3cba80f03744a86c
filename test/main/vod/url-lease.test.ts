import { describe, expect, it } from 'vitest'
import { detectSigningScheme, parseUrlExpiry } from '../../../src/main/vod/url-lease'

const issuedAt = Date.UTC(2015, 0, 1)

describe('parseUrlExpiry', () => {
  it.each([
    {
      name: 'OSS V1 (VOD docs form, Expires first)',
      url: 'https://outin-1234.oss-cn-shanghai.aliyuncs.com/sv/5aed81b7/5aed81b7.mp4?Expires=1700000000&OSSAccessKeyId=LTAIexample&Signature=Ibgh7y8Vp47LBuAsf5Xhi1SvDss%3D',
      scheme: 'oss-v1',
      expiresAt: 1_700_000_000_000,
    },
    {
      name: 'OSS V1 (OSS docs vector, any order, STS token)',
      url: 'https://oss-example.oss-cn-hangzhou.aliyuncs.com/oss-api.pdf?OSSAccessKeyId=STS.example&Signature=abc&Expires=1141889120&security-token=CAIS',
      scheme: 'oss-v1',
      expiresAt: 1_141_889_120_000,
    },
    {
      name: 'OSS V4 (x-oss-date + x-oss-expires)',
      url: 'https://bucket.oss-cn-hangzhou.aliyuncs.com/a.mp4?x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=LTAI%2F20240101%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-date=20240101T000000Z&x-oss-expires=3600&x-oss-signature=0f0f',
      scheme: 'oss-v4',
      expiresAt: Date.UTC(2024, 0, 1) + 3_600_000,
    },
    {
      name: 'CDN type A (docs vector), timestamp in the future = expiry',
      url: 'http://cdn.example.com/video/standard/1K.html?auth_key=1444435200-0-0-80cd3862d699b7118eed99103f2a3a4f',
      scheme: 'cdn-a',
      expiresAt: 1_444_435_200_000,
    },
    {
      name: 'CDN type B (docs vector, UTC+8 stamp + 1800 s)',
      url: 'http://cdn.example.com/201508150800/9044548ef1527deadafa49a890a377f0/4/44/44c0909bcfc20a01afaf256ca99a8b8b.mp3',
      scheme: 'cdn-b',
      expiresAt: Date.UTC(2015, 7, 15, 0, 0) + 1_800_000,
    },
    {
      name: 'CDN type C (docs vector, hex stamp + 1800 s)',
      url: 'http://cdn.example.com/a37fa50a5fb8f71214b1e7c95ec7a1bd/55CE8100/test.flv',
      scheme: 'cdn-c',
      expiresAt: (0x55ce8100 + 1800) * 1000,
    },
  ])('$name', ({ url, scheme, expiresAt }) => {
    expect(parseUrlExpiry(url, { issuedAt })).toEqual({ scheme, expiresAt })
  })

  it('reads a type A timestamp at or before issue time as the signing time', () => {
    const url =
      'http://cdn.example.com/v.mp4?auth_key=1444435200-0-0-80cd3862d699b7118eed99103f2a3a4f'
    const later = 1_444_435_200_000 + 5_000
    expect(parseUrlExpiry(url, { issuedAt: later, requestedAuthTimeoutSeconds: 7200 })).toEqual({
      scheme: 'cdn-a',
      expiresAt: 1_444_435_200_000 + 7_200_000,
    })
    expect(parseUrlExpiry(url, { issuedAt: later })).toEqual({
      scheme: 'cdn-a',
      expiresAt: 1_444_435_200_000 + 1_800_000,
    })
  })

  it.each([
    ['a plain URL', 'https://example.com/video.mp4'],
    [
      'type C with unknown parameter names',
      'http://cdn.example.com/test.flv?KEY1=a37fa50a5fb8f71214b1e7c95ec7a1bd&KEY2=55CE8100',
    ],
    [
      'a path that only looks like type B',
      'http://cdn.example.com/201513450800/9044548ef1527deadafa49a890a377f0/a.mp3',
    ],
    ['not a URL', 'not a url'],
  ])('has no expiry for %s', (_name, url) => {
    expect(parseUrlExpiry(url, { issuedAt })).toEqual({ scheme: 'unknown' })
  })

  it('keeps the scheme when the expiry value is unreadable', () => {
    expect(
      parseUrlExpiry('https://b.oss-cn-shanghai.aliyuncs.com/k?Expires=soon&Signature=x', {
        issuedAt,
      }),
    ).toEqual({ scheme: 'oss-v1' })
    expect(parseUrlExpiry('http://cdn.example.com/k?auth_key=garbage', { issuedAt })).toEqual({
      scheme: 'cdn-a',
    })
  })

  it('reads the emulator address forms', () => {
    expect(
      detectSigningScheme(
        'http://127.0.0.1:8790/oss/outin-demo/sv/a.mp4?Expires=1&OSSAccessKeyId=a&Signature=b',
      ),
    ).toBe('oss-v1')
    expect(
      detectSigningScheme(
        'http://127.0.0.1:8790/cdn/sv/a.mp4?auth_key=1700000000-abc-0-80cd3862d699b7118eed99103f2a3a4f',
      ),
    ).toBe('cdn-a')
  })
})
