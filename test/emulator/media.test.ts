import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { DemoStream, EmulatorOptions, RunningEmulator } from '../../src/emulator/index'
import { startEmulator } from '../../src/emulator/index'
import { contentCrc64, contentSha256 } from '../../src/emulator/synthetic-content'
import { crc64, formatCrc64 } from '../../src/shared/crc64'
import type { Body } from './helpers'
import { bytesOf, teaCall, teaClient } from './helpers'

/** The OSS origin, the CDN edge and the key service, with signed URLs from the real API. */

const largeSize = 3 * 1024 * 1024 + 11
let emulator: RunningEmulator
let call: (action: string, query?: Record<string, string>) => Promise<Body>

beforeAll(async () => {
  emulator = await startEmulator({ largeSourceBytes: largeSize, maxUrlLifetimeSeconds: 5 })
  const client = teaClient(emulator)
  call = async (action, query = {}) => (await teaCall(client, action, query)).body
})

afterAll(async () => {
  await emulator.close()
})

afterEach(() => {
  emulator.setClockOffsetMs(0)
})

function stream(videoId: string, predicate: (stream: DemoStream) => boolean): DemoStream {
  const found = emulator.library.findMedia(videoId)?.streams.find(predicate)
  if (!found) throw new Error('no such stream')
  return found
}

async function playUrl(
  videoId: string,
  query: Record<string, string>,
  predicate: (info: Body) => boolean = () => true,
): Promise<string> {
  const body = await call('GetPlayInfo', { VideoId: videoId, ...query })
  const info = (body.PlayInfoList as { PlayInfo: Body[] }).PlayInfo.find(predicate)
  return String(info?.PlayURL)
}

const hdMp4 = (info: Body) => info.Definition === 'HD' && info.Format === 'mp4'

describe('OSS origin', () => {
  it('serves a presigned URL until it expires, then answers the OSS XML error', async () => {
    const url = await playUrl(
      emulator.library.roles.normalWithHdMp4,
      { OutputType: 'oss', AuthTimeout: '3600' },
      hdMp4,
    )
    const expires = Number(new URL(url).searchParams.get('Expires'))
    // maxUrlLifetimeSeconds caps the requested hour to 5 s.
    expect(expires - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(5)
    const ok = await fetch(url)
    expect(ok.status).toBe(200)
    expect(ok.headers.get('server')).toBe('AliyunOSS')
    await ok.arrayBuffer()

    emulator.setClockOffsetMs(10_000)
    const expired = await fetch(url)
    expect(expired.status).toBe(403)
    expect(expired.headers.get('content-type')).toBe('application/xml')
    const text = await expired.text()
    expect(text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error>\n {2}<Code>AccessDenied<\/Code>\n {2}<Message>Request has expired.<\/Message>\n {2}<RequestId>[0-9A-F]{24}<\/RequestId>\n/,
    )
    expect(text).toContain('<Expires>')
    expect(text).toContain('<ServerTime>')
    expect(emulator.log.at(-1)).toMatchObject({ kind: 'media', status: 403 })
    expect(emulator.log.at(-1)?.path).toMatch(/^\/oss\//)
  })

  it('rejects a tampered signature and a HEAD with a GET signature', async () => {
    const url = new URL(
      await playUrl(emulator.library.roles.normalWithHdMp4, { OutputType: 'oss' }, hdMp4),
    )
    url.searchParams.set('Signature', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=')
    const tampered = await fetch(url)
    expect(tampered.status).toBe(403)
    const text = await tampered.text()
    expect(text).toContain('<Code>SignatureDoesNotMatch</Code>')
    expect(text).toContain('<StringToSign>GET\n\n\n')
    const head = await fetch(
      await playUrl(emulator.library.roles.normalWithHdMp4, { OutputType: 'oss' }, hdMp4),
      {
        method: 'HEAD',
      },
    )
    expect(head.status).toBe(403)
  })

  it('denies unsigned access, even to keys that do not exist', async () => {
    const url = new URL(
      await playUrl(emulator.library.roles.normalWithHdMp4, { OutputType: 'oss' }, hdMp4),
    )
    const unsigned = await fetch(`${url.origin}${url.pathname}`)
    expect(unsigned.status).toBe(403)
    expect(await unsigned.text()).toContain('<Code>AccessDenied</Code>')
    const missing = await fetch(
      `${emulator.endpoint}/oss/${emulator.library.vodBucket}/nothing.mp4`,
    )
    expect(missing.status).toBe(403)
    await missing.arrayBuffer()
  })

  // OSS documentation, "Use HTTP Range requests to get OSS resources in segments": by default a
  // range not wholly inside the object is ignored (200, whole object); with
  // `x-oss-range-behavior: standard` the end is cut to the object and a start past it is 416.
  it('ignores a range past the end unless x-oss-range-behavior: standard is sent', async () => {
    const url = await playUrl(emulator.library.roles.normalWithHdMp4, { OutputType: 'oss' }, hdMp4)
    const size = stream(
      emulator.library.roles.normalWithHdMp4,
      (s) => s.definition === 'HD' && s.format === 'mp4',
    ).size
    const ask = async (range: string, standard: boolean) => {
      const headers: Record<string, string> = { range }
      if (standard) headers['x-oss-range-behavior'] = 'standard'
      const response = await fetch(url, { headers })
      const length = (await response.arrayBuffer()).byteLength
      return { status: response.status, range: response.headers.get('content-range'), length }
    }
    const whole = { status: 200, range: null, length: size }
    expect(await ask(`bytes=${size}-`, false)).toEqual(whole)
    expect(await ask(`bytes=500-${size + 1000}`, false)).toEqual(whole)
    expect(await ask(`bytes=-${size + 1000}`, false)).toEqual(whole)
    expect(await ask('bytes=500-100', false)).toEqual(whole)
    expect(await ask('bytes=100-199', false)).toEqual({
      status: 206,
      range: `bytes 100-199/${size}`,
      length: 100,
    })
    expect(await ask(`bytes=500-${size + 1000}`, true)).toEqual({
      status: 206,
      range: `bytes 500-${size - 1}/${size}`,
      length: size - 500,
    })
    const beyond = await ask(`bytes=${size}-${size + 1000}`, true)
    expect(beyond.status).toBe(416)
    expect(beyond.range).toBe(`bytes */${size}`)
    expect(await ask('bytes=500-100', true)).toEqual(whole)
  })
})

describe('CDN edge', () => {
  it('serves a valid auth_key and refuses it once expired', async () => {
    const url = await playUrl(emulator.library.roles.normalWithHdMp4, {}, hdMp4)
    expect(url).toMatch(/\/cdn\/.+\?auth_key=\d{10}-[0-9a-f]+-0-[0-9a-f]{32}$/)
    const ok = await fetch(url)
    expect(ok.status).toBe(200)
    expect(ok.headers.get('server')).toBe('Tengine')
    await ok.arrayBuffer()
    const timestamp = /auth_key=(\d+)-/.exec(url)?.[1]
    emulator.setClockOffsetMs(10_000)
    const expired = await fetch(url)
    expect(expired.status).toBe(403)
    expect(expired.headers.get('x-tengine-error')).toBe(
      `denied by req auth: expired timestamp=${timestamp}`,
    )
    await expired.arrayBuffer()
  })

  it('refuses a tampered md5 or a URL signed for another path', async () => {
    const url = new URL(await playUrl(emulator.library.roles.normalWithHdMp4, {}, hdMp4))
    const authKey = url.searchParams.get('auth_key') ?? ''
    const tampered = new URL(url)
    tampered.searchParams.set(
      'auth_key',
      `${authKey.slice(0, -1)}${authKey.endsWith('0') ? '1' : '0'}`,
    )
    const response = await fetch(tampered)
    expect(response.status).toBe(403)
    expect(response.headers.get('x-tengine-error')).toMatch(
      /^denied by req auth: invalid md5hash=[0-9a-f]{32}$/,
    )
    await response.arrayBuffer()
    const otherPath = new URL(url)
    otherPath.pathname = otherPath.pathname.replace('-hd.mp4', '-sd.mp4')
    const moved = await fetch(otherPath)
    expect(moved.status).toBe(403)
    await moved.arrayBuffer()
  })

  it('answers HEAD with the headers of GET', async () => {
    const head = await fetch(await playUrl(emulator.library.roles.normalWithHdMp4, {}, hdMp4), {
      method: 'HEAD',
    })
    expect(head.status).toBe(200)
    const hd = stream(
      emulator.library.roles.normalWithHdMp4,
      (s) => s.definition === 'HD' && s.format === 'mp4',
    )
    expect(head.headers.get('content-length')).toBe(String(hd.size))
  })
})

describe('CDN access rules', () => {
  it('applies a Referer allow list, with and without empty Referers', async () => {
    const strict = await startEmulator({ cdn: { refererAllowList: ['example.com'] } })
    const lenient = await startEmulator({
      cdn: { refererAllowList: ['example.com'], allowEmptyReferer: true },
    })
    try {
      for (const [instance, emptyAllowed] of [
        [strict, false],
        [lenient, true],
      ] as const) {
        const client = teaClient(instance)
        const body = (
          await teaCall(client, 'GetPlayInfo', {
            VideoId: instance.library.roles.normalWithHdMp4,
            Formats: 'mp4',
          })
        ).body
        const url = String((body.PlayInfoList as { PlayInfo: Body[] }).PlayInfo[0]?.PlayURL)
        const noReferer = await fetch(url)
        expect(noReferer.status).toBe(emptyAllowed ? 200 : 403)
        if (!emptyAllowed)
          expect(noReferer.headers.get('x-tengine-error')).toContain('denied by Referer ACL')
        await noReferer.arrayBuffer()
        const allowed = await fetch(url, { headers: { referer: 'https://www.example.com/player' } })
        expect(allowed.status).toBe(200)
        await allowed.arrayBuffer()
        const foreign = await fetch(url, { headers: { referer: 'https://evil.example.org/' } })
        expect(foreign.status).toBe(403)
        await foreign.arrayBuffer()
        // The origin does not apply CDN rules.
        const ossBody = (
          await teaCall(client, 'GetPlayInfo', {
            VideoId: instance.library.roles.normalWithHdMp4,
            Formats: 'mp4',
            OutputType: 'oss',
          })
        ).body
        const oss = await fetch(
          String((ossBody.PlayInfoList as { PlayInfo: Body[] }).PlayInfo[0]?.PlayURL),
        )
        expect(oss.status).toBe(200)
        await oss.arrayBuffer()
      }
    } finally {
      await strict.close()
      await lenient.close()
    }
  })

  it('serves plain URLs when URL signing is off, and NoSuchKey for unknown keys', async () => {
    const open = await startEmulator({ cdn: { urlSigning: false } })
    try {
      const { body } = await teaCall(teaClient(open), 'GetPlayInfo', {
        VideoId: open.library.roles.normalWithHdMp4,
        Formats: 'mp4',
      })
      const url = String((body.PlayInfoList as { PlayInfo: Body[] }).PlayInfo[0]?.PlayURL)
      expect(url).not.toContain('auth_key')
      const response = await fetch(url)
      expect(response.status).toBe(200)
      await response.arrayBuffer()
      const missing = await fetch(`${open.endpoint}/cdn/no/such/key.mp4`)
      expect(missing.status).toBe(404)
      expect(await missing.text()).toContain('<Code>NoSuchKey</Code>')
    } finally {
      await open.close()
    }
  })

  it('applies an IP deny list', async () => {
    const denied = await startEmulator({ cdn: { ipDenyList: ['127.0.0.0/8'] } })
    try {
      const body = (
        await teaCall(teaClient(denied), 'GetPlayInfo', {
          VideoId: denied.library.roles.normalWithHdMp4,
        })
      ).body
      const response = await fetch(
        String((body.PlayInfoList as { PlayInfo: Body[] }).PlayInfo[0]?.PlayURL),
      )
      expect(response.status).toBe(403)
      expect(response.headers.get('x-tengine-error')).toContain('denied by IP black list')
      await response.arrayBuffer()
    } finally {
      await denied.close()
    }
  })
})

describe('byte ranges, validators and checksums', () => {
  it('serves a rendition byte for byte as committed, with CRC64, MD5 and ETag', async () => {
    const hd = stream(
      emulator.library.roles.normalWithHdMp4,
      (s) => s.definition === 'HD' && s.format === 'mp4',
    )
    const committed = await readFile(join(emulator.library.mediaDirectory, hd.file ?? ''))
    const response = await fetch(await playUrl(emulator.library.roles.normalWithHdMp4, {}, hdMp4))
    const bytes = await bytesOf(response)
    expect(bytes.equals(committed)).toBe(true)
    expect(response.headers.get('content-type')).toBe('video/mp4')
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    expect(response.headers.get('x-oss-hash-crc64ecma')).toBe(formatCrc64(crc64(committed)))
    const md5 = createHash('md5').update(committed).digest()
    expect(response.headers.get('etag')).toBe(`"${md5.toString('hex').toUpperCase()}"`)
    expect(response.headers.get('content-md5')).toBe(md5.toString('base64'))
    expect(Date.parse(response.headers.get('last-modified') ?? '')).toBe(
      Math.floor(hd.modificationTime / 1000) * 1000,
    )
  })

  it('answers single ranges with 206, and 416 beyond the end', async () => {
    const url = await playUrl(emulator.library.roles.normalWithHdMp4, {}, hdMp4)
    const hd = stream(
      emulator.library.roles.normalWithHdMp4,
      (s) => s.definition === 'HD' && s.format === 'mp4',
    )
    const committed = await readFile(join(emulator.library.mediaDirectory, hd.file ?? ''))
    const partial = await fetch(url, { headers: { range: 'bytes=100-199' } })
    expect(partial.status).toBe(206)
    expect(partial.headers.get('content-range')).toBe(`bytes 100-199/${hd.size}`)
    expect(partial.headers.get('content-md5')).toBeNull()
    expect((await bytesOf(partial)).equals(committed.subarray(100, 200))).toBe(true)
    const suffix = await fetch(url, { headers: { range: 'bytes=-10' } })
    expect((await bytesOf(suffix)).equals(committed.subarray(-10))).toBe(true)
    const beyond = await fetch(url, { headers: { range: `bytes=${hd.size}-` } })
    expect(beyond.status).toBe(416)
    expect(beyond.headers.get('content-range')).toBe(`bytes */${hd.size}`)
    await beyond.arrayBuffer()
  })

  it('honours If-Range and If-None-Match with the strong ETag', async () => {
    const url = await playUrl(emulator.library.roles.normalWithHdMp4, {}, hdMp4)
    const first = await fetch(url, { method: 'HEAD' })
    const etag = first.headers.get('etag') ?? ''
    const same = await fetch(url, { headers: { range: 'bytes=0-9', 'if-range': etag } })
    expect(same.status).toBe(206)
    await same.arrayBuffer()
    const changed = await fetch(url, { headers: { range: 'bytes=0-9', 'if-range': '"0000"' } })
    expect(changed.status).toBe(200)
    await changed.arrayBuffer()
    const notModified = await fetch(url, { headers: { 'if-none-match': etag } })
    expect(notModified.status).toBe(304)
  })

  it('streams a large synthetic master with the right bytes and CRC64', async () => {
    const id = emulator.library.roles.largeSources[0] ?? ''
    const mezzanine = (await call('GetMezzanineInfo', { VideoId: id })).Mezzanine as Body
    const seed = emulator.library.findMedia(id)?.source.seed ?? -1
    const response = await fetch(String(mezzanine.FileURL))
    expect(response.headers.get('content-length')).toBe(String(largeSize))
    expect(response.headers.get('x-oss-hash-crc64ecma')).toBe(
      formatCrc64(contentCrc64(seed, largeSize)),
    )
    expect(response.headers.get('etag')).toMatch(/^"[0-9A-F]{32}"$/)
    const bytes = await bytesOf(response)
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(contentSha256(seed, largeSize))
    const tail = await fetch(String(mezzanine.FileURL), {
      headers: { range: `bytes=${largeSize - 1048580}-` },
    })
    expect(tail.status).toBe(206)
    expect((await bytesOf(tail)).equals(bytes.subarray(largeSize - 1048580))).toBe(true)
  })

  it('stops producing when a client disconnects mid-body, and stays responsive', async () => {
    const id = emulator.library.roles.largeSources[0] ?? ''
    const mezzanine = (await call('GetMezzanineInfo', { VideoId: id })).Mezzanine as Body
    await new Promise<void>((resolve, reject) => {
      const request = httpRequest(String(mezzanine.FileURL), (response) => {
        response.once('data', () => {
          request.destroy()
          resolve()
        })
      })
      request.on('error', (error) => (request.destroyed ? resolve() : reject(error)))
      request.end()
    })
    const next = await call('GetVideoInfo', { VideoId: id })
    expect(next.Video).toBeDefined()
  })
})

describe('HLS', () => {
  it('signs segment URIs with the playlist expiry, on the CDN and on OSS', async () => {
    for (const outputType of ['cdn', 'oss']) {
      const url = await playUrl(emulator.library.roles.normalWithHdMp4, {
        Formats: 'm3u8',
        OutputType: outputType,
      })
      const playlist = await fetch(url)
      expect(playlist.headers.get('content-type')).toBe('application/vnd.apple.mpegurl')
      const text = await playlist.text()
      const segments = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'))
      expect(segments).toHaveLength(4)
      let total = 0
      for (const segment of segments) {
        const response = await fetch(new URL(segment, url))
        expect(response.status, segment).toBe(200)
        expect(response.headers.get('content-type')).toBe('video/mp2t')
        total += (await bytesOf(response)).length
      }
      const plain = stream(emulator.library.roles.normalWithHdMp4, (s) => s.format === 'm3u8')
      expect(total).toBe(plain.size)
    }
  })

  it('points encrypted playlists at the key service and passes MtsHlsUriToken on', async () => {
    const id = emulator.library.roles.hlsEncrypted
    const url = await playUrl(
      id,
      { Formats: 'm3u8', PlayConfig: JSON.stringify({ MtsHlsUriToken: 'demo-token' }) },
      (info) => info.Encrypt === 1,
    )
    const text = await (await fetch(url)).text()
    const keyUri = /#EXT-X-KEY:METHOD=AES-128,URI="([^"]+)",IV=0x[0-9a-f]{32}/.exec(text)?.[1] ?? ''
    expect(keyUri).toMatch(/\/keys\/[0-9a-f]{32}\?Ciphertext=.+&MtsHlsUriToken=demo-token$/)
    const key = await fetch(keyUri)
    expect(key.status).toBe(200)
    expect((await bytesOf(key)).toString('hex')).toBe('000102030405060708090a0b0c0d0e0f')
    const withoutToken = await fetch(keyUri.replace(/&MtsHlsUriToken=.*$/, ''))
    expect(withoutToken.status).toBe(403)
    await withoutToken.arrayBuffer()
  })
})

/** The HLS delivery shapes (`hls` option): how playlists address their segments and keys. */
describe('HLS segment addresses', () => {
  /** An emulator with these HLS options, a playlist URL of its plain rendition, and its lines. */
  async function playlistOf(
    options: EmulatorOptions,
    outputType: 'cdn' | 'oss',
    videoId: (instance: RunningEmulator) => string = (instance) =>
      instance.library.roles.normalWithHdMp4,
    playConfig?: Record<string, string>,
  ): Promise<{ instance: RunningEmulator; url: string; segments: string[]; text: string }> {
    const instance = await startEmulator({ largeSourceBytes: 1024, ...options })
    opened.push(instance)
    const { body } = await teaCall(teaClient(instance), 'GetPlayInfo', {
      VideoId: videoId(instance),
      Formats: 'm3u8',
      OutputType: outputType,
      ...(playConfig ? { PlayConfig: JSON.stringify(playConfig) } : {}),
    })
    const url = String((body.PlayInfoList as { PlayInfo: Body[] }).PlayInfo[0]?.PlayURL)
    const text = await (await fetch(url)).text()
    const segments = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'))
    return { instance, url, segments, text }
  }

  const opened: RunningEmulator[] = []
  afterEach(async () => {
    for (const instance of opened.splice(0)) await instance.close()
  })

  /** A segment reference resolved against the playlist, with the playlist's query added. */
  function withPlaylistQuery(segment: string, playlistUrl: string): string {
    const resolved = new URL(segment, playlistUrl)
    return `${resolved.origin}${resolved.pathname}${new URL(playlistUrl).search}`
  }

  it('rewrite (the CDN default): every segment carries its own auth_key, a bare one is refused', async () => {
    const { url, segments } = await playlistOf({}, 'cdn')
    expect(
      segments.every((line) => /\.ts\?auth_key=\d+-[0-9a-f]+-0-[0-9a-f]{32}$/.test(line)),
    ).toBe(true)
    const bare = new URL(segments[0] ?? '', url)
    bare.search = ''
    const refused = await fetch(bare)
    expect(refused.status).toBe(403)
    expect(refused.headers.get('x-tengine-error')).toBe('denied by req auth: missing auth_key')
    await refused.arrayBuffer()
  })

  it("pass-through: bare segments, served only with the playlist's own auth_key", async () => {
    const { instance, url, segments } = await playlistOf(
      { hls: { cdnSegments: 'pass-through' } },
      'cdn',
    )
    expect(segments).toHaveLength(4)
    expect(segments.every((line) => /^[0-9a-f]+-sd-\d{5}\.ts$/.test(line))).toBe(true)
    const bare = await fetch(new URL(segments[0] ?? '', url))
    expect(bare.status).toBe(403)
    expect(bare.headers.get('x-tengine-error')).toBe('denied by req auth: missing auth_key')
    await bare.arrayBuffer()
    let total = 0
    for (const segment of segments) {
      const response = await fetch(withPlaylistQuery(segment, url))
      expect(response.status, segment).toBe(200)
      total += (await bytesOf(response)).length
    }
    const plain = instance.library
      .findMedia(instance.library.roles.normalWithHdMp4)
      ?.streams.find((s) => s.format === 'm3u8')
    expect(total).toBe(plain?.size)
    // A segment of another stream is not unlocked by this playlist's auth_key.
    const foreign = instance.library
      .findMedia(instance.library.roles.hlsEncrypted)
      ?.streams.find((s) => s.format === 'm3u8')?.segments?.[0]?.key
    expect(foreign).toBeDefined()
    const other = await fetch(`${instance.endpoint}/cdn/${foreign ?? ''}${new URL(url).search}`)
    expect(other.status).toBe(403)
    expect(other.headers.get('x-tengine-error')).toMatch(/^denied by req auth: invalid md5hash=/)
    await other.arrayBuffer()
    instance.setClockOffsetMs(10 * 24 * 3600 * 1000)
    const expired = await fetch(withPlaylistQuery(segments[0] ?? '', url))
    expect(expired.status).toBe(403)
    expect(expired.headers.get('x-tengine-error')).toMatch(
      /^denied by req auth: expired timestamp=/,
    )
    await expired.arrayBuffer()
  })

  it('unsigned: signing covers the playlist only, bare segments are served as they are', async () => {
    const { instance, url, segments } = await playlistOf(
      { hls: { cdnSegments: 'unsigned' } },
      'cdn',
    )
    expect(segments.every((line) => !line.includes('?'))).toBe(true)
    for (const segment of segments) {
      const response = await fetch(new URL(segment, url))
      expect(response.status, segment).toBe(200)
      await response.arrayBuffer()
    }
    const unsignedPlaylist = new URL(url)
    unsignedPlaylist.search = ''
    const refused = await fetch(unsignedPlaylist)
    expect(refused.status).toBe(403)
    await refused.arrayBuffer()
    // Other media of the domain still need their signature.
    const mp4 = await playUrlOf(instance, { Formats: 'mp4' })
    const bareMp4 = new URL(mp4)
    bareMp4.search = ''
    const denied = await fetch(bareMp4)
    expect(denied.status).toBe(403)
    await denied.arrayBuffer()
  })

  it('OSS signed (the default, like hls/sign): every segment is presigned with the playlist expiry', async () => {
    const { url, segments } = await playlistOf({}, 'oss')
    const expires = new URL(url).searchParams.get('Expires')
    for (const segment of segments) {
      const resolved = new URL(segment, url)
      expect(resolved.searchParams.get('Expires')).toBe(expires)
      expect(resolved.searchParams.get('Signature')).not.toBe(
        new URL(url).searchParams.get('Signature'),
      )
    }
  })

  it("OSS unsigned: bare segments of a private bucket, refused bare and refused with the playlist's signature", async () => {
    const { url, segments } = await playlistOf({ hls: { ossSegments: 'unsigned' } }, 'oss')
    expect(segments.every((line) => !line.includes('?'))).toBe(true)
    const bare = await fetch(new URL(segments[0] ?? '', url))
    expect(bare.status).toBe(403)
    expect(await bare.text()).toContain(
      '<Message>You have no right to access this object because of bucket acl.</Message>',
    )
    const borrowed = await fetch(withPlaylistQuery(segments[0] ?? '', url))
    expect(borrowed.status).toBe(403)
    expect(await borrowed.text()).toContain('<Code>SignatureDoesNotMatch</Code>')
  })

  it('a key service on a host of its own: key URIs point there, the media host has no keys, the CDN passes the token on', async () => {
    const { instance, text } = await playlistOf(
      { hls: { keyHost: 'separate' }, hlsKeyToken: 'demo-token' },
      'cdn',
      (running) => running.library.roles.hlsEncrypted,
      { MtsHlsUriToken: 'demo-token' },
    )
    expect(instance.keyServiceUrl).not.toBe(instance.endpoint)
    const keyUri = /#EXT-X-KEY:METHOD=AES-128,URI="([^"]+)"/.exec(text)?.[1] ?? ''
    expect(new URL(keyUri).origin).toBe(instance.keyServiceUrl)
    expect(keyUri).toMatch(/&MtsHlsUriToken=demo-token$/)
    const key = await fetch(keyUri)
    expect(key.status).toBe(200)
    expect((await bytesOf(key)).toString('hex')).toBe('000102030405060708090a0b0c0d0e0f')
    const onMediaHost = await fetch(keyUri.replace(instance.keyServiceUrl, instance.endpoint))
    expect(onMediaHost.status).toBe(404)
    await onMediaHost.arrayBuffer()
    const elsewhere = await fetch(`${instance.keyServiceUrl}/cdn/anything.ts`)
    expect(elsewhere.status).toBe(404)
    await elsewhere.arrayBuffer()
    expect(
      instance.log.filter((entry) => entry.path.startsWith('/keys/')).map((e) => e.status),
    ).toEqual([200, 404])
  })
})

async function playUrlOf(
  instance: RunningEmulator,
  query: Record<string, string>,
): Promise<string> {
  const { body } = await teaCall(teaClient(instance), 'GetPlayInfo', {
    VideoId: instance.library.roles.normalWithHdMp4,
    ...query,
  })
  return String((body.PlayInfoList as { PlayInfo: Body[] }).PlayInfo[0]?.PlayURL)
}
