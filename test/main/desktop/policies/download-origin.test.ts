import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import {
  downloadOriginOf,
  originUrl,
  planOriginMark,
  quarantineValue,
  stringArrayPlist,
  zoneIdentifierContent,
} from '../../../../src/main/desktop/policies/download-origin'

const origin = {
  hostUrl: 'https://cdn.example.com/video/master.mov',
  referrerUrl: 'https://www.example.com/',
}

describe('originUrl', () => {
  it('keeps scheme, host, port and path, and drops every signature and credential', () => {
    expect(
      originUrl(
        'https://user:pass@cdn.example.com:8443/video/master.mov?auth_key=1700000000-0-0-abcdef&x=1#t=5',
      ),
    ).toBe('https://cdn.example.com:8443/video/master.mov')
    expect(
      originUrl(
        'https://bucket.oss-cn-shanghai.aliyuncs.com/in/a.mp4?OSSAccessKeyId=LTAI5t&Expires=1&Signature=abc%3D&security-token=CAIS',
      ),
    ).toBe('https://bucket.oss-cn-shanghai.aliyuncs.com/in/a.mp4')
  })

  it('drops the stamp and signature segments of CDN signing types B and C', () => {
    expect(
      originUrl('http://cdn.example.com/201508150800/9044548ef1527deadafa49507a8f3c1b/v/test.flv'),
    ).toBe('http://cdn.example.com/v/test.flv')
    expect(
      originUrl('http://cdn.example.com/a37fa50a5fb8f71214b1e7c95ec7a1bd/55CE8100/test.flv'),
    ).toBe('http://cdn.example.com/test.flv')
    // A path that only looks a little like one keeps its segments.
    expect(originUrl('https://cdn.example.com/2015/a37fa50a/test.flv')).toBe(
      'https://cdn.example.com/2015/a37fa50a/test.flv',
    )
  })

  it('refuses anything but http(s)', () => {
    expect(originUrl('file:///etc/passwd')).toBeNull()
    expect(originUrl('data:text/plain,hi')).toBeNull()
    expect(originUrl('not a url')).toBeNull()
  })
})

describe('downloadOriginOf', () => {
  it('takes a URL job address and its Referer header', () => {
    expect(
      downloadOriginOf({
        source: {
          kind: 'url',
          url: 'https://cdn.example.com/video/master.mov?auth_key=secret',
          headers: { referer: 'https://www.example.com/?session=1' },
        },
      }),
    ).toEqual(origin)
  })

  it('has no address for a VOD file, whose signed URL is never kept', () => {
    expect(
      downloadOriginOf({
        source: {
          kind: 'vod',
          reference: { mediaId: 'abc', mediaType: 'video', kind: 'source', outputType: 'cdn' },
          headers: { Referer: 'https://www.example.com/' },
        },
      }),
    ).toEqual({ hostUrl: null, referrerUrl: 'https://www.example.com/' })
  })
})

describe('zoneIdentifierContent', () => {
  it('writes zone 3 with the referrer and host, CRLF-terminated, as browsers do', () => {
    expect(zoneIdentifierContent(origin)).toBe(
      '[ZoneTransfer]\r\nZoneId=3\r\nReferrerUrl=https://www.example.com/\r\nHostUrl=https://cdn.example.com/video/master.mov\r\n',
    )
    expect(zoneIdentifierContent({ hostUrl: null, referrerUrl: null })).toBe(
      '[ZoneTransfer]\r\nZoneId=3\r\nHostUrl=about:internet\r\n',
    )
  })
})

describe('quarantineValue', () => {
  it('is flags;hex seconds;agent; with no event id', () => {
    expect(quarantineValue(Date.UTC(2026, 0, 2, 3, 4, 5, 678))).toBe(
      `0081;${Math.floor(Date.UTC(2026, 0, 2, 3, 4, 5) / 1000).toString(16)};VOD Downloader;`,
    )
    expect(quarantineValue(0x5f3b4c2d * 1000)).toBe('0081;5f3b4c2d;VOD Downloader;')
  })
})

describe('stringArrayPlist', () => {
  it('matches the binary property list Python writes for the same array', () => {
    // plistlib.dumps(['https://cdn.example.com/a.mp4', 'https://www.example.com/'],
    //                fmt=plistlib.FMT_BINARY).hex()
    expect(
      stringArrayPlist(['https://cdn.example.com/a.mp4', 'https://www.example.com/']).toString(
        'hex',
      ),
    ).toBe(
      '62706c6973743030a201025f101d68747470733a2f2f63646e2e6578616d706c652e636f6d2f612e6d70345f101868747470733a2f2f7777772e6578616d706c652e636f6d2f080b2b0000000000000101000000000000000300000000000000000000000000000046',
    )
  })

  const python = spawnSync('python3', ['-c', 'import plistlib'], { encoding: 'utf8' })
  it.skipIf(python.status !== 0)(
    'reads back with Python plistlib, long and non-ASCII strings included',
    () => {
      const values = [
        `https://cdn.example.com/${'a'.repeat(300)}.mp4`,
        'https://例子.测试/视频.mp4',
      ]
      const result = spawnSync(
        'python3',
        [
          '-c',
          'import plistlib,sys,json;print(json.dumps(plistlib.loads(bytes.fromhex(sys.stdin.read()))))',
        ],
        { input: stringArrayPlist(values).toString('hex'), encoding: 'utf8' },
      )
      expect(result.stderr).toBe('')
      expect(JSON.parse(result.stdout)).toEqual(values)
    },
  )
})

describe('planOriginMark', () => {
  const now = 0x5f3b4c2d * 1000

  it('writes the Zone.Identifier stream on Windows', () => {
    expect(
      planOriginMark({ platform: 'win32', filePath: 'D:\\Media\\a.mp4.exe', origin, now }),
    ).toEqual({
      kind: 'zone-identifier',
      streamPath: 'D:\\Media\\a.mp4.exe:Zone.Identifier',
      content: zoneIdentifierContent(origin),
    })
  })

  it('sets the quarantine and Where-from attributes with /usr/bin/xattr on macOS', () => {
    expect(planOriginMark({ platform: 'darwin', filePath: '/Users/a/x.mp4', origin, now })).toEqual(
      {
        kind: 'xattr',
        commands: [
          {
            file: '/usr/bin/xattr',
            args: ['-w', 'com.apple.quarantine', '0081;5f3b4c2d;VOD Downloader;', '/Users/a/x.mp4'],
          },
          {
            file: '/usr/bin/xattr',
            args: [
              '-wx',
              'com.apple.metadata:kMDItemWhereFroms',
              stringArrayPlist([origin.hostUrl, origin.referrerUrl]).toString('hex'),
              '/Users/a/x.mp4',
            ],
          },
        ],
      },
    )
    const vod = planOriginMark({
      platform: 'darwin',
      filePath: '/Users/a/x.mp4',
      origin: { hostUrl: null, referrerUrl: null },
      now,
    })
    expect(vod.kind === 'xattr' && vod.commands.map((command) => command.args[1])).toEqual([
      'com.apple.quarantine',
    ])
    expect(planOriginMark({ platform: 'darwin', filePath: '-rf', origin, now })).toEqual({
      kind: 'none',
    })
  })

  it('writes nothing on Linux', () => {
    expect(planOriginMark({ platform: 'linux', filePath: '/home/a/x.mp4', origin, now })).toEqual({
      kind: 'none',
    })
  })
})
