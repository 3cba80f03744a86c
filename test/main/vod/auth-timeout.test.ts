import { describe, expect, it } from 'vitest'
import { chooseAuthTimeoutSeconds, largeFileBytes } from '../../../src/main/vod/auth-timeout'

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
