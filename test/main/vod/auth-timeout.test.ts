import { describe, expect, it } from 'vitest'
import {
  chooseAuthTimeoutSeconds,
  largeFileBytes,
  ownBucketMaximumAuthTimeoutSeconds,
  withAllowedAuthTimeout,
} from '../../../src/main/vod/auth-timeout'
import { VodServiceError } from '../../../src/main/vod/errors'

const settings = { defaultAuthTimeoutSeconds: 3600 }

describe('chooseAuthTimeoutSeconds', () => {
  it.each([
    ['default for a small source', { action: 'GetMezzanineInfo', knownSize: 10 }, 3600],
    ['default when the size is unknown', { action: 'GetMezzanineInfo' }, 3600],
    [
      'OSS maximum for a large source',
      { action: 'GetMezzanineInfo', knownSize: largeFileBytes },
      2_592_000,
    ],
    [
      '7-day maximum for a large rendition',
      { action: 'GetPlayInfo', knownSize: 5 * largeFileBytes },
      604_800,
    ],
    [
      'an explicit request wins',
      { action: 'GetMezzanineInfo', knownSize: largeFileBytes, requested: 600 },
      600,
    ],
    ['explicit requests are capped', { action: 'GetPlayInfo', requested: 9_999_999 }, 604_800],
    ['snapshots get at least 3600 s', { action: 'ListSnapshots', requested: 60 }, 3600],
  ] as const)('%s', (_name, input, expected) => {
    expect(chooseAuthTimeoutSeconds({ ...input, settings })).toBe(expected)
  })

  it('uses the configured large-file lifetime', () => {
    expect(
      chooseAuthTimeoutSeconds({
        action: 'GetMezzanineInfo',
        knownSize: largeFileBytes,
        settings: { defaultAuthTimeoutSeconds: 3600, largeFileAuthTimeoutSeconds: 86_400 },
      }),
    ).toBe(86_400)
  })
})

describe('withAllowedAuthTimeout', () => {
  const refused = () =>
    new VodServiceError('InvalidInput', {
      action: 'GetMezzanineInfo',
      serverCode: 'InvalidParameter',
      detail:
        'GetMezzanineInfo: InvalidParameter, HTTP 400, The specified parameter "AuthTimeout" is not valid.',
    })

  it('asks once more with the allowed maximum when the lifetime is refused', async () => {
    const asked: number[] = []
    const granted = await withAllowedAuthTimeout(604_800, (authTimeout) => {
      asked.push(authTimeout)
      return authTimeout > ownBucketMaximumAuthTimeoutSeconds
        ? Promise.reject(refused())
        : Promise.resolve('url')
    })
    expect(granted).toEqual({ value: 'url', authTimeout: 129_600 })
    expect(asked).toEqual([604_800, 129_600])
  })

  it('does not ask again for other errors, or when the maximum itself was refused', async () => {
    const other = new VodServiceError('InvalidInput', {
      action: 'GetPlayInfo',
      serverCode: 'InvalidParameter',
      detail: 'GetPlayInfo: InvalidParameter, The specified parameter "Formats" is not valid.',
    })
    await expect(withAllowedAuthTimeout(604_800, () => Promise.reject(other))).rejects.toBe(other)
    let calls = 0
    await expect(
      withAllowedAuthTimeout(3600, () => {
        calls += 1
        return Promise.reject(refused())
      }),
    ).rejects.toMatchObject({ code: 'InvalidInput' })
    expect(calls).toBe(1)
  })
})
