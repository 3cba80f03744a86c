import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { JobSnapshot } from '../../src/shared/jobs'
import type { UnavailablePart } from '../../src/shared/vod'
import { startEmulator, type RunningEmulator } from '../../src/emulator/index'
import { useCliSandbox, type CliOutcome } from '../support/cli-process'

/** Media that is not Normal: each command offers what can be downloaded and says why the rest not. */

let emulator: RunningEmulator | undefined
const sandbox = useCliSandbox('vod-cli-status-')

afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

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

function apiCalls(running: RunningEmulator, action?: string): number {
  return running.log.filter(
    (entry) => entry.kind === 'api' && (action === undefined || entry.action === action),
  ).length
}

async function jobs(): Promise<JobSnapshot[]> {
  const listed = await run(['jobs', '--json'])
  return JSON.parse(listed.stdout) as JobSnapshot[]
}

describe('vod-dl and media that is not Normal', () => {
  it('downloads the source of videos still transcoding or under review, without listing snapshots or streams', async () => {
    const running = (emulator = await startEmulator())
    const { roles } = running.library
    const ids = [roles.transcoding, roles.checking, roles.blocked, roles.normalWithHdMp4]
    const result = await run(['vod', 'get', ...ids, '--file', 'source', '-o', 'out'])
    expect(result.code, result.stderr).toBe(0)
    const done = await jobs()
    expect(done.map((job) => job.state)).toEqual(ids.map(() => 'completed'))
    for (const id of ids) {
      const media = running.library.findMedia(id)
      const written = await fs.stat(join(sandbox.root, 'out', media?.source.fileName ?? ''))
      expect(written.size).toBe(media?.source.size)
    }
    // Only what a source needs: one GetVideoInfos for all four, then per id one
    // GetMezzanineInfo, whose address the download starts on.
    expect(apiCalls(running, 'ListSnapshots')).toBe(0)
    expect(apiCalls(running, 'GetPlayInfo')).toBe(0)
    expect(apiCalls(running, 'GetVideoInfo')).toBe(0)
    expect(apiCalls(running, 'GetVideoInfos')).toBe(1)
    expect(apiCalls(running, 'GetMezzanineInfo')).toBe(ids.length)
  })

  it('lists what a transcoding video offers, and why its streams and snapshots are not there yet', async () => {
    const running = (emulator = await startEmulator())
    const id = running.library.roles.transcoding
    const json = await run(['vod', 'files', id, '--json'])
    expect(json.code, json.stderr).toBe(0)
    const listed = JSON.parse(json.stdout) as {
      status: string
      files: Array<{ kind: string; downloadable: boolean }>
      unavailable: UnavailablePart[]
    }
    expect(listed.status).toBe('Transcoding')
    expect(listed.files.filter((file) => file.downloadable).map((file) => file.kind)).toEqual([
      'source',
      'cover',
    ])
    expect(listed.unavailable.map((part) => part.part)).toEqual([
      'renditions',
      'cover-candidates',
      'snapshots',
      'sprites',
      'sprite-origins',
      'webvtt',
    ])
    expect(new Set(listed.unavailable.map((part) => part.error.code))).toEqual(
      new Set(['IllegalStatus']),
    )
    expect(listed.unavailable[0]?.error.detail).toBe('Transcoding')
    expect(listed.unavailable[0]?.error.messageZh).toMatch(/不是“正常”/)
    // Once ListSnapshots answered Forbidden.IllegalStatus, the other snapshot types are not asked.
    expect(apiCalls(running, 'ListSnapshots')).toBe(1)

    const table = await run(['vod', 'files', id])
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout).toContain('status Transcoding')
    expect(table.stdout).toMatch(
      /streams, cover snapshots, snapshots, sprites, sprite frames, WebVTT thumbnails: not available now — The video is not in the Normal state .*\(Transcoding\)/,
    )
  })

  it('downloads every part that exists in a batch, skipping the others with their reason', async () => {
    const running = (emulator = await startEmulator())
    const { roles } = running.library
    const all = await run([
      'vod',
      'get',
      roles.transcoding,
      roles.produceFail,
      roles.uploading,
      roles.inputBucketSource,
      '--file',
      'all',
      '-o',
      'out',
    ])
    // Every file that exists completed; the uploading source is refused with its reason.
    const done = await jobs()
    expect(done.length).toBe(3)
    expect(
      done.filter((job) => job.state !== 'completed').map((job) => [job.label, job.error?.message]),
      all.stderr,
    ).toEqual([])
    const transcoding = done.filter((job) => job.label.startsWith(roles.transcoding))
    expect(
      transcoding.map((job) => job.source.kind === 'vod' && job.source.reference.kind),
    ).toEqual(['source', 'cover'])
    expect(all.stderr).toContain(
      `${roles.transcoding} streams, cover snapshots, snapshots, sprites, sprite frames, WebVTT thumbnails: skipped — The video is not in the Normal state`,
    )
    expect(all.stderr).toMatch(
      new RegExp(`${roles.produceFail} source: skipped — .*does not exist`),
    )
    expect(all.stderr).toMatch(
      new RegExp(`${roles.uploading} \\S+: The video is not in the Normal`),
    )
    expect(all.stderr).toContain(
      `${roles.inputBucketSource} streams: skipped — No stream matches the chosen definition or format`,
    )
    expect(all.code).toBe(1)

    const renditions = await run(['vod', 'get', roles.transcoding, '--file', 'rendition'])
    expect(renditions.code).toBe(1)
    expect(renditions.stderr).toContain(
      `${roles.transcoding}: nothing to download for --file rendition (status Transcoding)`,
    )
  })

  it('imports the parts of a line that exist and notes the skipped ones', async () => {
    const running = (emulator = await startEmulator())
    const { roles } = running.library
    await fs.writeFile(
      join(sandbox.root, 'list.csv'),
      `mediaId,kind\n${roles.transcoding},all\n${roles.checking},rendition\n`,
    )
    const result = await run(['import', 'list.csv', '-o', 'out'])
    expect(result.stderr).toMatch(
      new RegExp(
        `list.csv:2: note: ${roles.transcoding} renditions, cover-candidates, .*: skipped`,
      ),
    )
    expect(result.stderr).toMatch(
      new RegExp(`list.csv:3: error: ${roles.checking} renditions: skipped — The video is not`),
    )
    const done = await jobs()
    expect(done.map((job) => job.source.kind === 'vod' && job.source.reference.kind)).toEqual([
      'source',
      'cover',
    ])
    expect(done.every((job) => job.state === 'completed')).toBe(true)
    expect(result.code).toBe(1)
  })
})
