/**
 * Replies shaped like the real service (vod-api §2): wrapped vs bare arrays per action,
 * numbers where the SDK model has numbers and strings where it has strings (Bitrate, Duration
 * and FileSize are strings), plus an unknown extra field or two.
 */

export const videoId = '93ab850b4f654b6e91d24d81d44aa001'
export const imageId = 'bbc65bba53fed90de118a7849d79c002'

const cdn = 'http://vod.example.com'
const oss = 'https://outin-4c4b8a0f.oss-cn-shanghai.aliyuncs.com'
const input = 'https://in-201703232118266-5sejdln9o.oss-cn-shanghai.aliyuncs.com'
const authKey = (path: string) =>
  `${cdn}${path}?auth_key=1893456000-0-0-80cd3862d699b7118eed99103f2a3a4f`
const signed = (base: string, path: string) =>
  `${base}${path}?Expires=1893456000&OSSAccessKeyId=LTAIexample&Signature=c2lnbmF0dXJl%3D`

export const getVideoInfoReply = {
  RequestId: 'A7A2D2B8-0001',
  Video: {
    VideoId: videoId,
    Title: '猫咪 Demo',
    Description: 'a cat',
    CoverURL: authKey('/image/cover/cover-1.jpg'),
    Duration: 135.6,
    Size: 10897890,
    Status: 'Normal',
    AuditStatus: 'Normal',
    CateId: 3,
    CateName: 'pets',
    Tags: 'cat,demo',
    CreationTime: '2024-01-01T00:00:00Z',
    ModificationTime: '2024-01-01T00:10:00Z',
    StorageLocation: 'outin-4c4b8a0f.oss-cn-shanghai.aliyuncs.com',
    RegionId: 'cn-shanghai',
    AppId: 'app-1000000',
    TemplateGroupId: 'b4039216985f4312a5382a4ed0000000',
    DownloadSwitch: 'on',
    StorageClass: 'Standard',
    Snapshots: { Snapshot: [authKey('/snapshot/1.jpg'), authKey('/snapshot/2.jpg')] },
    SomethingNew: { nested: true },
  },
}

export const getVideoInfosReply = {
  RequestId: 'A7A2D2B8-0002',
  VideoList: [{ ...getVideoInfoReply.Video, Snapshots: [authKey('/snapshot/1.jpg')] }],
  NonExistVideoIds: ['missing-1'],
}

export const getMezzanineInfoReply = {
  RequestId: 'A7A2D2B8-0003',
  Mezzanine: {
    VideoId: videoId,
    FileName: 'D:\\uploads\\cat master.mov',
    FileURL: signed(oss, '/original/cat.mov'),
    Size: 10897890,
    Duration: '135.6',
    Bitrate: '642.5',
    Fps: '25',
    Width: 1920,
    Height: 1080,
    Status: 'Normal',
    CreationTime: '2024-01-01T00:00:00Z',
    OutputType: 'oss',
    PreprocessStatus: 'UnPreprocess',
    StorageClass: 'Standard',
    FileMD5: 'D41D8CD98F00B204E9800998ECF8427E',
    CRC64: '461bb6d0f24c0e24d65',
    VideoStreamList: [{ Index: '0', CodecName: 'h264' }],
    AudioStreamList: [{ Index: '1', CodecName: 'aac' }],
  },
}

const playInfo = {
  Bitrate: '450.878',
  Duration: '135.6',
  Encrypt: 0,
  StreamType: 'video',
  Fps: '25',
  CreationTime: '2024-01-01T00:05:00Z',
  ModificationTime: '2024-01-01T00:06:00Z',
  NarrowBandType: '0',
  Specification: 'H264.LD',
}

export const getPlayInfoReply = {
  RequestId: 'A7A2D2B8-0004',
  VideoBase: {
    VideoId: videoId,
    Title: '猫咪 Demo',
    CoverURL: authKey('/image/cover/cover-1.jpg'),
    Duration: '135.6',
    Status: 'Normal',
    MediaType: 'video',
    CreationTime: '2024-01-01T00:00:00Z',
    OutputType: 'cdn',
  },
  PlayInfoList: {
    PlayInfo: [
      {
        ...playInfo,
        PlayURL: authKey('/sv/hd.mp4'),
        Definition: 'HD',
        Format: 'mp4',
        Size: 40_000_000,
        Width: 1920,
        Height: 1080,
        JobId: 'job-hd-mp4-new',
        Status: 'Normal',
      },
      {
        ...playInfo,
        PlayURL: authKey('/sv/hd-old.mp4'),
        Definition: 'HD',
        Format: 'mp4',
        Size: 39_000_000,
        Width: 1920,
        Height: 1080,
        JobId: 'job-hd-mp4-old',
        Status: 'Invisible',
        ModificationTime: '2023-12-01T00:00:00Z',
      },
      {
        ...playInfo,
        PlayURL: authKey('/sv/sd.mp4'),
        Definition: 'SD',
        Format: 'mp4',
        Size: '9000000',
        Width: '1280',
        Height: 720,
        JobId: 'job-sd-mp4',
        Status: 'Normal',
      },
      {
        ...playInfo,
        PlayURL: authKey('/sv/hd.m3u8'),
        Definition: 'HD',
        Format: 'm3u8',
        Size: 41_000_000,
        Width: 1920,
        Height: 1080,
        Encrypt: 1,
        EncryptType: 'AliyunVoDEncryption',
        JobId: 'job-hd-m3u8-private',
        Status: 'Normal',
      },
      {
        ...playInfo,
        PlayURL: authKey('/sv/ld.m3u8'),
        Definition: 'LD',
        Format: 'm3u8',
        Size: 3_000_000,
        Width: 640,
        Height: 360,
        Encrypt: 1,
        EncryptType: 'HLSEncryption',
        JobId: 'job-ld-m3u8-aes',
        Status: 'Normal',
      },
      {
        ...playInfo,
        PlayURL: authKey('/sv/hq.mp3'),
        Definition: 'HQ',
        Format: 'mp3',
        Size: 2_000_000,
        StreamType: 'audio',
        JobId: 'job-hq-mp3',
        Status: 'Normal',
      },
    ],
  },
}

/** One ListSnapshots page; `firstIndex` numbers its items as the service does (1-based overall). */
export const listSnapshotsReply = (
  urls: readonly string[],
  total = urls.length,
  firstIndex = 1,
) => ({
  RequestId: 'A7A2D2B8-0005',
  MediaSnapshot: {
    Total: total,
    Regular: `${cdn}/snapshot/normal-{SnapshotCount}.jpg`,
    CreationTime: '2024-01-01T00:07:00Z',
    JobId: 'snapshot-job',
    Snapshots: { Snapshot: urls.map((url, index) => ({ Index: firstIndex + index, Url: url })) },
  },
})

export const snapshotUrl = (type: string, index: number) =>
  authKey(`/snapshot/${type}-${index}.${type === 'webvtt' ? 'vtt' : 'jpg'}`)

export const getImageInfoReply = {
  RequestId: 'A7A2D2B8-0006',
  ImageInfo: {
    ImageId: imageId,
    Title: 'poster',
    Description: '',
    ImageType: 'default',
    Status: 'Normal',
    CateId: 0,
    Tags: '',
    AppId: 'app-1000000',
    StorageLocation: 'outin-4c4b8a0f.oss-cn-shanghai.aliyuncs.com',
    CreationTime: '2024-01-02T00:00:00Z',
    URL: authKey('/image/default/poster.png'),
    Mezzanine: {
      FileURL: signed(oss, '/image/default/poster.png'),
      OriginalFileName: 'poster.png',
      FileSize: '204800',
      Width: 800,
      Height: 600,
    },
  },
}

export const getImageInfosReply = {
  RequestId: 'A7A2D2B8-0007',
  ImageInfo: [getImageInfoReply.ImageInfo],
  NonExistImageIds: ['missing-image'],
}

export const searchMediaReply = {
  RequestId: 'A7A2D2B8-0008',
  Total: 2,
  ScrollToken: '24e0fba7188fae707e146esa54****',
  MediaList: [
    {
      MediaType: 'video',
      MediaId: videoId,
      CreationTime: '2024-01-01T00:00:00Z',
      Video: {
        VideoId: videoId,
        Title: '猫咪 Demo',
        CoverURL: authKey('/image/cover/cover-1.jpg'),
        Duration: 135.6,
        Size: 10897890,
        Status: 'Normal',
        StorageLocation: 'outin-4c4b8a0f.oss-cn-shanghai.aliyuncs.com',
        Snapshots: [authKey('/snapshot/1.jpg')],
        SpriteSnapshots: [],
      },
    },
    {
      MediaType: 'image',
      MediaId: imageId,
      CreationTime: '2024-01-02T00:00:00Z',
      Image: { ImageId: imageId, Title: 'poster', URL: authKey('/image/default/poster.png') },
    },
  ],
}

/** A source-only video kept in the input bucket. */
export const inputBucketMezzanineReply = {
  RequestId: 'A7A2D2B8-0009',
  Mezzanine: {
    ...getMezzanineInfoReply.Mezzanine,
    FileName: 'raw.mp4',
    FileURL: signed(input, '/sv/raw.mp4'),
    FileMD5: undefined,
    CRC64: '4486016186932489225',
  },
}
