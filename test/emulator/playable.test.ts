import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../../src/emulator/index'
import { startEmulator } from '../../src/emulator/index'
import type { Body } from './helpers'
import { teaCall, teaClient } from './helpers'

/** What the emulator serves is real media: ffprobe reads renditions, ffmpeg decrypts AES HLS. */

const run = promisify(execFile)
let emulator: RunningEmulator

beforeAll(async () => {
  emulator = await startEmulator({ largeSourceBytes: 1024 })
})

afterAll(async () => {
  await emulator.close()
})

async function playInfos(query: Record<string, string>): Promise<Body[]> {
  const { body } = await teaCall(teaClient(emulator), 'GetPlayInfo', query)
  return (body.PlayInfoList as { PlayInfo: Body[] }).PlayInfo
}

describe('served media', () => {
  it('is an mp4 that ffprobe reads with the reported dimensions', async () => {
    const [hd] = await playInfos({
      VideoId: emulator.library.roles.normalWithHdMp4,
      Formats: 'mp4',
      Definition: 'HD',
    })
    const probe = await run('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_type,codec_name,width,height',
      '-of',
      'json',
      String(hd?.PlayURL),
    ])
    const streams = (JSON.parse(probe.stdout) as { streams: Body[] }).streams
    expect(streams).toContainEqual({
      codec_type: 'video',
      codec_name: 'h264',
      width: hd?.Width,
      height: hd?.Height,
    })
    expect(streams.some((stream) => stream.codec_type === 'audio')).toBe(true)
  })

  it('is an AES-128 HLS stream that ffmpeg decrypts through the key service', async () => {
    const streams = await playInfos({
      VideoId: emulator.library.roles.hlsEncrypted,
      Formats: 'm3u8',
      PlayConfig: JSON.stringify({ MtsHlsUriToken: 'ffmpeg-token' }),
    })
    const encrypted = streams.find((stream) => stream.EncryptType === 'HLSEncryption')
    const decoded = await run('ffmpeg', [
      '-v',
      'error',
      '-i',
      String(encrypted?.PlayURL),
      '-f',
      'null',
      '-',
    ])
    expect(decoded.stderr).toBe('')
    expect(
      emulator.log.some((entry) => entry.path.startsWith('/keys/') && entry.status === 200),
    ).toBe(true)
  })
})
