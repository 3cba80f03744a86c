import { createDecipheriv, randomBytes } from 'node:crypto'
import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index'
import { useCliSandbox, waitFor, type CliOutcome, type CliProcess } from '../support/cli-process'
import { plainSegments, selfSignedCertificate, startHlsServer } from '../main/hls/hls-server'
import { probeMedia } from '../main/hls/probe'

const resources = resolve(import.meta.dirname, '../../resources/emulator')

let emulator: RunningEmulator | undefined
const sandbox = useCliSandbox('vod-cli-hls-')
const cleanups: Array<() => Promise<void>> = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
  await emulator?.close()
  emulator = undefined
})

async function boot(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  emulator = await startEmulator({ largeSourceBytes: 1024, ...options })
  return emulator
}

function start(args: string[], environment: NodeJS.ProcessEnv = {}): CliProcess {
  const running = emulator
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    VOD_DL_HOME: join(sandbox.root, 'home'),
    ...environment,
  }
  delete env.VOD_DL_HLS_TOKEN
  if (running) {
    env.VOD_ENDPOINT = running.endpoint
    env.ALIBABA_CLOUD_ACCESS_KEY_ID = running.accessKeyId
    env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = running.accessKeySecret
  }
  Object.assign(env, environment)
  const started = sandbox.start(args, env)
  return started
}

function run(args: string[], environment?: NodeJS.ProcessEnv): Promise<CliOutcome> {
  return start(args, environment).done
}

/** `vod get` of one HLS rendition. */
function getRendition(mediaId: string, definition: string, ...extra: string[]): string[] {
  return [
    'vod',
    'get',
    mediaId,
    '--file',
    'rendition',
    '--format',
    'm3u8',
    '--definition',
    definition,
    ...extra,
  ]
}

/** The only entry of a folder with this suffix (an output file, a folder, a parts folder). */
function entryEndingWith(folder: string, suffix: string): string {
  const found = readdirSync(folder).filter((name) => name.endsWith(suffix))
  if (found.length !== 1)
    throw new Error(`expected one *${suffix} in ${folder}: ${found.join(', ')}`)
  return join(folder, found[0] as string)
}

/** Requests the emulator served for paths ending like this (e.g. `-00000.ts`, `.m3u8`). */
function mediaRequests(running: RunningEmulator, ending: string, status?: number): number {
  return running.log.filter(
    (entry) =>
      entry.kind === 'media' &&
      entry.path.endsWith(ending) &&
      (status === undefined || entry.status === status),
  ).length
}

function apiCalls(running: RunningEmulator, action: string): number {
  return running.log.filter((entry) => entry.kind === 'api' && entry.action === action).length
}

/** Committed segments, read from the job database the way another process would. */
function committedSegments(): number {
  const path = join(sandbox.root, 'home', 'jobs.sqlite')
  if (!existsSync(path)) return 0
  const reader = new Database(path, { readonly: true })
  try {
    const row = reader
      .prepare('SELECT COUNT(*) AS count FROM hls_segments WHERE done = 1')
      .get() as { count: number } | undefined
    return row?.count ?? 0
  } catch {
    return 0 // the other process is still creating the schema
  } finally {
    reader.close()
  }
}

async function expectSameBytes(folder: string, expected: readonly Buffer[]): Promise<void> {
  for (const [index, bytes] of expected.entries()) {
    expect((await fs.readFile(join(folder, `${index}.ts`))).equals(bytes), `${index}.ts`).toBe(true)
  }
}

/** The plaintext of the emulator's AES-128 rendition, decrypted here with its committed key. */
function decryptedAesSegments(): Buffer[] {
  const key = readFileSync(join(resources, 'hls-aes/key.bin'))
  const iv = Buffer.from('0f0e0d0c0b0a09080706050403020100', 'hex')
  return [0, 1, 2, 3].map((index) => {
    const decipher = createDecipheriv('aes-128-cbc', key, iv)
    const data = readFileSync(join(resources, `hls-aes/segment-0000${index}.ts`))
    return Buffer.concat([decipher.update(data), decipher.final()])
  })
}

async function expectPlayable(path: string): Promise<void> {
  const probe = await probeMedia(path)
  expect(probe.durationSeconds).toBeGreaterThan(3.9)
  expect(probe.durationSeconds).toBeLessThan(4.2)
  expect(probe.streams).toEqual(expect.arrayContaining(['video:h264', 'audio:aac']))
}

describe('vod-dl and HLS renditions', () => {
  it('downloads a plain HLS rendition as one MP4 (ffmpeg on PATH) and as a folder that plays offline', async () => {
    const running = await boot()
    const id = running.library.roles.normalWithHdMp4
    const mp4 = await run(getRendition(id, 'SD', '-o', 'mp4'))
    expect(mp4.code, mp4.stderr).toBe(0)
    await expectPlayable(entryEndingWith(join(sandbox.root, 'mp4'), '.SD.mp4'))
    expect(readdirSync(join(sandbox.root, 'mp4'))).toHaveLength(1)

    const folder = await run(getRendition(id, 'SD', '-o', 'folder', '--hls-output', 'folder'))
    expect(folder.code, folder.stderr).toBe(0)
    const output = entryEndingWith(join(sandbox.root, 'folder'), '.SD')
    await expectSameBytes(output, plainSegments())
    await expectPlayable(join(output, 'index.m3u8'))
  })

  it('decrypts an AES-128 rendition with the MtsHlsUriToken, and refuses before any segment without it', async () => {
    const running = await boot({ hlsKeyToken: 'editor-token' })
    const id = running.library.roles.hlsEncrypted
    const refused = await run(getRendition(id, 'LD', '-o', 'refused'))
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/decryption key .* could not be fetched.*HTTP 403/)
    expect(mediaRequests(running, '.ts')).toBe(0)

    const mp4 = await run(getRendition(id, 'LD', '-o', 'mp4', '--hls-token', 'editor-token'))
    expect(mp4.code, mp4.stderr).toBe(0)
    await expectPlayable(entryEndingWith(join(sandbox.root, 'mp4'), '.LD.mp4'))
    expect(mediaRequests(running, '.ts')).toBe(4)

    // From the OSS origin, which does not rewrite key URIs: the token is added by vod-dl.
    const folder = await run(
      getRendition(id, 'LD', '-o', 'folder', '--output-type', 'oss', '--hls-output', 'folder'),
      { VOD_DL_HLS_TOKEN: 'editor-token' },
    )
    expect(folder.code, folder.stderr).toBe(0)
    const output = entryEndingWith(join(sandbox.root, 'folder'), '.LD')
    await expectSameBytes(output, decryptedAesSegments())
    expect(await fs.readFile(join(output, 'index.m3u8'), 'utf8')).not.toMatch(/EXT-X-KEY/)
    // One key request per successful download, shared by its segments.
    expect(
      running.log.filter((entry) => entry.path.startsWith('/keys/') && entry.status === 200),
    ).toHaveLength(2)
  })

  it('resumes after kill -9 with the committed segments kept', async () => {
    const running = await boot()
    const id = running.library.roles.normalWithHdMp4
    const first = start(getRendition(id, 'SD', '-o', 'out', '-c', '1', '--limit', '40K'))
    await waitFor(() => committedSegments() >= 1)
    first.child.kill('SIGKILL')
    await first.done
    const committed = committedSegments()
    expect(committed).toBeGreaterThanOrEqual(1)
    expect(committed).toBeLessThan(4)
    const parts = entryEndingWith(join(sandbox.root, 'out'), '.parts')
    expect(existsSync(join(parts, '0.ts'))).toBe(true)

    const resumed = await run(['resume', '--all'])
    expect(resumed.code, resumed.stderr).toBe(0)
    await expectPlayable(entryEndingWith(join(sandbox.root, 'out'), '.SD.mp4'))
    expect(existsSync(parts)).toBe(false)
    // The first segment was committed before the kill: it was never asked for again.
    expect(mediaRequests(running, '-00000.ts')).toBe(1)
  })

  it('renews expiring addresses through the VOD API and keeps the segments it has', async () => {
    const running = await boot({ maxUrlLifetimeSeconds: 2, cutMediaResponsesAfterBytes: 16_000 })
    const id = running.library.roles.normalWithHdMp4
    const result = await run(
      getRendition(id, 'SD', '-o', 'out', '--hls-output', 'folder', '-c', '2', '--limit', '40K'),
    )
    expect(result.code, result.stderr).toBe(0)
    await expectSameBytes(entryEndingWith(join(sandbox.root, 'out'), '.SD'), plainSegments())
    // Listing the files, the first address, then renewals, each followed by the playlist again.
    expect(apiCalls(running, 'GetPlayInfo')).toBeGreaterThanOrEqual(3)
    expect(mediaRequests(running, '.m3u8', 200)).toBeGreaterThanOrEqual(2)
  })

  it('renews after the CDN refuses an expired address (403), mapping the new playlist by sequence number', async () => {
    const running = await boot({ cutMediaResponsesAfterBytes: 16_000 })
    const id = running.library.roles.normalWithHdMp4
    const download = start(
      getRendition(
        id,
        'SD',
        '-o',
        'out',
        '--hls-output',
        'folder',
        '-c',
        '1',
        '--limit',
        '40K',
        '--auth-timeout',
        '60',
      ),
    )
    await waitFor(() => committedSegments() >= 1)
    running.setClockOffsetMs(120_000) // every address handed out so far is now expired
    const result = await download.done
    expect(result.code, result.stderr).toBe(0)
    expect(mediaRequests(running, '.ts', 403)).toBeGreaterThanOrEqual(1)
    expect(mediaRequests(running, '-00000.ts')).toBeGreaterThanOrEqual(1)
    await expectSameBytes(entryEndingWith(join(sandbox.root, 'out'), '.SD'), plainSegments())
  })

  it('learns once that a CDN passes the playlist parameters through, and does not probe again after kill -9 and resume', async () => {
    const running = await boot({ hls: { cdnSegments: 'pass-through' } })
    const id = running.library.roles.normalWithHdMp4
    const first = start(getRendition(id, 'SD', '-o', 'out', '-c', '2', '--limit', '40K'))
    await waitFor(() => committedSegments() >= 1)
    first.child.kill('SIGKILL')
    await first.done
    expect(mediaRequests(running, '.ts', 403)).toBe(1)
    const resumed = await run(['resume', '--all'])
    expect(resumed.code, resumed.stderr).toBe(0)
    await expectPlayable(entryEndingWith(join(sandbox.root, 'out'), '.SD.mp4'))
    // The one refused request was the first process's probe; the resumed one knew.
    expect(mediaRequests(running, '.ts', 403)).toBe(1)
  })

  it('downloads bare segments from a CDN whose URL signing covers the playlists only', async () => {
    const running = await boot({ hls: { cdnSegments: 'unsigned' } })
    const id = running.library.roles.normalWithHdMp4
    const result = await run(getRendition(id, 'SD', '-o', 'out', '--hls-output', 'folder'))
    expect(result.code, result.stderr).toBe(0)
    await expectSameBytes(entryEndingWith(join(sandbox.root, 'out'), '.SD'), plainSegments())
    expect(mediaRequests(running, '.ts', 403)).toBe(0)
  })

  it('fails a private OSS playlist whose segments nothing signs, naming the segment and both refusals, and keeps the job', async () => {
    const running = await boot({ hls: { ossSegments: 'unsigned' } })
    const id = running.library.roles.normalWithHdMp4
    const result = await run(getRendition(id, 'SD', '-o', 'out', '--output-type', 'oss'))
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /segment index \d \(\d of 4, media sequence \d\): as listed: HTTP 403: AccessDenied.*with the playlist's parameters: HTTP 403: SignatureDoesNotMatch/,
    )
    expect(result.stderr).not.toMatch(/OSSAccessKeyId=|Signature=/)
    const listed = await run(['jobs', '--json'])
    const [job] = JSON.parse(listed.stdout) as Array<{
      state: string
      error: { code: string; messageZh: string }
    }>
    expect(job?.state).toBe('failed')
    expect(job?.error.code).toBe('SegmentRefused')
    expect(job?.error.messageZh).toMatch(/服务器拒绝了 HLS 分片.*请改用 CDN 地址/)
    expect(mediaRequests(running, '.ts', 200) + mediaRequests(running, '.ts', 206)).toBe(0)
  })

  it('does not send the MtsHlsUriToken to a key service on another host', async () => {
    const running = await boot({ hls: { keyHost: 'separate' }, hlsKeyToken: 'editor-token' })
    const id = running.library.roles.hlsEncrypted
    const result = await run(
      getRendition(id, 'LD', '-o', 'out', '--output-type', 'oss', '--hls-token', 'editor-token'),
    )
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /MtsHlsUriToken was withheld because the key host 127\.0\.0\.1:\d+ is not the playlist's host/,
    )
    expect(result.stderr).not.toContain('editor-token')
    expect(mediaRequests(running, '.ts')).toBe(0)
  })

  it('fails a stream with a missing segment, naming its index, and keeps the job', async () => {
    const server = await startHlsServer({ segments: plainSegments(), missing: new Set([2]) })
    cleanups.push(() => server.close())
    const result = await run(['get', server.playlistUrl(), '-o', 'out'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/segment index 2 \(3 of 4, media sequence 2\) is missing/)
    expect(existsSync(join(sandbox.root, 'out', 'index'))).toBe(false)
    const listed = await run(['jobs', '--json'])
    const [job] = JSON.parse(listed.stdout) as Array<{ state: string; error: { code: string } }>
    expect(job?.state).toBe('failed')
    expect(job?.error.code).toBe('NotFound')
  })

  it('refuses an http key named by a playlist fetched over https, and keeps the failed job', async () => {
    const key = randomBytes(16)
    const certificate = selfSignedCertificate()
    const trusted = join(sandbox.root, 'test-ca.pem')
    await fs.writeFile(trusted, certificate.cert)
    const keyService = await startHlsServer({ segments: [], key })
    cleanups.push(() => keyService.close())
    const server = await startHlsServer({
      segments: plainSegments(),
      key,
      tls: certificate,
      keyUri: () => `${keyService.origin}/keys/main?Ciphertext=abc`,
    })
    cleanups.push(() => server.close())
    expect(server.playlistUrl()).toMatch(/^https:\/\/127\.0\.0\.1:/)
    const result = await run(['get', server.playlistUrl(), '-o', 'out'], {
      NODE_EXTRA_CA_CERTS: trusted,
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/its decryption key is served over plain http:\/\//)
    expect(keyService.requests.size).toBe(0)
    expect(server.statuses.filter((entry) => entry.path.endsWith('.ts'))).toEqual([])
    const listed = await run(['jobs', '--json'])
    const [job] = JSON.parse(listed.stdout) as Array<{
      state: string
      error: { code: string; messageZh: string }
    }>
    expect(job?.state).toBe('failed')
    expect(job?.error.code).toBe('InsecureKey')
    expect(job?.error.messageZh).toMatch(/其解密密钥通过明文 http:\/\/ 提供/)
  })

  it('refuses a key whose https address redirects to plain http', async () => {
    const key = randomBytes(16)
    const certificate = selfSignedCertificate()
    const trusted = join(sandbox.root, 'test-ca.pem')
    await fs.writeFile(trusted, certificate.cert)
    const plainKeyService = await startHlsServer({ segments: [], key })
    cleanups.push(() => plainKeyService.close())
    const server = await startHlsServer({
      segments: plainSegments(),
      key,
      tls: certificate,
      keyRedirect: `${plainKeyService.origin}/keys/main?Ciphertext=abc`,
    })
    cleanups.push(() => server.close())
    const result = await run(['get', server.playlistUrl(), '-o', 'out'], {
      NODE_EXTRA_CA_CERTS: trusted,
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /served over plain http:\/\/.*the key service redirected to 127\.0\.0\.1:\d+/,
    )
    expect(server.statuses.filter((entry) => entry.path.endsWith('.ts'))).toEqual([])
    const listed = await run(['jobs', '--json'])
    const [job] = JSON.parse(listed.stdout) as Array<{ state: string; error: { code: string } }>
    expect(job?.state).toBe('failed')
    expect(job?.error.code).toBe('InsecureKey')
  })

  it('refuses a proprietary-encrypted rendition before any byte is fetched', async () => {
    const running = await boot()
    const result = await run([
      'vod',
      'get',
      running.library.roles.proprietaryOnly,
      '--file',
      'rendition',
      '--format',
      'm3u8',
      '-o',
      'out',
    ])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/proprietary encryption/)
    expect(running.log.filter((entry) => entry.kind === 'media')).toEqual([])
    expect(existsSync(join(sandbox.root, 'out'))).toBe(false)
  })
})
