import { describe, expect, it } from 'vitest'
import {
  addressTypeOfUrl,
  describeAddressTypes,
  isInputBucket,
} from '../../../src/main/vod/address-types'

describe('describeAddressTypes', () => {
  it('has one line per type and language naming the cost and what is bypassed', () => {
    const text = describeAddressTypes()
    expect(text.cdn.en).toMatch(/CDN traffic/)
    expect(text.oss.en).toMatch(/OSS outbound traffic.*bypasses/)
    expect(text.oss['zh-CN']).toMatch(/OSS 外网流出流量.*不受/)
    for (const line of [text.cdn.en, text.oss.en, text.cdn['zh-CN'], text.oss['zh-CN']]) {
      expect(line).not.toContain('\n')
      expect(line).toMatch(/encrypt|加密/)
    }
  })
})

describe('isInputBucket', () => {
  it.each([
    ['in-201703232118266-5sejdln9o.oss-cn-shanghai.aliyuncs.com', true],
    ['outin-4c4b8a0f.oss-cn-shanghai.aliyuncs.com', false],
    ['out-4c4b8a0f.oss-cn-shanghai.aliyuncs.com', false],
    [undefined, false],
  ])('%s → %s', (location, expected) => {
    expect(isInputBucket(location)).toBe(expected)
  })
})

describe('addressTypeOfUrl', () => {
  it.each([
    [
      'https://outin-1.oss-cn-shanghai.aliyuncs.com/a.mp4?Expires=1&OSSAccessKeyId=a&Signature=b',
      'oss',
    ],
    ['https://outin-1.oss-cn-shanghai.aliyuncs.com/a.mp4', 'oss'],
    ['http://127.0.0.1:1/oss/outin-1/a.mp4?Expires=1&OSSAccessKeyId=a&Signature=b', 'oss'],
    ['http://vod.example.com/a.mp4?auth_key=1-0-0-80cd3862d699b7118eed99103f2a3a4f', 'cdn'],
    ['http://vod.example.com/a.mp4', 'cdn'],
  ])('%s → %s', (url, expected) => {
    expect(addressTypeOfUrl(url)).toBe(expected)
  })
})
