import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index'
import type { JobSnapshot } from '../../src/shared/jobs'
import { sha256File } from '../support/engine-harness'
import { useCliSandbox, type CliOutcome } from '../support/cli-process'
import { startFixtureServer, type FixtureServer } from '../support/fixture-server'
import { exportCsvRows, type ExportCsvRow } from '../support/export-csv'

let emulator: RunningEmulator | undefined
let fixtures: FixtureServer | undefined
const sandbox = useCliSandbox('vod-cli-lists-')

afterEach(async () => {
  await emulator?.close()
  emulator = undefined
  await fixtures?.close()
  fixtures = undefined
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
  const started = sandbox.start(args, environment)
  return started.done
}

function apiCalls(running: RunningEmulator, action: string): number {
  return running.log.filter((entry) => entry.kind === 'api' && entry.action === action).length
}

/** The data rows of an exported CSV file in the sandbox (see `exportCsvRows`). */
async function readExportCsv(name: string): Promise<ExportCsvRow[]> {
  return exportCsvRows(await fs.readFile(join(sandbox.root, name), 'utf8'))
}

interface JsonExport {
  warning: string
  addressType: string
  authTimeoutSeconds: number
  rows: Array<{
    mediaId: string
    title: string
    kind: string
    definition: string | null
    format: string | null
    size: number | null
    url: string | null
    expiresAt: string | null
    error: { code: string } | null
  }>
  rowCount: number
  failedRowCount: number
}

async function readExportJson(name: string): Promise<JsonExport> {
  return JSON.parse(await fs.readFile(join(sandbox.root, name), 'utf8')) as JsonExport
}

async function mediaBytes(running: RunningEmulator, file: string | undefined): Promise<Buffer> {
  if (!file) throw new Error('the demo item is not served from a committed file')
  return fs.readFile(join(running.library.mediaDirectory, file))
}

describe('vod-dl vod export', () => {
  it('exports the sources of more than 5,000 videos to CSV and JSON with working, expiring URLs', async () => {
    const running = await boot({ extraVideos: 5200 })
    const videos = running.library.videos
    const startedAt = Date.now()
    const result = await run([
      'vod',
      'export',
      '--file',
      'source',
      '--csv',
      'sources.csv',
      '--json',
      'sources.json',
    ])
    // The video still uploading and the failed online edit have no source to export: exit 1,
    // with every other row written.
    expect(result.code, result.stderr).toBe(1)
    expect(result.stderr).toContain(`Exported ${videos.length} items`)
    expect(result.stderr).toContain(
      '2 rows of 2 items have no address (IllegalStatus 1, NotFound 1)',
    )
    expect(result.stderr).toMatch(/warning: these URLs are signed: anyone who holds/)
    // One GetMezzanineInfo per item; the search pages on past 5,000 with its ScrollToken.
    expect(apiCalls(running, 'GetMezzanineInfo')).toBe(videos.length)
    expect(apiCalls(running, 'SearchMedia')).toBe(Math.ceil(videos.length / 100))

    const csv = await readExportCsv('sources.csv')
    const json = await readExportJson('sources.json')
    expect(csv).toHaveLength(videos.length)
    expect(json.rows).toHaveLength(videos.length)
    expect(json).toMatchObject({
      addressType: 'cdn',
      authTimeoutSeconds: 3600,
      rowCount: videos.length,
      failedRowCount: 2,
    })
    expect(json.warning).toMatch(/signed/)
    expect(new Set(csv.map((row) => row.mediaId))).toEqual(new Set(videos.map((video) => video.id)))
    expect(csv.map((row) => row.mediaId)).toEqual(json.rows.map((row) => row.mediaId))

    // Titles come back exactly: Chinese, and with quotes, commas and slashes.
    const chinese = videos.find((video) => video.title === '批量生成视频 #00002')
    const quoted = videos.find((video) => video.title.includes('"'))
    for (const video of [chinese, quoted]) {
      expect(video).toBeDefined()
      const fromCsv = csv.find((row) => row.mediaId === video?.id)
      const fromJson = json.rows.find((row) => row.mediaId === video?.id)
      expect(fromCsv?.title).toBe(video?.title)
      expect(fromJson?.title).toBe(video?.title)
      expect(fromCsv?.kind).toBe('source')
      expect(Number(fromCsv?.size)).toBe(video?.source.size)
    }

    const { uploading, produceFail } = running.library.roles
    expect(json.rows.find((row) => row.mediaId === uploading)?.error?.code).toBe('IllegalStatus')
    expect(json.rows.find((row) => row.mediaId === produceFail)?.error?.code).toBe('NotFound')
    for (const row of csv.filter((candidate) => candidate.url !== '')) {
      const expiresAt = Date.parse(row.expiresAt)
      expect(row.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
      expect(expiresAt).toBeGreaterThan(Date.now())
      expect(expiresAt).toBeLessThanOrEqual(startedAt + 3600_000 + 60_000)
    }
    expect(json.rows.every((row, index) => (row.expiresAt ?? '') === csv[index]?.expiresAt)).toBe(
      true,
    )

    const row = csv.find((candidate) => candidate.mediaId === chinese?.id)
    const response = await fetch(row?.url ?? '', { headers: { Range: 'bytes=0-15' } })
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toBe(`bytes 0-15/${chinese?.source.size}`)
    const expected = (await mediaBytes(running, chinese?.source.file)).subarray(0, 16)
    expect(Buffer.from(await response.arrayBuffer())).toEqual(expected)
  })

  it('exports only the current renditions of one definition and format, and says why others have none', async () => {
    const running = await boot()
    const videos = running.library.videos
    const result = await run([
      'vod',
      'export',
      '--file',
      'rendition',
      '--definition',
      'hd',
      '--format',
      'mp4',
      '--output-type',
      'oss',
      '--json',
      'hd.json',
    ])
    // Some videos have no HD mp4 (or are still transcoding): exit 1, the list is still written.
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/rows? of \d+ items? (has|have) no address \(.*NoStream.*\)/)
    expect(apiCalls(running, 'GetPlayInfo')).toBe(videos.length)
    const json = await readExportJson('hd.json')
    const addressed = json.rows.filter((row) => row.url !== null)
    const expected = videos.flatMap((video) =>
      video.status === 'Normal'
        ? video.streams.filter(
            (stream) =>
              stream.definition === 'HD' &&
              stream.format === 'mp4' &&
              stream.status === 'Normal' &&
              stream.encryptType !== 'AliyunVoDEncryption',
          )
        : [],
    )
    expect(addressed.length).toBe(expected.length)
    expect(addressed.length).toBeGreaterThan(0)
    expect(addressed.every((row) => row.definition === 'HD' && row.format === 'mp4')).toBe(true)
    expect(addressed.every((row) => row.url?.includes('Expires='))).toBe(true)
    // An older (Invisible) HD mp4 never shows up: every exported size is a current stream's.
    expect(addressed.map((row) => row.size).sort()).toEqual(
      expected.map((stream) => stream.size).sort(),
    )
    const failed = json.rows.filter((row) => row.error !== null)
    expect(failed.length).toBe(json.failedRowCount)
    expect(new Set(json.rows.map((row) => row.mediaId)).size).toBe(videos.length)
    const transcoding = json.rows.find((row) => row.mediaId === running.library.roles.transcoding)
    expect(transcoding?.error?.code).toBe('IllegalStatus')
  })
})

describe('vod-dl import', () => {
  it('downloads the good lines byte for byte as one batch and reports the bad ones by line number', async () => {
    const running = await boot()
    fixtures = await startFixtureServer([{ path: '/files/clip.bin', size: 300_000 }])
    const { roles } = running.library
    const unknownId = '0123456789abcdef0123456789abcdef'
    await fs.writeFile(
      join(sandbox.root, 'pulls.txt'),
      [
        '\uFEFF# weekly pulls',
        `${roles.normalWithHdMp4}\tmaster copy.mp4`,
        'not-a-media-id',
        unknownId,
        `${fixtures.url('/files/clip.bin')}   clip from partner.bin`,
        '',
        roles.image,
      ].join('\r\n'),
    )
    const result = await run(['import', 'pulls.txt', '-o', 'out'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      'pulls.txt:3: error: not a media id or an http(s) URL: "not-a-media-id"',
    )
    expect(result.stderr).toContain(
      `pulls.txt:4: error: ${unknownId} does not exist in the VOD library`,
    )
    expect(result.stderr).toContain('3 of 3 files completed')
    expect(result.stderr).toContain('2 lines were not imported')

    const master = running.library.findMedia(roles.normalWithHdMp4)
    expect(await fs.readFile(join(sandbox.root, 'out', 'master copy.mp4'))).toEqual(
      await mediaBytes(running, master?.source.file),
    )
    expect(await sha256File(join(sandbox.root, 'out', 'clip from partner.bin'))).toBe(
      fixtures.file('/files/clip.bin').sha256,
    )
    const listed = await run(['jobs', '--json'])
    const jobs = JSON.parse(listed.stdout) as JobSnapshot[]
    expect(jobs).toHaveLength(3)
    expect(jobs.every((job) => job.state === 'completed')).toBe(true)
    expect(new Set(jobs.map((job) => job.batchId)).size).toBe(1)
    expect(jobs[0]?.batchId).not.toBeNull()
    const imageJob = jobs.find(
      (job) => job.source.kind === 'vod' && job.source.reference.mediaId === roles.image,
    )
    expect(await fs.readFile(join(sandbox.root, 'out', imageJob?.fileName ?? ''))).toEqual(
      await mediaBytes(running, running.library.findImage(roles.image)?.file),
    )
  })

  it('reads a CSV with quoted names and kinds, skipping rows it cannot use', async () => {
    const running = await boot()
    const id = running.library.roles.normalWithHdMp4
    await fs.writeFile(
      join(sandbox.root, 'renditions.csv'),
      [
        'mediaId,fileName,kind,definition,format',
        `${id},"HD, final ""cut"".mp4",rendition,HD,mp4`,
        `${id},thumb.jpg,thumbnail,,`,
        `${id},"unclosed.mp4,rendition,SD,mp4`,
      ].join('\n'),
    )
    const result = await run(['import', 'renditions.csv', '-o', 'out'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/renditions\.csv:3: error: unknown kind "thumbnail"/)
    expect(result.stderr).toMatch(
      /renditions\.csv:4: error: unreadable CSV: a quoted field is never closed/,
    )
    const stream = running.library
      .findMedia(id)
      ?.streams.find(
        (candidate) =>
          candidate.definition === 'HD' &&
          candidate.format === 'mp4' &&
          candidate.status === 'Normal',
      )
    expect(await fs.readFile(join(sandbox.root, 'out', 'HD, final _cut_.mp4'))).toEqual(
      await mediaBytes(running, stream?.file),
    )
  })

  it('imports an exported list by media id, so addresses that expired since do not matter', async () => {
    const running = await boot()
    const { roles } = running.library
    const exported = await run([
      'vod',
      'export',
      '--ids',
      `${roles.normalWithHdMp4},${roles.image}`,
      '--auth-timeout',
      '60',
      '--csv',
      'list.csv',
    ])
    expect(exported.code, exported.stderr).toBe(0)
    const rows = await readExportCsv('list.csv')
    expect(rows.map((row) => [row.mediaId, row.kind])).toEqual([
      [roles.normalWithHdMp4, 'source'],
      [roles.image, 'image'],
    ])
    // Two minutes later every exported address has expired.
    running.setClockOffsetMs(120_000)
    expect((await fetch(rows[0]?.url ?? '', { headers: { Range: 'bytes=0-0' } })).status).toBe(403)
    const imported = await run(['import', 'list.csv', '-o', 'back'])
    expect(imported.code, imported.stderr).toBe(0)
    const master = running.library.findMedia(roles.normalWithHdMp4)
    expect(await fs.readFile(join(sandbox.root, 'back', rows[0]?.fileName ?? ''))).toEqual(
      await mediaBytes(running, master?.source.file),
    )
    expect(await fs.readFile(join(sandbox.root, 'back', rows[1]?.fileName ?? ''))).toEqual(
      await mediaBytes(running, running.library.findImage(roles.image)?.file),
    )
  })
})
