import { afterEach, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../../src/emulator/index'
import type { Body } from './helpers'
import { teaCall, teaClient } from './helpers'

let emulator: RunningEmulator | undefined

afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

async function boot(options: Parameters<typeof startEmulator>[0] = {}) {
  emulator = await startEmulator(options)
  const client = teaClient(emulator)
  const call = async (action: string, query: Record<string, string> = {}): Promise<Body> =>
    (await teaCall(client, action, query)).body
  return { emulator, call }
}

type Listed = { MediaId: string; Video: { Title: string; ModificationTime: string } }

async function searchAll(call: (action: string, query?: Record<string, string>) => Promise<Body>) {
  const ids: string[] = []
  let token: string | undefined
  for (let pageNo = 1; ; pageNo += 1) {
    const page = await call('SearchMedia', {
      SearchType: 'video',
      Fields: 'Title,ModificationTime',
      SortBy: 'CreationTime:Asc',
      PageNo: String(pageNo),
      PageSize: '100',
      ...(token ? { ScrollToken: token } : {}),
    })
    const items = page.MediaList as Listed[]
    ids.push(...items.map((item) => item.MediaId))
    token = page.ScrollToken as string | undefined
    if (items.length < 100) return ids
  }
}

describe('library edits', () => {
  it('uploads, renames, re-uploads, transcodes and deletes, as the API then answers', async () => {
    const { emulator: running, call } = await boot()
    const { library, edits } = running
    const id = library.roles.normalWithHdMp4
    const before = library.findMedia(id)!
    const modifiedBefore = before.modificationTime

    edits.renameMedia(id, 'A new title')
    const info = (await call('GetVideoInfo', { VideoId: id })).Video as Record<string, unknown>
    expect(info.Title).toBe('A new title')
    expect(Date.parse(info.ModificationTime as string)).toBeGreaterThan(modifiedBefore)

    const oldSize = before.source.size
    edits.replaceSource(id)
    const mezzanine = (await call('GetMezzanineInfo', { VideoId: id })).Mezzanine as Record<
      string,
      unknown
    >
    expect(mezzanine.Size).not.toBe(oldSize)
    const served = await fetch(mezzanine.FileURL as string)
    expect((await served.arrayBuffer()).byteLength).toBe(mezzanine.Size)

    edits.addRendition(id, 'HD')
    const plays = (
      (await call('GetPlayInfo', { VideoId: id, ResultType: 'Multiple', Formats: 'mp4' }))
        .PlayInfoList as { PlayInfo: Array<{ Definition: string; Status: string; JobId: string }> }
    ).PlayInfo.filter((play) => play.Definition === 'HD')
    expect(plays.filter((play) => play.Status === 'Normal')).toHaveLength(1)
    expect(plays.some((play) => play.Status === 'Invisible')).toBe(true)

    const added = edits.addVideo('Uploaded later')
    expect((await searchAll(call)).at(-1)).toBe(added)

    edits.deleteMedia(id)
    expect(await searchAll(call)).not.toContain(id)
    const infos = await call('GetVideoInfos', { VideoIds: id })
    expect(infos.NonExistVideoIds).toEqual([id])
  })

  it('generates videos with masters of a given size', async () => {
    const { emulator: running, call } = await boot({ extraVideos: 3, extraVideoBytes: 1500 })
    const generated = running.library.videos.filter((video) => video.generated)
    expect(generated).toHaveLength(3)
    const mezzanine = (await call('GetMezzanineInfo', { VideoId: generated[0]!.id }))
      .Mezzanine as Record<string, unknown>
    expect(mezzanine.Size).toBe(1500)
    const served = await fetch(mezzanine.FileURL as string)
    expect((await served.arrayBuffer()).byteLength).toBe(1500)
  })

  it('pages a traversal of many videos from one search, and sees an edit at once', async () => {
    const { emulator: running, call } = await boot({ extraVideos: 2_000 })
    const ids = await searchAll(call)
    expect(new Set(ids).size).toBe(running.library.videos.length)
    running.edits.renameMedia(ids[0]!, 'Renamed while paging')
    const page = await call('SearchMedia', {
      SearchType: 'video',
      Match: "Title = 'Renamed while paging'",
      Fields: 'Title',
    })
    expect((page.MediaList as Listed[]).map((item) => item.MediaId)).toEqual([ids[0]])
  })
})
