import { describe, expect, it } from 'vitest'
import { VodClient } from '../../../src/main/vod/client'
import { FakeTransport, serverError } from './fake-transport'
import {
  getImageInfosReply,
  getPlayInfoReply,
  getVideoInfoReply,
  getVideoInfosReply,
  listSnapshotsReply,
} from './fixtures'

function clientFor(transport: FakeTransport, delays: number[] = []) {
  return new VodClient({
    transport,
    random: () => 0.5,
    sleep: (ms) => {
      delays.push(ms)
      return Promise.resolve()
    },
  })
}

function searchPage(ids: readonly string[], total: number, scrollToken?: string) {
  return {
    RequestId: 'R',
    Total: total,
    ...(scrollToken ? { ScrollToken: scrollToken } : {}),
    MediaList: ids.map((id) => ({ MediaType: 'video', MediaId: id, Video: { VideoId: id } })),
  }
}

/**
 * A searchable library in the service's manner: newest first, PageNo/PageSize within the first
 * 5,000, a ScrollToken per page, and the `CreationTime = [,'t']` bound. `second(index)` gives
 * each item's creation second (descending order follows it, ties by index).
 */
function catalogue(count: number, second: (index: number) => number) {
  const epoch = Date.UTC(2026, 0, 1)
  const timeOf = (index: number) =>
    new Date(epoch - second(index) * 1000).toISOString().replace('.000Z', 'Z')
  const items = Array.from({ length: count }, (_, index) => ({
    id: `m${String(index).padStart(5, '0')}`,
    time: timeOf(index),
  }))
  return {
    ids: items.map((item) => item.id),
    timeOf,
    page(query: Record<string, string>) {
      const bound = /CreationTime = \[,'([^']+)'\]/.exec(query.Match ?? '')?.[1]
      const matching = items.filter((item) => !bound || Date.parse(item.time) <= Date.parse(bound))
      const pageSize = Number(query.PageSize)
      const offset = query.ScrollToken
        ? Number(query.ScrollToken.slice(1)) * pageSize
        : (Number(query.PageNo) - 1) * pageSize
      if (!query.ScrollToken && offset + pageSize > 5000) throw serverError(400, 'InvalidParameter')
      const slice = matching.slice(offset, offset + pageSize)
      return {
        RequestId: 'R',
        Total: matching.length,
        ...(query.SearchType === 'image' ? {} : { ScrollToken: `t${offset / pageSize + 1}` }),
        MediaList: slice.map((item) => ({
          MediaType: query.SearchType,
          MediaId: item.id,
          CreationTime: item.time,
        })),
      }
    },
  }
}

describe('VodClient retries', () => {
  it('retries throttled calls with growing, jittered waits, then succeeds', async () => {
    const transport = new FakeTransport().on('GetVideoInfo', (_query, call) => {
      if (call <= 2) throw serverError(400, 'Throttling.User')
      return getVideoInfoReply
    })
    const delays: number[] = []
    const video = await clientFor(transport, delays).getVideoInfo('v')
    expect(video.title).toBe('猫咪 Demo')
    expect(delays).toEqual([375, 750])
    expect(transport.calls).toHaveLength(3)
  })

  it('follows a retry-after hint and gives up after the last attempt', async () => {
    const transport = new FakeTransport().on('GetVideoInfo', () => {
      throw serverError(503, 'Throttling', { retryAfter: 1234 })
    })
    const delays: number[] = []
    await expect(clientFor(transport, delays).getVideoInfo('v')).rejects.toMatchObject({
      code: 'Throttled',
      serverCode: 'Throttling',
      requestId: 'REQ-1',
    })
    expect(delays).toEqual([1234, 1234, 1234, 1234])
    expect(transport.calls).toHaveLength(5)
  })

  it('does not retry other errors', async () => {
    const transport = new FakeTransport().on('GetVideoInfo', () => {
      throw serverError(404, 'InvalidVideo.NotFound')
    })
    await expect(clientFor(transport).getVideoInfo('v')).rejects.toMatchObject({ code: 'NotFound' })
    expect(transport.calls).toHaveLength(1)
  })

  it('sends a replayed request (SignatureNonceUsed) again at once, with a fresh nonce', async () => {
    const transport = new FakeTransport().on('GetVideoInfo', (_query, call) => {
      if (call === 1) throw serverError(400, 'SignatureNonceUsed')
      return getVideoInfoReply
    })
    const delays: number[] = []
    const video = await clientFor(transport, delays).getVideoInfo('v')
    expect(video.title).toBe('猫咪 Demo')
    expect(delays).toEqual([75])
    expect(transport.calls).toHaveLength(2)
  })

  it('retries server errors (5xx, ServiceUnavailable) three times at most', async () => {
    const transport = new FakeTransport().on('GetVideoInfo', (_query, call) => {
      throw call === 1 ? serverError(503, 'ServiceUnavailable') : serverError(500, 'InternalError')
    })
    const delays: number[] = []
    await expect(clientFor(transport, delays).getVideoInfo('v')).rejects.toMatchObject({
      code: 'ServerError',
      serverCode: 'InternalError',
    })
    expect(delays).toEqual([375, 750])
    expect(transport.calls).toHaveLength(3)
  })

  it('stops with Canceled when the signal fires', async () => {
    const transport = new FakeTransport().on('GetVideoInfo', () => new Promise(() => {}))
    const controller = new AbortController()
    const pending = clientFor(transport).getVideoInfo('v', { signal: controller.signal })
    controller.abort()
    await expect(pending).rejects.toMatchObject({ code: 'Canceled' })
  })
})

describe('VodClient batches', () => {
  it('asks GetVideoInfos 20 ids at a time, once per id', async () => {
    const transport = new FakeTransport().on('GetVideoInfos', () => getVideoInfosReply)
    const ids = Array.from({ length: 45 }, (_, index) => `id-${index}`)
    const result = await clientFor(transport).getVideoInfos([...ids, 'id-0'])
    expect(
      transport.callsOf('GetVideoInfos').map((query) => query.VideoIds?.split(',').length),
    ).toEqual([20, 20, 5])
    expect(result.videos).toHaveLength(3)
    expect(result.missingVideoIds).toEqual(['missing-1', 'missing-1', 'missing-1'])
  })

  it('asks GetImageInfos 20 ids at a time with the address options', async () => {
    const transport = new FakeTransport().on('GetImageInfos', () => getImageInfosReply)
    const imageIds = Array.from({ length: 21 }, (_, index) => `img-${index}`)
    await clientFor(transport).getImageInfos({ imageIds, outputType: 'oss', authTimeout: 7200 })
    expect(transport.callsOf('GetImageInfos')).toEqual([
      { ImageIds: imageIds.slice(0, 20).join(','), OutputType: 'oss', AuthTimeout: '7200' },
      { ImageIds: 'img-20', OutputType: 'oss', AuthTimeout: '7200' },
    ])
  })

  it('asks GetPlayInfo as told', async () => {
    const transport = new FakeTransport().on('GetPlayInfo', () => getPlayInfoReply)
    const reply = await clientFor(transport).getPlayInfo({ videoId: 'v', resultType: 'Multiple' })
    expect(reply.playInfos).toHaveLength(6)
    expect(transport.callsOf('GetPlayInfo')).toEqual([{ VideoId: 'v', ResultType: 'Multiple' }])
  })
})

describe('VodClient.searchAll', () => {
  it('follows the ScrollToken past the 5,000 window and stops on a short page', async () => {
    const total = 5150
    const transport = new FakeTransport().on('SearchMedia', (query) => {
      const pageNo = Number(query.PageNo)
      const start = (pageNo - 1) * 100
      const ids = Array.from({ length: Math.min(100, total - start) }, (_, i) => `v${start + i}`)
      return searchPage(ids, total, `token-${pageNo}`)
    })
    const seen: string[] = []
    for await (const item of clientFor(transport).searchAll({
      searchType: 'video',
      sortBy: 'CreationTime:Asc',
    })) {
      seen.push(item.mediaId)
    }
    expect(seen).toHaveLength(total)
    expect(new Set(seen).size).toBe(total)
    const queries = transport.callsOf('SearchMedia')
    expect(queries).toHaveLength(52)
    expect(queries[0]).toEqual({
      SearchType: 'video',
      SortBy: 'CreationTime:Asc',
      PageNo: '1',
      PageSize: '100',
    })
    expect(queries[51]).toMatchObject({ PageNo: '52', ScrollToken: 'token-51' })
  })

  it('stops at Total even when the last page is full', async () => {
    const transport = new FakeTransport().on('SearchMedia', (query) =>
      searchPage(
        Array.from({ length: 2 }, (_, i) => `${String(query.PageNo)}-${i}`),
        4,
        't',
      ),
    )
    const seen: string[] = []
    for await (const item of clientFor(transport).searchAll({ searchType: 'audio', pageSize: 2 })) {
      seen.push(item.mediaId)
    }
    expect(seen).toEqual(['1-0', '1-1', '2-0', '2-1'])
  })

  it('goes past the 5,000 window of an image search by resuming at the last creation time', async () => {
    // 5,150 images, three of them created in the second where the first window ends.
    const library = catalogue(5150, (index) => (index >= 4998 && index <= 5000 ? 4998 : index))
    const transport = new FakeTransport().on('SearchMedia', (query) => library.page(query))
    const seen: string[] = []
    for await (const item of clientFor(transport).searchAll({ searchType: 'image' })) {
      seen.push(item.mediaId)
    }
    expect(seen).toEqual(library.ids)
    const queries = transport.callsOf('SearchMedia')
    expect(queries.every((query) => query.ScrollToken === undefined)).toBe(true)
    expect(queries[50]).toMatchObject({
      PageNo: '1',
      Match: `CreationTime = [,'${library.timeOf(4998)}']`,
    })
  })

  it('resumes from the last item when the ScrollToken expires, with no duplicate and no gap', async () => {
    const library = catalogue(450, (index) => index - (index % 2))
    const transport = new FakeTransport().on('SearchMedia', (query, call) => {
      if (call === 3) throw serverError(400, 'InvalidScrollToken.Expired')
      return library.page(query)
    })
    const seen: string[] = []
    for await (const item of clientFor(transport).searchAll({
      searchType: 'video',
      match: "Status = 'Normal'",
    })) {
      seen.push(item.mediaId)
    }
    expect(seen).toEqual(library.ids)
    const queries = transport.callsOf('SearchMedia')
    expect(queries[2]).toMatchObject({ ScrollToken: 't2' })
    expect(queries[3]).toMatchObject({
      PageNo: '1',
      Match: `Status = 'Normal' and CreationTime = [,'${library.timeOf(198)}']`,
    })
    expect(queries[3]?.ScrollToken).toBeUndefined()
  })

  it('fails with SearchWindowFull when more than a window of items share one second', async () => {
    const library = catalogue(5200, () => 7)
    const transport = new FakeTransport().on('SearchMedia', (query) => library.page(query))
    let count = 0
    const run = async () => {
      for await (const _item of clientFor(transport).searchAll({ searchType: 'image' })) count += 1
    }
    await expect(run()).rejects.toMatchObject({ code: 'SearchWindowFull' })
    expect(count).toBe(5000)
  })

  it('ends at the window when the items carry no sort value to resume from', async () => {
    const transport = new FakeTransport().on('SearchMedia', (query) =>
      searchPage(
        Array.from({ length: 100 }, (_, i) => `${String(query.PageNo)}-${i}`),
        9000,
      ),
    )
    let count = 0
    for await (const _item of clientFor(transport).searchAll({ searchType: 'video' })) count += 1
    expect(count).toBe(5000)
  })

  it('makes no further calls once the consumer stops', async () => {
    const transport = new FakeTransport().on('SearchMedia', () =>
      searchPage(
        Array.from({ length: 100 }, (_, i) => `x${i}`),
        1000,
        't',
      ),
    )
    for await (const item of clientFor(transport).searchAll({ searchType: 'video' })) {
      if (item.mediaId === 'x5') break
    }
    expect(transport.calls).toHaveLength(1)
  })

  it('refuses more than one sort field', async () => {
    const iterator = clientFor(new FakeTransport()).searchAll({
      searchType: 'video',
      sortBy: 'CreationTime:Desc,ModificationTime:Desc',
    })
    await expect(iterator.next()).rejects.toMatchObject({ code: 'InvalidInput' })
  })
})

describe('VodClient snapshots', () => {
  it('pages through one type and raises AuthTimeout to 3600', async () => {
    const urls = Array.from({ length: 150 }, (_, i) => `http://cdn.example.com/s/${i + 1}.jpg`)
    const transport = new FakeTransport().on('ListSnapshots', (query) => {
      const start = (Number(query.PageNo) - 1) * 100
      return listSnapshotsReply(urls.slice(start, start + 100), urls.length, start + 1)
    })
    const list = await clientFor(transport).listSnapshots({
      videoId: 'v',
      snapshotType: 'NormalSnapshot',
      authTimeout: 60,
    })
    expect(list.snapshots).toHaveLength(150)
    expect(list.snapshots[149]).toEqual({ index: 150, url: urls[149] })
    expect(list.jobId).toBe('snapshot-job')
    expect(transport.callsOf('ListSnapshots')).toEqual([
      {
        VideoId: 'v',
        SnapshotType: 'NormalSnapshot',
        PageNo: '1',
        PageSize: '100',
        AuthTimeout: '3600',
      },
      {
        VideoId: 'v',
        SnapshotType: 'NormalSnapshot',
        PageNo: '2',
        PageSize: '100',
        AuthTimeout: '3600',
      },
    ])
  })

  it('reads NoSuchResource as "none of this type" but fails for a missing video', async () => {
    const transport = new FakeTransport().on('ListSnapshots', (query) => {
      if (query.SnapshotType === 'SpriteSnapshot') throw serverError(404, 'NoSuchResource')
      return listSnapshotsReply(['http://cdn.example.com/s/1.jpg'])
    })
    const lists = await clientFor(transport).listAllSnapshots('v')
    expect(lists.map((list) => [list.snapshotType, list.snapshots.length])).toEqual([
      ['CoverSnapshot', 1],
      ['NormalSnapshot', 1],
      ['SpriteSnapshot', 0],
      ['SpriteOriginSnapshot', 1],
      ['WebVttSnapshot', 1],
    ])
    const missing = new FakeTransport().on('ListSnapshots', () => {
      throw serverError(404, 'InvalidVideo.NotFound')
    })
    await expect(clientFor(missing).listAllSnapshots('v')).rejects.toMatchObject({
      code: 'NotFound',
    })
  })
})
