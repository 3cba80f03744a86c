import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index'
import type { JobSnapshot } from '../../src/shared/jobs'
import { useCliSandbox, type CliOutcome } from '../support/cli-process'

/** The API's other edges, through `vod-dl` against the emulator (issue 12, section 5). */

let emulator: RunningEmulator | undefined
const sandbox = useCliSandbox('vod-cli-edges-')

afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

async function boot(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  emulator = await startEmulator(options)
  return emulator
}

function run(args: string[]): Promise<CliOutcome> {
  const running = emulator as RunningEmulator
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    VOD_DL_HOME: join(sandbox.root, 'home'),
    VOD_ENDPOINT: running.endpoint,
    ALIBABA_CLOUD_ACCESS_KEY_ID: running.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: running.accessKeySecret,
  }
  delete environment.ALIBABA_CLOUD_SECURITY_TOKEN
  return sandbox.start(args, environment).done
}

function statuses(running: RunningEmulator, action: string): number[] {
  return running.log
    .filter((entry) => entry.kind === 'api' && entry.action === action)
    .map((entry) => entry.status)
}

async function fileBytes(running: RunningEmulator, mediaId: string): Promise<Buffer> {
  const file = running.library.findMedia(mediaId)?.source.file
  if (!file) throw new Error('the demo source is not a committed file')
  return fs.readFile(join(running.library.mediaDirectory, file))
}

describe('retries and lifetimes', () => {
  it('rides out a replayed request, a 503 and a refused lifetime, and downloads the source', async () => {
    const running = await boot()
    const id = running.library.roles.ownBucketSource
    running.failNext('GetMezzanineInfo', { code: 'SignatureNonceUsed', status: 400 })
    running.failNext('GetMezzanineInfo', { code: 'ServiceUnavailable', status: 503 })
    const result = await run([
      'vod',
      'get',
      id,
      '--file',
      'source',
      '--auth-timeout',
      '604800',
      '-o',
      'out',
    ])
    expect(result.code, result.stderr).toBe(0)
    const name = running.library.findMedia(id)?.source.fileName ?? ''
    expect(await fs.readFile(join(sandbox.root, 'out', name))).toEqual(await fileBytes(running, id))
    // The replay and the 503 are sent again; 604,800 s is refused in a bucket of the account's
    // own and asked again with its maximum; the download starts on that listed address.
    expect(statuses(running, 'GetMezzanineInfo')).toEqual([400, 503, 400, 200])
  })

  it("exports an own bucket's source with the allowed lifetime instead of an error row", async () => {
    const running = await boot()
    const id = running.library.roles.ownBucketSource
    const result = await run([
      'vod',
      'export',
      '--ids',
      id,
      '--auth-timeout',
      '604800',
      '--json',
      'out.json',
    ])
    expect(result.code, result.stderr).toBe(0)
    const exported = JSON.parse(await fs.readFile(join(sandbox.root, 'out.json'), 'utf8')) as {
      rows: Array<{ url: string | null; expiresAt: string | null; authTimeoutSeconds?: number }>
    }
    expect(exported.rows).toHaveLength(1)
    const row = exported.rows[0]
    expect(row?.url).toMatch(/\/oss\/media-masters-/)
    const lifetime = (Date.parse(row?.expiresAt ?? '') - Date.now()) / 1000
    expect(lifetime).toBeGreaterThan(129_000)
    expect(lifetime).toBeLessThanOrEqual(129_600)
  })
})

describe('searches past their limits', () => {
  it('lists and exports more than 5,000 images, each once', async () => {
    const running = await boot({ extraImages: 5050, extraImageBytes: 512 })
    const count = running.library.images.length
    const search = await run(['vod', 'search', '--type', 'image', '--limit', '9000', '--json'])
    expect(search.code, search.stderr).toBe(0)
    const found = JSON.parse(search.stdout) as Array<{ mediaId: string }>
    expect(found).toHaveLength(count)
    expect(new Set(found.map((item) => item.mediaId)).size).toBe(count)

    const exported = await run(['vod', 'export', '--type', 'image', '--json', 'images.json'])
    expect(exported.code, exported.stderr).toBe(0)
    const rows = (
      JSON.parse(await fs.readFile(join(sandbox.root, 'images.json'), 'utf8')) as {
        rows: Array<{ mediaId: string }>
      }
    ).rows
    expect(new Set(rows.map((row) => row.mediaId)).size).toBe(count)
    expect(exported.stderr).not.toMatch(/first 5000/)
  })
})

describe('categories', () => {
  it('prints the tree and searches a category with the ones below it', async () => {
    const running = await boot()
    const tree = await run(['vod', 'categories'])
    expect(tree.code, tree.stderr).toBe(0)
    expect(tree.stdout).toMatch(/1000002\s+Travel 旅行/)
    expect(tree.stdout).toMatch(/1000211\s+1000201\s+ {4}杭州 Hangzhou/)

    const search = await run(['vod', 'search', '--category', '1000002', '--limit', '100', '--json'])
    expect(search.code, search.stderr).toBe(0)
    const travel = new Set([1000002, 1000201, 1000202, 1000211])
    const expected = running.library.videos.filter((video) => travel.has(video.cateId))
    const found = JSON.parse(search.stdout) as Array<{ mediaId: string; cateId: number }>
    expect(found.map((item) => item.mediaId).sort()).toEqual(
      expected.map((video) => video.id).sort(),
    )

    const unknown = await run(['vod', 'search', '--category', '42'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/no category 42; "vod-dl vod categories" lists them/)
  })
})

describe('CDN domains, DASH and copied addresses', () => {
  it('lists and downloads streams on the CDN domain asked for, and keeps it for resume', async () => {
    const running = await boot({ playDomains: ['media.example.com'] })
    const id = running.library.roles.normalWithHdMp4
    const files = await run(['vod', 'files', id, '--urls', '--play-domain', 'media.example.com'])
    expect(files.code, files.stderr).toBe(0)
    expect(files.stdout).toMatch(
      /HD mp4 1280×720\s+\S+Z\s+http:\/\/127\.0\.0\.1:\d+\/cdn\/~media\.example\.com\//,
    )
    expect(files.stderr).toMatch(/these addresses are signed: anyone who has one can download/)

    const get = await run([
      'vod',
      'get',
      id,
      '--file',
      'rendition',
      '--definition',
      'HD',
      '--format',
      'mp4',
      '--play-domain',
      'media.example.com',
      '-o',
      'out',
    ])
    expect(get.code, get.stderr).toBe(0)
    const media = running.log.filter((entry) => entry.kind === 'media' && entry.status < 300)
    expect(media.length).toBeGreaterThan(0)
    expect(media.every((entry) => entry.path.startsWith('/cdn/~media.example.com/'))).toBe(true)
    const listed = JSON.parse((await run(['jobs', '--json'])).stdout) as JobSnapshot[]
    const source = listed[0]?.source
    expect(source?.kind === 'vod' ? source.reference.playDomain : undefined).toBe(
      'media.example.com',
    )

    const bad = await run(['vod', 'files', id, '--play-domain', 'https://media.example.com/x'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--play-domain needs a domain name such as media\.example\.com/)
  })

  it('makes no job for a DASH rendition and says why, and still downloads the others', async () => {
    const running = await boot()
    const id = running.library.roles.dashAndHdr
    const dash = await run([
      'vod',
      'get',
      id,
      '--file',
      'rendition',
      '--format',
      'mpd',
      '-o',
      'out',
    ])
    expect(dash.code).toBe(1)
    expect(dash.stderr).toMatch(/SD mpd 640×360: This rendition is DASH \(mpd\)/)
    expect(JSON.parse((await run(['jobs', '--json'])).stdout)).toEqual([])

    const all = await run(['vod', 'get', id, '--file', 'rendition', '-o', 'all'])
    expect(all.code).toBe(1)
    const jobs = JSON.parse((await run(['jobs', '--json'])).stdout) as JobSnapshot[]
    expect(jobs.length).toBeGreaterThan(0)
    expect(jobs.every((job) => job.state === 'completed')).toBe(true)
    expect(jobs.some((job) => job.fileName.endsWith('.mpd'))).toBe(false)
  })
})

describe('API calls per item', () => {
  it('vod get --file source for 100 ids: one GetVideoInfos per 20, one GetMezzanineInfo per id', async () => {
    const running = await boot({ extraVideos: 100 })
    // Generated items: a small committed clip as the source (one is still transcoding, whose
    // source is downloadable all the same).
    const ids = running.library.videos
      .filter((video) => video.generated)
      .slice(0, 100)
      .map((video) => video.id)
    expect(ids).toHaveLength(100)
    const result = await run(['vod', 'get', ...ids, '--file', 'source', '-o', 'out', '-j', '8'])
    expect(result.code, result.stderr).toBe(0)
    const calls = new Map<string, number>()
    for (const entry of running.log) {
      if (entry.kind === 'api' && entry.action) {
        calls.set(entry.action, (calls.get(entry.action) ?? 0) + 1)
      }
    }
    expect(Object.fromEntries(calls)).toEqual({ GetVideoInfos: 5, GetMezzanineInfo: 100 })
  })

  it('vod get --file rendition: one GetPlayInfo per item; images: one GetImageInfos per 20', async () => {
    const running = await boot({ extraImages: 40, extraImageBytes: 512 })
    const videos = [running.library.roles.normalWithHdMp4, running.library.roles.withAudioStreams]
    const renditions = await run(['vod', 'get', ...videos, '--file', 'rendition', '-o', 'r'])
    expect(renditions.code, renditions.stderr).toBe(0)
    const count = (action: string) =>
      running.log.filter((entry) => entry.kind === 'api' && entry.action === action).length
    expect(count('GetPlayInfo')).toBe(2)
    expect(count('GetVideoInfos')).toBe(1)
    const images = running.library.images.slice(0, 40).map((image) => image.id)
    const before = running.log.length
    const got = await run(['vod', 'get', ...images, '--type', 'image', '-o', 'i'])
    expect(got.code, got.stderr).toBe(0)
    const later = running.log.slice(before).filter((entry) => entry.kind === 'api')
    expect(later.map((entry) => entry.action)).toEqual(['GetImageInfos', 'GetImageInfos'])
  })
})
