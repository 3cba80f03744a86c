import { createCipheriv, randomBytes } from 'node:crypto'
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findExecutable, remuxArguments, remuxToMp4 } from '../../../src/main/hls/ffmpeg-remux'
import { localPlaylistText } from '../../../src/main/hls/local-playlist'
import { plainSegments } from './hls-server'
import { probeMedia } from './probe'

let folder: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vod-path-'))
})

afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe('findExecutable', () => {
  it('finds an executable file in a PATH folder and ignores files that are not executable', async () => {
    const empty = join(folder, 'empty')
    const tools = join(folder, 'tools')
    await writeFile(join(folder, 'ffmpeg'), '')
    await mkdir(tools)
    await mkdir(empty)
    await writeFile(join(tools, 'ffmpeg'), '#!/bin/sh\n')
    await chmod(join(tools, 'ffmpeg'), 0o755)
    const path = [empty, folder, tools].join(delimiter)
    expect(findExecutable('ffmpeg', { PATH: path }, 'linux')).toBe(join(tools, 'ffmpeg'))
    expect(findExecutable('ffmpeg', { PATH: empty }, 'linux')).toBeUndefined()
    expect(findExecutable('ffmpeg', {}, 'linux')).toBeUndefined()
  })
})

describe('remuxArguments', () => {
  it('copies the streams into MP4, fixing AAC for MP4', () => {
    const args = remuxArguments('/x/index.m3u8', '/x/out.mp4')
    expect(args.join(' ')).toMatch(/-i \/x\/index\.m3u8 -c copy -bsf:a aac_adtstoasc/)
    expect(args.at(-1)).toBe('/x/out.mp4')
  })
})

describe('remuxToMp4', () => {
  function installedFfmpeg(): string {
    const ffmpeg = findExecutable('ffmpeg', process.env)
    if (!ffmpeg) throw new Error('these tests need ffmpeg on the PATH')
    return ffmpeg
  }

  it('remuxes the local playlist and its segment files with only the file protocol allowed', async () => {
    expect(remuxArguments('/x/index.m3u8', '/x/out.mp4').join(' ')).toMatch(
      /-protocol_whitelist file -i \/x\/index\.m3u8/,
    )
    const segments = plainSegments()
    for (const [sequence, bytes] of segments.entries()) {
      await writeFile(join(folder, `${sequence}.ts`), bytes)
    }
    const playlist = join(folder, 'index.m3u8')
    await writeFile(
      playlist,
      localPlaylistText(
        segments.map((_, sequence) => ({ sequence, duration: 1, discontinuity: false })),
      ),
    )
    const output = join(folder, 'out.mp4')
    await remuxToMp4(installedFfmpeg(), playlist, output)
    const probe = await probeMedia(output)
    expect(probe.durationSeconds).toBeCloseTo(4, 0)
    expect(probe.streams).toEqual(expect.arrayContaining(['video:h264', 'audio:aac']))
  })

  it('opens nothing but plain files: no network address and no decryption layer a playlist names', async () => {
    const [segment] = plainSegments() as [Buffer]
    let requests = 0
    const server = createServer((_request, response) => {
      requests += 1
      response.writeHead(200, { 'content-type': 'video/mp2t' })
      response.end(segment)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const remote = join(folder, 'remote.m3u8')
      await writeFile(
        remote,
        `#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nhttp://127.0.0.1:${port}/0.ts\n#EXT-X-ENDLIST\n`,
      )
      await expect(remuxToMp4(installedFfmpeg(), remote, join(folder, 'a.mp4'))).rejects.toThrow(
        /ffmpeg could not remux the stream/,
      )
      expect(requests).toBe(0)
    } finally {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }

    // A key line would make ffmpeg stack its crypto protocol on a local file; ours never has
    // one (segments are decrypted before they are committed), so it is refused.
    const key = randomBytes(16)
    const iv = Buffer.alloc(16)
    const cipher = createCipheriv('aes-128-cbc', key, iv)
    await writeFile(join(folder, '0.ts'), Buffer.concat([cipher.update(segment), cipher.final()]))
    await writeFile(join(folder, 'key.ts'), key)
    const keyed = join(folder, 'keyed.m3u8')
    await writeFile(
      keyed,
      `#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-KEY:METHOD=AES-128,URI="key.ts",IV=0x${iv.toString('hex')}\n#EXTINF:1,\n0.ts\n#EXT-X-ENDLIST\n`,
    )
    await expect(remuxToMp4(installedFfmpeg(), keyed, join(folder, 'b.mp4'))).rejects.toThrow(
      /crypto.*not on whitelist/,
    )
  })
})
