import { describe, expect, it } from 'vitest'
import { buildQuery } from '../../../../src/main/vod/actions/common'
import { getImageInfosQuery } from '../../../../src/main/vod/actions/get-image-info'
import { getMezzanineInfoQuery } from '../../../../src/main/vod/actions/get-mezzanine-info'
import { getPlayInfoQuery } from '../../../../src/main/vod/actions/get-play-info'
import { getVideoInfosQuery } from '../../../../src/main/vod/actions/get-video-info'
import { listSnapshotsQuery } from '../../../../src/main/vod/actions/list-snapshots'
import { searchMediaQuery } from '../../../../src/main/vod/actions/search-media'

describe('queries', () => {
  it('never sends absent values (the server would read "undefined")', () => {
    expect(buildQuery({ A: 'x', B: undefined, C: '', D: 0 })).toEqual({ A: 'x', D: '0' })
  })

  it('builds GetPlayInfo with lists and a PlayConfig JSON', () => {
    expect(
      getPlayInfoQuery({
        videoId: 'v',
        formats: ['mp4', 'm3u8'],
        definitions: ['HD'],
        streamTypes: ['video'],
        resultType: 'Multiple',
        outputType: 'oss',
        authTimeout: 3600,
        playConfig: { mtsHlsUriToken: 'token', encryptType: 'HLSEncryption' },
      }),
    ).toEqual({
      VideoId: 'v',
      Formats: 'mp4,m3u8',
      Definition: 'HD',
      StreamType: 'video',
      ResultType: 'Multiple',
      OutputType: 'oss',
      AuthTimeout: '3600',
      PlayConfig: '{"MtsHlsUriToken":"token","EncryptType":"HLSEncryption"}',
    })
    expect(getPlayInfoQuery({ videoId: 'v', formats: [], playConfig: {} })).toEqual({
      VideoId: 'v',
    })
  })

  it('builds the other actions', () => {
    expect(getMezzanineInfoQuery({ videoId: 'v', outputType: 'cdn', authTimeout: 60 })).toEqual({
      VideoId: 'v',
      OutputType: 'cdn',
      AuthTimeout: '60',
    })
    expect(getVideoInfosQuery(['a', 'b'])).toEqual({ VideoIds: 'a,b' })
    expect(getImageInfosQuery({ imageIds: ['a', 'b'], outputType: 'oss' })).toEqual({
      ImageIds: 'a,b',
      OutputType: 'oss',
    })
    expect(
      listSnapshotsQuery({
        videoId: 'v',
        snapshotType: 'WebVttSnapshot',
        pageNo: 2,
        pageSize: 100,
      }),
    ).toEqual({ VideoId: 'v', SnapshotType: 'WebVttSnapshot', PageNo: '2', PageSize: '100' })
    expect(
      searchMediaQuery({
        searchType: 'video',
        match: "Title = 'cat'",
        fields: ['Title', 'CoverURL'],
        sortBy: 'CreationTime:Desc',
        pageNo: 1,
        pageSize: 100,
        scrollToken: 'tok',
      }),
    ).toEqual({
      SearchType: 'video',
      Match: "Title = 'cat'",
      Fields: 'Title,CoverURL',
      SortBy: 'CreationTime:Desc',
      PageNo: '1',
      PageSize: '100',
      ScrollToken: 'tok',
    })
  })
})
