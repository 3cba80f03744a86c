import { describe, expect, it } from 'vitest'
import { credentialsFromEnvironment, describeCredentials } from '../../../src/main/vod/credentials'

describe('credentialsFromEnvironment', () => {
  it('reads an AccessKey pair', () => {
    expect(
      credentialsFromEnvironment({
        ALIBABA_CLOUD_ACCESS_KEY_ID: ' LTAI5tExample ',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret',
      }),
    ).toEqual({ kind: 'access-key', accessKeyId: 'LTAI5tExample', accessKeySecret: 'secret' })
  })

  it('reads STS credentials when a token is set', () => {
    expect(
      credentialsFromEnvironment({
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'STS.NUexample',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret',
        ALIBABA_CLOUD_SECURITY_TOKEN: 'CAIS',
      }),
    ).toEqual({
      kind: 'sts',
      accessKeyId: 'STS.NUexample',
      accessKeySecret: 'secret',
      securityToken: 'CAIS',
    })
  })

  it('returns nothing when unset and refuses half a pair', () => {
    expect(credentialsFromEnvironment({})).toBeUndefined()
    expect(
      credentialsFromEnvironment({ ALIBABA_CLOUD_ACCESS_KEY_ID: '', HOME: '/' }),
    ).toBeUndefined()
    expect(() => credentialsFromEnvironment({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI' })).toThrow(
      expect.objectContaining({
        code: 'NotConfigured',
        detail: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set',
      }),
    )
    expect(() => credentialsFromEnvironment({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's' })).toThrow(
      expect.objectContaining({ code: 'NotConfigured' }),
    )
  })
})

describe('describeCredentials', () => {
  it('never shows the secret or the token', () => {
    const text = describeCredentials({
      kind: 'sts',
      accessKeyId: 'STS.NUexampleLongId',
      accessKeySecret: 'secret',
      securityToken: 'CAIS',
    })
    expect(text).toBe('STS STS.…ngId')
    expect(text).not.toMatch(/secret|CAIS/)
  })
})
