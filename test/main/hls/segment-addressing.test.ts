import { describe, expect, it } from 'vitest'
import {
  addressCandidates,
  nextStep,
  withPlaylistParameters,
  type Refusal,
  type SegmentAddressing,
  type StepInput,
} from '../../../src/main/hls/segment-addressing'

const playlist = 'https://cdn.example.com/vod/abc/index.m3u8?auth_key=1700000000-0-0-deadbeef'
const oss =
  'https://bucket.oss-cn-shanghai.aliyuncs.com/v/index.m3u8?Expires=1700000000&OSSAccessKeyId=LTAI&Signature=a%2Bb%2Fc%3D'

describe('withPlaylistParameters', () => {
  it("adds the playlist's parameters exactly as written to a bare address of the same origin", () => {
    expect(withPlaylistParameters('https://cdn.example.com/vod/abc/seg-1.ts', playlist)).toEqual({
      url: 'https://cdn.example.com/vod/abc/seg-1.ts?auth_key=1700000000-0-0-deadbeef',
    })
    // A signature's percent-escapes go along byte for byte (never decoded and encoded again).
    expect(
      withPlaylistParameters('https://bucket.oss-cn-shanghai.aliyuncs.com/v/s.ts', oss),
    ).toEqual({
      url: 'https://bucket.oss-cn-shanghai.aliyuncs.com/v/s.ts?Expires=1700000000&OSSAccessKeyId=LTAI&Signature=a%2Bb%2Fc%3D',
    })
  })

  it('keeps the segment parameters first and adds only names it lacks; never a fragment', () => {
    expect(
      withPlaylistParameters('https://cdn.example.com/vod/abc/seg.ts?v=2#t=1', `${playlist}&v=1`),
    ).toEqual({
      url: 'https://cdn.example.com/vod/abc/seg.ts?v=2&auth_key=1700000000-0-0-deadbeef',
    })
  })

  it('says why there is nothing to try: no query, another host, nothing to add', () => {
    expect(
      withPlaylistParameters('https://cdn.example.com/a/s.ts', 'https://cdn.example.com/a/i.m3u8'),
    ).toEqual({ missing: 'no-query' })
    expect(withPlaylistParameters('https://other.example.com/s.ts', playlist)).toEqual({
      missing: 'other-origin',
    })
    expect(withPlaylistParameters('http://cdn.example.com/vod/abc/s.ts', playlist)).toEqual({
      missing: 'other-origin',
    })
    expect(
      withPlaylistParameters('https://cdn.example.com/vod/abc/s.ts?auth_key=own', playlist),
    ).toEqual({ missing: 'nothing-to-add' })
  })
})

describe('addressCandidates', () => {
  const listed = 'https://cdn.example.com/vod/abc/seg-1.ts'
  const withQuery = `${listed}?auth_key=1700000000-0-0-deadbeef`

  it('tries the address as listed first, unless the playlist query is known to be needed', () => {
    expect(addressCandidates(listed, playlist, undefined).map((a) => a.url)).toEqual([
      listed,
      withQuery,
    ])
    expect(addressCandidates(listed, playlist, 'listed').map((a) => a.url)).toEqual([
      listed,
      withQuery,
    ])
    expect(addressCandidates(listed, playlist, 'playlist-query').map((a) => a.url)).toEqual([
      withQuery,
      listed,
    ])
  })

  it('offers only the listed address when the playlist query cannot apply', () => {
    expect(addressCandidates('https://other.example.com/s.ts', playlist, 'playlist-query')).toEqual(
      [{ addressing: 'listed', url: 'https://other.example.com/s.ts' }],
    )
  })
})

describe('nextStep', () => {
  const listed = { addressing: 'listed' as const, url: 'https://cdn.example.com/s.ts' }
  const withQuery = {
    addressing: 'playlist-query' as const,
    url: 'https://cdn.example.com/s.ts?auth_key=x',
  }
  const refused = (reason: string, expired = false): Refusal => ({ reason, expired })

  function step(
    refusals: Array<[SegmentAddressing, Refusal]>,
    overrides: Partial<StepInput> = {},
  ): ReturnType<typeof nextStep> {
    return nextStep({
      candidates: [listed, withQuery],
      refusals: new Map(refusals),
      known: undefined,
      renewals: 0,
      canRenew: true,
      expiryKnown: true,
      noPlaylistQuery: undefined,
      ...overrides,
    })
  }

  it('tries the playlist query when the listed address is refused (parameter pass-through)', () => {
    expect(
      step([['listed', refused('HTTP 403: denied by req auth: missing auth_key', true)]]),
    ).toEqual({
      kind: 'try',
      address: withQuery,
    })
  })

  it('renews once when both are refused while probing and it may be expiry, then fails naming both', () => {
    const both: Array<[SegmentAddressing, Refusal]> = [
      ['listed', refused('HTTP 403: AccessDenied: bucket acl')],
      ['playlist-query', refused('HTTP 403: SignatureDoesNotMatch', true)],
    ]
    expect(step(both)).toEqual({ kind: 'renew' })
    expect(step(both, { renewals: 1 })).toEqual({
      kind: 'fail',
      code: 'SegmentRefused',
      detail:
        "as listed: HTTP 403: AccessDenied: bucket acl; with the playlist's parameters: HTTP 403: SignatureDoesNotMatch",
    })
  })

  it('fails at once when renewing cannot help: no renewal possible, or plain denials under a known expiry', () => {
    const denials: Array<[SegmentAddressing, Refusal]> = [
      ['listed', refused('HTTP 403: denied by Referer ACL')],
      ['playlist-query', refused('HTTP 403: denied by Referer ACL')],
    ]
    expect(step(denials).kind).toBe('fail')
    expect(step(denials, { expiryKnown: false }).kind).toBe('renew')
    expect(
      step([['listed', refused('HTTP 403', true)]], {
        candidates: [listed],
        canRenew: false,
        noPlaylistQuery: 'no-query',
      }),
    ).toEqual({
      kind: 'fail',
      code: 'SegmentRefused',
      detail: "as listed: HTTP 403; the playlist's address has no parameters to add",
    })
  })

  it('renews an expired address of the addressing that works without probing, and probes if that did not help', () => {
    const expired: Array<[SegmentAddressing, Refusal]> = [
      ['playlist-query', refused('HTTP 403: Request has expired.', true)],
    ]
    const known = { known: 'playlist-query' as const, candidates: [withQuery, listed] }
    expect(step(expired, known)).toEqual({ kind: 'renew' })
    expect(step(expired, { ...known, renewals: 1 })).toEqual({ kind: 'try', address: listed })
    const both: Array<[SegmentAddressing, Refusal]> = [
      ...expired,
      ['listed', refused('HTTP 403: Request has expired.', true)],
    ]
    expect(step(both, { ...known, renewals: 2 })).toEqual({ kind: 'renew' })
    expect(step(both, { ...known, renewals: 3 })).toMatchObject({
      kind: 'fail',
      code: 'UrlExpired',
    })
  })

  it('probes the other address at once when the one that worked is refused for another reason', () => {
    expect(step([['listed', refused('HTTP 403: AccessDenied')]], { known: 'listed' })).toEqual({
      kind: 'try',
      address: withQuery,
    })
  })
})
