import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/errors'
import { parsePlaylist, resolvePlaylistReference } from '../../../src/main/hls/media-playlist'

const playlistUrl = 'https://cdn.example.com/vod/abc/index.m3u8?auth_key=1700000000-0-0-deadbeef'

function media(body: string, url = playlistUrl) {
  const parsed = parsePlaylist(`#EXTM3U\n#EXT-X-TARGETDURATION:10\n${body}`, url)
  if (parsed.kind !== 'media') throw new Error('expected a media playlist')
  return parsed
}

function refusal(text: string): AppError {
  try {
    parsePlaylist(text, playlistUrl)
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('the playlist was accepted')
}

describe('resolvePlaylistReference', () => {
  it('resolves references per RFC 3986 (the normal examples of section 5.4.1)', () => {
    const base = 'http://a/b/c/d;p?q'
    const examples: Array<[string, string]> = [
      ['g:h', 'g:h'],
      ['g', 'http://a/b/c/g'],
      ['./g', 'http://a/b/c/g'],
      ['g/', 'http://a/b/c/g/'],
      ['/g', 'http://a/g'],
      // RFC 3986 writes http://g; the WHATWG parser normalises the empty path of an http URL
      // to "/", which RFC 3986 section 6.2.3 counts as the same address.
      ['//g', 'http://g/'],
      ['?y', 'http://a/b/c/d;p?y'],
      ['g?y', 'http://a/b/c/g?y'],
      ['#s', 'http://a/b/c/d;p?q#s'],
      ['g#s', 'http://a/b/c/g#s'],
      ['g?y#s', 'http://a/b/c/g?y#s'],
      [';x', 'http://a/b/c/;x'],
      ['g;x', 'http://a/b/c/g;x'],
      ['g;x?y#s', 'http://a/b/c/g;x?y#s'],
      ['', 'http://a/b/c/d;p?q'],
      ['.', 'http://a/b/c/'],
      ['./', 'http://a/b/c/'],
      ['..', 'http://a/b/'],
      ['../', 'http://a/b/'],
      ['../g', 'http://a/b/g'],
      ['../..', 'http://a/'],
      ['../../', 'http://a/'],
      ['../../g', 'http://a/g'],
    ]
    for (const [reference, expected] of examples) {
      expect(resolvePlaylistReference(base, reference), reference).toBe(expected)
    }
  })

  it("never adds the playlist's query: that is learned per job by asking", () => {
    expect(resolvePlaylistReference(playlistUrl, 'seg-1.ts')).toBe(
      'https://cdn.example.com/vod/abc/seg-1.ts',
    )
    expect(resolvePlaylistReference(playlistUrl, '/other/seg-1.ts')).toBe(
      'https://cdn.example.com/other/seg-1.ts',
    )
    expect(resolvePlaylistReference(playlistUrl, 'seg-1.ts?auth_key=own')).toBe(
      'https://cdn.example.com/vod/abc/seg-1.ts?auth_key=own',
    )
    expect(resolvePlaylistReference(playlistUrl, 'https://other.example.com/seg-1.ts')).toBe(
      'https://other.example.com/seg-1.ts',
    )
  })
})

describe('parsePlaylist', () => {
  it('reads sequence numbers, durations, discontinuities and absolute addresses', () => {
    const plan = media(
      '#EXT-X-MEDIA-SEQUENCE:41\n#EXTINF:9.5,\na.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:4.25,\nsub/b.ts\n#EXT-X-ENDLIST\n',
    )
    expect(plan.endList).toBe(true)
    expect(plan.segments).toEqual([
      {
        sequence: 41,
        position: 0,
        uri: 'https://cdn.example.com/vod/abc/a.ts',
        duration: 9.5,
        discontinuity: false,
        key: undefined,
      },
      {
        sequence: 42,
        position: 1,
        uri: 'https://cdn.example.com/vod/abc/sub/b.ts',
        duration: 4.25,
        discontinuity: true,
        key: undefined,
      },
    ])
  })

  it('reads AES-128 keys with and without an IV, without carrying the query onto the key URI', () => {
    const plan = media(
      '#EXT-X-KEY:METHOD=AES-128,URI="https://kms.example.com/key?Ciphertext=x"\n#EXTINF:1,\na.ts\n' +
        '#EXT-X-KEY:METHOD=AES-128,URI="key2",IV=0x000102030405060708090a0b0c0d0e0f\n#EXTINF:1,\nb.ts\n' +
        '#EXT-X-KEY:METHOD=NONE\n#EXTINF:1,\nc.ts\n#EXT-X-ENDLIST\n',
    )
    const [first, second, third] = plan.segments
    expect(first?.key).toEqual({
      method: 'AES-128',
      uri: 'https://kms.example.com/key?Ciphertext=x',
      playlistUrl,
      iv: undefined,
    })
    expect(second?.key?.uri).toBe('https://cdn.example.com/vod/abc/key2')
    expect(second?.key?.iv?.toString('hex')).toBe('000102030405060708090a0b0c0d0e0f')
    expect(third?.key).toBeUndefined()
  })

  it('reports a playlist without #EXT-X-ENDLIST as incomplete', () => {
    expect(media('#EXTINF:1,\na.ts\n').endList).toBe(false)
  })

  it('follows a master playlist to its highest-bandwidth variant', () => {
    const parsed = parsePlaylist(
      '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000\nlow.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=2400000\nhigh.m3u8\n',
      playlistUrl,
    )
    expect(parsed).toEqual({
      kind: 'master',
      bandwidth: 2_400_000,
      variantUri: 'https://cdn.example.com/vod/abc/high.m3u8',
    })
  })

  it('refuses what a download cannot reproduce, before any segment is fetched', () => {
    const head = '#EXTM3U\n#EXT-X-TARGETDURATION:1\n'
    expect(
      refusal(
        `${head}#EXT-X-KEY:METHOD=AES-128,URI="alivod://key/1",KEYFORMAT="alivod"\n#EXTINF:1,\na.ts\n`,
      ).code,
    ).toBe('ProprietaryEncryption')
    expect(refusal(`${head}#EXT-X-KEY:METHOD=SAMPLE-AES,URI="k"\n#EXTINF:1,\na.ts\n`).code).toBe(
      'Unsupported',
    )
    expect(
      refusal(
        `${head}#EXT-X-KEY:METHOD=AES-128,URI="k",KEYFORMAT="com.apple.streamingkeydelivery"\n#EXTINF:1,\na.ts\n`,
      ).code,
    ).toBe('Unsupported')
    expect(refusal(`${head}#EXT-X-BYTERANGE:100@0\n#EXTINF:1,\na.ts\n`).code).toBe('Unsupported')
    expect(refusal(`${head}#EXT-X-MAP:URI="init.mp4"\n#EXTINF:1,\na.m4s\n`).code).toBe(
      'Unsupported',
    )
    expect(refusal('<html><body>403</body></html>').code).toBe('MalformedResponse')
    expect(refusal(`${head}#EXT-X-ENDLIST\n`).code).toBe('MalformedResponse')
  })

  it('refuses a key served over http for a playlist fetched over https', () => {
    const insecure = refusal(
      '#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-KEY:METHOD=AES-128,URI="http://kms.example.com/k"\n#EXTINF:1,\na.ts\n',
    )
    expect(insecure.code).toBe('InsecureKey')
    expect(insecure.toData().messageZh).toMatch(/明文 http:\/\/.*kms\.example\.com/)
    // An http playlist with an http key gains nothing from refusing it.
    const plain = media(
      '#EXT-X-KEY:METHOD=AES-128,URI="http://kms.example.com/k"\n#EXTINF:1,\na.ts\n',
      'http://cdn.example.com/index.m3u8',
    )
    expect(plain.segments[0]?.key?.uri).toBe('http://kms.example.com/k')
  })
})
