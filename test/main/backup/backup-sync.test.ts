import { createHash } from 'node:crypto'
import { existsSync, promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openBackupManifest } from '../../../src/main/database/backup-manifest-repository'
import type { ManifestFile } from '../../../src/main/database/backup-manifest-repository'
import { startBackupHarness, type BackupHarness } from './backup-harness'

let harness: BackupHarness | undefined

afterEach(async () => {
  await harness?.close()
  harness = undefined
})

async function start(
  options: Parameters<typeof startBackupHarness>[0] = {},
): Promise<BackupHarness> {
  harness = await startBackupHarness(options)
  return harness
}

/** The local copy as the manifest records it. */
function manifestFiles(folder: string): ManifestFile[] {
  const manifest = openBackupManifest(folder)
  try {
    return manifest.listFiles({ mediaId: '', selector: '' }, 1_000_000)
  } finally {
    manifest.close()
  }
}

function fileOf(folder: string, mediaId: string, kind = 'source'): ManifestFile {
  const found = manifestFiles(folder).find((file) => file.mediaId === mediaId && file.kind === kind)
  if (!found) throw new Error(`no ${kind} of ${mediaId} in the manifest`)
  return found
}

async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await fs.readFile(path))
    .digest('hex')
}

/** Items whose source the demo library keeps in archive storage (looked at again every run). */
function restoreCost(needsRestore: number): number {
  return needsRestore === 0 ? 0 : Math.ceil(needsRestore / 20) + needsRestore
}

describe('vod sync against the VOD emulator', () => {
  it('copies every selected file once, then a run without changes downloads nothing and only lists', async () => {
    const backup = await start()
    const first = await backup.sync()
    expect(first.failures).toEqual([])
    expect(first.download.files).toBeGreaterThan(50)
    expect(first.outcome?.downloaded).toBe(first.download.files)
    const files = manifestFiles(backup.folder)
    expect(files).toHaveLength(first.download.files)
    for (const file of files) {
      const stats = await fs.stat(join(backup.folder, file.localPath))
      expect(stats.size).toBe(file.size)
      expect(file.verifiedAt).not.toBeNull()
    }
    // The default layout, and a sidecar next to the files.
    const video = backup.emulator.library.roles.normalWithHdMp4
    const media = backup.emulator.library.findMedia(video)!
    const source = fileOf(backup.folder, video)
    expect(source.localPath).toBe(`${media.cateName}/${media.title} [${video}]/source.mp4`)
    const sidecar = JSON.parse(
      await fs.readFile(
        join(backup.folder, `${media.cateName}/${media.title} [${video}]/${media.title}.vod.json`),
        'utf8',
      ),
    ) as Record<string, unknown>
    expect(sidecar).toMatchObject({
      mediaId: video,
      title: media.title,
      description: media.description,
      tags: media.tags,
      category: { id: media.cateId, name: media.cateName },
      status: 'Normal',
      files: [{ kind: 'source', path: 'source.mp4', size: media.source.size }],
    })
    expect(sidecar.resolution).toMatch(/^\d+x\d+$/)

    const needsRestore = first.kinds.reduce(
      (sum, kind) => sum + kind.decisions['needs-restore'].files,
      0,
    )
    const mark = backup.mark()
    const second = await backup.sync()
    expect(second.download.files).toBe(0)
    expect(second.outcome?.downloaded).toBe(0)
    expect(backup.mediaRequests(mark)).toBe(0)
    // One SearchMedia call per type (each under 100 items), plus a look at archived items.
    expect(backup.apiCalls(mark, 'SearchMedia')).toBe(3)
    expect(second.apiCalls).toBe(3 + restoreCost(needsRestore))
    expect(second.items.new).toBe(0)
    expect(second.items.unchanged + second.items.modified).toBe(first.items.new)
  })

  it('fetches a new item, a re-uploaded source and a new rendition, and nothing else', async () => {
    const backup = await start()
    // mp4 only: the HLS-encrypted rendition needs a key token this test does not give.
    const request = {
      mediaTypes: ['video' as const],
      files: ['source', 'rendition'],
      format: 'mp4',
    }
    const first = await backup.sync(request)
    expect(first.failures).toEqual([])
    const { library, edits } = backup.emulator
    const reuploaded = library.roles.normalWithHdMp4
    const transcoded = library.roles.withAudioStreams
    const before = fileOf(backup.folder, reuploaded)
    const oldHd = manifestFiles(backup.folder).find(
      (file) => file.mediaId === transcoded && file.selector === 'rendition-HD',
    )
    const added = edits.addVideo('Fresh upload 新上传')
    edits.replaceSource(reuploaded)
    edits.addRendition(transcoded, 'HD')

    const mark = backup.mark()
    const second = await backup.sync(request)
    expect(second.failures).toEqual([])
    expect(second.items.new).toBe(1)
    expect(second.outcome?.downloaded).toBe(3)
    const source = second.kinds.find((kind) => kind.kind === 'source')!
    expect(source.decisions.new.files).toBe(1)
    expect(source.decisions.changed.files).toBe(1)
    const rendition = second.kinds.find((kind) => kind.kind === 'rendition')!
    expect(rendition.decisions[oldHd ? 'changed' : 'new'].files).toBe(1)
    expect(backup.apiCalls(mark, 'GetPlayInfo')).toBeGreaterThan(0)

    const after = fileOf(backup.folder, reuploaded)
    expect(after.localPath).toBe(before.localPath)
    expect(after.size).toBe(library.findMedia(reuploaded)!.source.size)
    expect(after.size).not.toBe(before.size)
    expect((await fs.stat(join(backup.folder, after.localPath))).size).toBe(after.size)
    // The old version went to the trash, not away.
    const trash = join(backup.folder, second.trashFolder!, before.localPath)
    expect((await fs.stat(trash)).size).toBe(before.size)
    expect(fileOf(backup.folder, added).localPath).toContain(`Fresh upload 新上传 [${added}]`)
    const newHd = manifestFiles(backup.folder).find(
      (file) => file.mediaId === transcoded && file.selector === 'rendition-HD',
    )!
    const stream = library
      .findMedia(transcoded)!
      .streams.find((candidate) => candidate.definition === 'HD' && candidate.status === 'Normal')!
    expect(newHd.version).toBe(stream.jobId)
    expect(newHd.version).not.toBe(oldHd?.version)
  })

  it('moves the folder of a renamed title with its sidecar, downloading nothing', async () => {
    const backup = await start()
    await backup.sync()
    const id = backup.emulator.library.roles.normalWithHdMp4
    const media = backup.emulator.library.findMedia(id)!
    const before = fileOf(backup.folder, id)
    const hash = await sha256(join(backup.folder, before.localPath))
    backup.emulator.edits.renameMedia(id, 'Renamed: launch film')

    const mark = backup.mark()
    const report = await backup.sync()
    expect(report.outcome).toMatchObject({ downloaded: 0, moved: 1, failed: 0 })
    expect(backup.mediaRequests(mark)).toBe(0)
    const after = fileOf(backup.folder, id)
    expect(after.localPath).toBe(`${media.cateName}/Renamed_ launch film [${id}]/source.mp4`)
    expect(await sha256(join(backup.folder, after.localPath))).toBe(hash)
    expect(existsSync(join(backup.folder, before.localPath))).toBe(false)
    expect(
      existsSync(
        join(
          backup.folder,
          `${media.cateName}/Renamed_ launch film [${id}]/Renamed_ launch film.vod.json`,
        ),
      ),
    ).toBe(true)
    // The old folder (files and sidecar) is gone entirely.
    expect(existsSync(join(backup.folder, before.localPath, '..'))).toBe(false)
  })

  it('reports an item deleted in VOD and keeps it; with --delete it goes to the trash', async () => {
    const backup = await start()
    await backup.sync()
    const id = backup.emulator.library.roles.withAudioStreams
    const kept = fileOf(backup.folder, id)
    backup.emulator.edits.deleteMedia(id)

    const reported = await backup.sync()
    expect(reported.items.deleted).toBe(1)
    expect(reported.kinds.find((kind) => kind.kind === 'source')?.decisions.deleted.files).toBe(1)
    expect(existsSync(join(backup.folder, kept.localPath))).toBe(true)

    const trashed = await backup.sync({ deleteGone: true })
    expect(trashed.items.deleted).toBe(1)
    expect(trashed.outcome?.trashed).toBe(1)
    expect(existsSync(join(backup.folder, kept.localPath))).toBe(false)
    expect(existsSync(join(backup.folder, trashed.trashFolder!, kept.localPath))).toBe(true)
    expect(manifestFiles(backup.folder).some((file) => file.mediaId === id)).toBe(false)

    const after = await backup.sync({ deleteGone: true })
    expect(after.items.deleted).toBe(0)
  })

  it('finds a corrupted local file with --verify and downloads it again; a stat finds a short one', async () => {
    const backup = await start()
    await backup.sync()
    const id = backup.emulator.library.roles.normalWithHdMp4
    const file = fileOf(backup.folder, id)
    const path = join(backup.folder, file.localPath)
    const original = await fs.readFile(path)
    const damaged = Buffer.from(original)
    damaged[1000] = (damaged[1000] ?? 0) ^ 0xff
    await fs.writeFile(path, damaged)

    const unnoticed = await backup.sync()
    expect(unnoticed.download.files).toBe(0)

    const verified = await backup.sync({ verify: true })
    expect(verified.kinds.find((kind) => kind.kind === 'source')?.decisions.repair.files).toBe(1)
    expect(verified.outcome?.downloaded).toBe(1)
    expect((await fs.readFile(path)).equals(original)).toBe(true)
    expect(
      (await fs.readFile(join(backup.folder, verified.trashFolder!, file.localPath))).equals(
        damaged,
      ),
    ).toBe(true)

    // A file cut short is seen without --verify (its size differs).
    await fs.truncate(path, 100)
    const repaired = await backup.sync()
    expect(repaired.outcome?.downloaded).toBe(1)
    expect((await fs.readFile(path)).equals(original)).toBe(true)
  })

  it('backs up a category with the categories below it, and reports what a dry run would do', async () => {
    const backup = await start()
    const travel = [1000002, 1000201, 1000202, 1000211]
    const expected = backup.emulator.library.videos.filter((video) => travel.includes(video.cateId))
    expect(expected.some((video) => video.cateId === 1000211)).toBe(true)
    const plan = await backup.sync(
      { mediaTypes: ['video'], scope: { kind: 'category', categoryId: 1000002 } },
      { dryRun: true },
    )
    expect(plan.items.new).toBe(expected.length)
    expect(plan.outcome).toBeNull()
    expect(await fs.readdir(backup.folder)).toEqual(['.vod-backup'])
  })

  it('continues a run stopped while listing or while listing files, without listing again', async () => {
    const backup = await start({ extraVideos: 450 })
    const request = { mediaTypes: ['video' as const] }
    const stopListing = new AbortController()
    await expect(
      backup.sync(request, {
        signal: stopListing.signal,
        onProgress: (progress) => {
          if (progress.listed >= 200) stopListing.abort()
        },
      }),
    ).rejects.toMatchObject({ code: 'Canceled' })

    const stopResolving = new AbortController()
    let mark = backup.mark()
    await expect(
      backup.sync(request, {
        signal: stopResolving.signal,
        onProgress: (progress) => {
          if (progress.resolved >= 100) stopResolving.abort()
        },
      }),
    ).rejects.toMatchObject({ code: 'Canceled' })
    // Pages of 100: two were listed before the stop; the rest (from the second page's last
    // creation time) take three pages, not five.
    const videos = backup.emulator.library.videos.length
    expect(videos).toBeGreaterThan(400)
    expect(backup.apiCalls(mark, 'SearchMedia')).toBe(Math.ceil((videos - 199) / 100))

    mark = backup.mark()
    const finished = await backup.sync(request)
    expect(finished.continued).toBe(true)
    expect(backup.apiCalls(mark, 'SearchMedia')).toBe(0)
    // The items whose files were listed before the stop are not listed again.
    expect(backup.apiCalls(mark, 'GetVideoInfos')).toBeLessThanOrEqual(
      Math.ceil((videos - 100) / 20) + 1,
    )
    expect(finished.failures).toEqual([])
    expect(finished.items.new).toBe(videos)
    const files = manifestFiles(backup.folder)
    expect(files.length).toBe(finished.outcome?.downloaded)
    expect(new Set(files.map((file) => file.localPath)).size).toBe(files.length)
  })
})
