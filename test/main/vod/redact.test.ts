import { describe, expect, it } from 'vitest'
import { redactText, redactUrl } from '../../../src/main/vod/redact'

describe('redactUrl', () => {
  it.each([
    [
      'https://b.oss-cn-shanghai.aliyuncs.com/sv/a.mp4?Expires=1700000000&OSSAccessKeyId=LTAIsecretid&Signature=c2lnbmF0dXJl%3D&security-token=CAIStoken',
      'https://b.oss-cn-shanghai.aliyuncs.com/sv/a.mp4?Expires=1700000000&OSSAccessKeyId=REDACTED&Signature=REDACTED&security-token=REDACTED',
    ],
    [
      'http://cdn.example.com/v.mp4?auth_key=1444435200-0-0-80cd3862d699b7118eed99103f2a3a4f&MtsHlsUriToken=tok',
      'http://cdn.example.com/v.mp4?auth_key=REDACTED&MtsHlsUriToken=REDACTED',
    ],
    [
      'https://b.oss-cn-hangzhou.aliyuncs.com/a?x-oss-credential=LTAI%2F2024&x-oss-date=20240101T000000Z&x-oss-expires=60&x-oss-signature=abcd',
      'https://b.oss-cn-hangzhou.aliyuncs.com/a?x-oss-credential=REDACTED&x-oss-date=20240101T000000Z&x-oss-expires=60&x-oss-signature=REDACTED',
    ],
    [
      'http://cdn.example.com/201508150800/9044548ef1527deadafa49a890a377f0/4/a.mp3',
      'http://cdn.example.com/201508150800/REDACTED/4/a.mp3',
    ],
    [
      'http://cdn.example.com/a37fa50a5fb8f71214b1e7c95ec7a1bd/55CE8100/test.flv',
      'http://cdn.example.com/REDACTED/55CE8100/test.flv',
    ],
    ['https://user:pass@example.com/a.mp4', 'https://example.com/a.mp4'],
    ['::not a url::', '[unparseable URL]'],
  ])('%s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected)
  })
})

describe('redactText', () => {
  it('redacts URLs and bare signature assignments inside a message', () => {
    const text =
      'GET failed: http://cdn.example.com/v.mp4?auth_key=1-0-0-abc, Signature=xyz SecurityToken: CAIS123'
    const redacted = redactText(text)
    expect(redacted).not.toMatch(/abc|xyz|CAIS123/)
    expect(redacted).toContain('auth_key=REDACTED')
  })
})
