import { describe, expect, it } from 'vitest'
import { csvHead, csvRows, type ExportDescription } from '../../../src/main/lists/export-format'
import type { ExportRow } from '../../../src/main/lists/export-rows'
import { detectListFormat, parseImportList } from '../../../src/main/lists/import-list'

const idA = '93ab850b4f654b6e91d24d81d44d3a1e'
const idB = '5aed0c5e8e6f4d0f9c1a2b3c4d5eaf4b'

describe('plain lists', () => {
  it('reads ids and URLs with optional file names, skipping blank lines, comments, a BOM and CRLF', () => {
    const text = [
      '\uFEFF# editors’ picks',
      idA,
      '',
      `  ${idB.toUpperCase()}\t纪录片《江南》母版.mov  `,
      '   # indented comment',
      'https://cdn.example.com/a/clip.mp4?auth_key=1-0-0-abc   my clip, take 2.mp4',
    ].join('\r\n')
    const parsed = parseImportList(text, 'text')
    expect(parsed.problems).toEqual([])
    expect(parsed.entries).toEqual([
      { line: 2, target: { kind: 'media', mediaId: idA } },
      {
        line: 4,
        target: { kind: 'media', mediaId: idB },
        fileName: '纪录片《江南》母版.mov',
      },
      {
        line: 6,
        target: { kind: 'url', url: 'https://cdn.example.com/a/clip.mp4?auth_key=1-0-0-abc' },
        fileName: 'my clip, take 2.mp4',
      },
    ])
  })

  it('reports each bad line with its number and keeps the good ones', () => {
    const text = [
      idA,
      'not-an-id',
      `${idA.slice(0, 31)}`,
      'ftp://files.example.com/a.mp4',
      `${idB},name.mp4,source`,
      'https://example.com/b.mp4?Signature=c2VjcmV0',
    ].join('\n')
    const parsed = parseImportList(text, 'text')
    expect(parsed.entries.map((entry) => entry.line)).toEqual([1, 6])
    expect(parsed.problems.map((problem) => problem.line)).toEqual([2, 3, 4, 5])
    expect(parsed.problems[0]?.message).toMatch(/not a media id or an http\(s\) URL: "not-an-id"/)
    expect(parsed.problems[3]?.message).toMatch(/\.csv/)
  })

  it('never repeats a signature in a message', () => {
    const parsed = parseImportList('https//bad?Signature=c2VjcmV0&OSSAccessKeyId=key', 'text')
    expect(parsed.problems).toHaveLength(1)
    expect(parsed.problems[0]?.message).not.toContain('c2VjcmV0')
  })
})

describe('CSV lists', () => {
  it('reads a header in any order and case, ignoring unknown columns', () => {
    const text = [
      'Title,File Name,KIND,media_id,Definition,format,index',
      `"Q&A: ""What's next?"", 2026","a, b.mp4",Rendition,${idA},hd,MP4,`,
      `x,,snapshot,${idB},,,3`,
    ].join('\r\n')
    const parsed = parseImportList(text, 'csv')
    expect(parsed.problems).toEqual([])
    expect(parsed.entries).toEqual([
      {
        line: 2,
        target: { kind: 'media', mediaId: idA },
        fileName: 'a, b.mp4',
        choice: { word: 'rendition', kinds: ['rendition'], everything: false },
        definition: 'HD',
        format: 'mp4',
      },
      {
        line: 3,
        target: { kind: 'media', mediaId: idB },
        choice: { word: 'snapshot', kinds: ['snapshot'], everything: false },
        index: 3,
      },
    ])
  })

  it('prefers the media id to the URL of the same row, and takes the URL when there is no id', () => {
    const text = [
      'mediaId,url',
      `${idA},https://cdn.example.com/x.mp4`,
      ',https://cdn.example.com/y.mp4',
    ].join('\n')
    expect(parseImportList(text, 'csv').entries.map((entry) => entry.target)).toEqual([
      { kind: 'media', mediaId: idA },
      { kind: 'url', url: 'https://cdn.example.com/y.mp4' },
    ])
  })

  it('reads a headerless CSV as target, fileName, kind, definition, format', () => {
    const parsed = parseImportList(
      `${idA},clip.mp4,rendition,SD,m3u8\nhttps://e.com/a.jpg,a.jpg\n`,
      'csv',
    )
    expect(parsed.entries).toEqual([
      {
        line: 1,
        target: { kind: 'media', mediaId: idA },
        fileName: 'clip.mp4',
        choice: { word: 'rendition', kinds: ['rendition'], everything: false },
        definition: 'SD',
        format: 'm3u8',
      },
      { line: 2, target: { kind: 'url', url: 'https://e.com/a.jpg' }, fileName: 'a.jpg' },
    ])
  })

  it('reports bad rows by line number: unknown kind, bad id, bad values, broken quoting', () => {
    const text = [
      'mediaId,fileName,kind,definition,format,index',
      `${idA},ok.mp4,source,,,`,
      `${idA},x.mp4,thumbnails,,,`,
      'nope,x.mp4,source,,,',
      `${idA},,rendition,H D,,`,
      `${idA},,rendition,HD,mp 4,`,
      `${idA},,snapshot,,,0`,
      ',name-only.mp4,,,,',
      `${idB},"multi`,
      `line name.mp4",source,,,`,
      `${idA},"bad"quote,source,,,`,
      ',,,,,',
      `${idB},"never closed,source`,
    ].join('\n')
    const parsed = parseImportList(text, 'csv')
    expect(parsed.entries.map((entry) => [entry.line, entry.fileName])).toEqual([
      [2, 'ok.mp4'],
      [9, 'multi\nline name.mp4'],
    ])
    expect(parsed.problems.map((problem) => problem.line)).toEqual([3, 4, 5, 6, 7, 8, 11, 13])
    expect(parsed.problems[0]?.message).toMatch(
      /unknown kind "thumbnails" \(expected one of source/,
    )
    expect(parsed.problems[1]?.message).toMatch(/not a media id: "nope"/)
    expect(parsed.problems[5]?.message).toMatch(/no media id or URL/)
    expect(parsed.problems[6]?.message).toMatch(/closing quote/)
    expect(parsed.problems[7]?.message).toMatch(/never closed/)
  })

  it('reads back the CSV that vod export writes', () => {
    const description: ExportDescription = {
      exportedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
      addressType: 'cdn',
      authTimeoutSeconds: 3600,
      selection: { mediaType: 'video', file: 'all' },
    }
    const rows: ExportRow[] = [
      {
        mediaId: idA,
        mediaType: 'video',
        title: '=cmd, "quoted"\nnew line',
        kind: 'rendition',
        definition: 'HD',
        format: 'mp4',
        size: 10,
        fileName: '-draft.HD.mp4',
        url: 'https://cdn.example.com/hd.mp4?auth_key=1-0-0-abc',
        expiresAt: Date.UTC(2026, 0, 2, 4, 4, 5),
      },
      { mediaId: idB, mediaType: 'video', title: '', kind: 'sprite', index: 2 },
    ]
    const text = csvHead(description) + csvRows(rows)
    expect(detectListFormat('addresses.txt', text)).toBe('csv')
    const parsed = parseImportList(text, 'csv')
    expect(parsed.problems).toEqual([])
    expect(parsed.entries).toEqual([
      {
        line: 4,
        target: { kind: 'media', mediaId: idA },
        fileName: '-draft.HD.mp4',
        choice: { word: 'rendition', kinds: ['rendition'], everything: false },
        definition: 'HD',
        format: 'mp4',
      },
      {
        line: 6,
        target: { kind: 'media', mediaId: idB },
        choice: { word: 'sprite', kinds: ['sprite'], everything: false },
        index: 2,
      },
    ])
  })
})

describe('detectListFormat', () => {
  it('takes .csv names and header rows as CSV, everything else as plain text', () => {
    expect(detectListFormat('ids.CSV', idA)).toBe('csv')
    expect(detectListFormat('ids.txt', `# list\n\nmediaId,fileName\n${idA},a.mp4`)).toBe('csv')
    expect(detectListFormat('ids.txt', `"URL","name"\nhttps://e.com/a,a`)).toBe('csv')
    expect(detectListFormat('ids.txt', `${idA},a.mp4`)).toBe('text')
    expect(detectListFormat('ids.txt', `${idA}\tmedia id, url.mp4`)).toBe('text')
    expect(detectListFormat('ids', '')).toBe('text')
  })
})
