import { mkdtemp, rm, writeFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import iconv from 'iconv-lite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/errors'
import {
  decodeNameBytes,
  fileNameFromUrl,
  numberedFileName,
  percentDecode,
  resolveInside,
  sanitizeFileName,
  sanitizeRelativePath,
  trySanitizeFileName,
} from '../../../src/main/engine/file-name'

const byteLength = (text: string): number => Buffer.byteLength(text)

describe('sanitizeFileName', () => {
  it('keeps Chinese and other ordinary names intact', () => {
    expect(sanitizeFileName('中文 视频 第1集.mp4')).toBe('中文 视频 第1集.mp4')
    expect(sanitizeFileName('Ünïcödé – ok (1080p).mkv')).toBe('Ünïcödé – ok (1080p).mkv')
    expect(sanitizeFileName('.bashrc')).toBe('.bashrc')
    expect(sanitizeFileName('😀 emoji.png')).toBe('😀 emoji.png')
  })

  it('normalises to NFC', () => {
    const decomposed = 'cafe\u0301.mp4'
    expect(sanitizeFileName(decomposed)).toBe('caf\u00e9.mp4')
  })

  it('replaces characters Windows forbids and drops control characters', () => {
    expect(sanitizeFileName('a<b>c:d"e/f\\g|h?i*j.mp4')).toBe('a_b_c_d_e_f_g_h_i_j.mp4')
    expect(sanitizeFileName('tab\there\u0000nul\u001fend\u007f.mp4')).toBe('tabherenulend.mp4')
  })

  it('drops bidirectional overrides that disguise an extension', () => {
    expect(sanitizeFileName('clip\u202egnp.exe')).toBe('clipgnp.exe')
  })

  it('replaces lone surrogates, which UTF-8 cannot carry', () => {
    expect(sanitizeFileName('a\ud800b.mp4')).toBe('a\ufffdb.mp4')
  })

  it('strips trailing dots and spaces and leading spaces', () => {
    expect(sanitizeFileName('  name. . ')).toBe('name')
    expect(sanitizeFileName('movie.mp4.')).toBe('movie.mp4')
  })

  it.each(['', '.', '..', '...', ' . ', '\u0000', '\u202e'])('uses the fallback for %j', (name) => {
    expect(sanitizeFileName(name)).toBe('download')
    expect(sanitizeFileName(name, 'video.mp4')).toBe('video.mp4')
    expect(trySanitizeFileName(name)).toBeUndefined()
  })

  it('sanitizes the fallback too', () => {
    expect(sanitizeFileName('..', 'a/b')).toBe('a_b')
    expect(sanitizeFileName('..', '..')).toBe('download')
  })

  it.each([
    ['con', '_con'],
    ['CON', '_CON'],
    ['con.txt', '_con.txt'],
    ['nul.tar.gz', '_nul.tar.gz'],
    ['Aux.mp4', '_Aux.mp4'],
    ['prn', '_prn'],
    ['com1.mp4', '_com1.mp4'],
    ['LPT9', '_LPT9'],
    ['con .txt', '_con .txt'],
    ['nul.', '_nul'],
  ])('prefixes the Windows device name %j', (name, expected) => {
    expect(sanitizeFileName(name)).toBe(expected)
  })

  it.each(['console.txt', 'com10.mp4', 'lpt.mp4', 'nul_file', 'a.con'])(
    'leaves %j alone',
    (name) => {
      expect(sanitizeFileName(name)).toBe(name)
    },
  )

  it('shortens long names to 200 bytes, keeping the extension', () => {
    const name = sanitizeFileName(`${'a'.repeat(300)}.mp4`)
    expect(byteLength(name)).toBe(200)
    expect(name.endsWith('a.mp4')).toBe(true)
  })

  it('never cuts a Chinese character in half', () => {
    const name = sanitizeFileName(`${'中'.repeat(100)}.mp4`)
    // 200 - 4 bytes of ".mp4" leaves 196, room for 65 three-byte characters.
    expect(name).toBe(`${'中'.repeat(65)}.mp4`)
    expect(name).not.toContain('\ufffd')
  })

  it('never splits a surrogate pair or an emoji sequence', () => {
    const family = '👨‍👩‍👧' // three people joined by zero-width joiners: 18 bytes, one grapheme
    const name = sanitizeFileName(`${'x'.repeat(190)}${family}${family}.png`)
    expect(byteLength(name)).toBeLessThanOrEqual(200)
    expect(name).toBe(`${'x'.repeat(190)}.png`)
    const pairs = sanitizeFileName('😀'.repeat(60))
    expect(pairs).toBe('😀'.repeat(50))
  })

  it('cuts inside one huge cluster rather than giving up', () => {
    const name = sanitizeFileName(`a${'\u0301'.repeat(300)}`)
    expect(byteLength(name)).toBeLessThanOrEqual(200)
    expect(name.startsWith('\u00e1')).toBe(true)
  })

  it('treats a long tail after the last dot as part of the stem', () => {
    const name = sanitizeFileName(`title.${'b'.repeat(300)}`)
    expect(byteLength(name)).toBe(200)
    expect(name.startsWith('title.bbb')).toBe(true)
  })

  it('strips what the cut exposes and re-checks device names', () => {
    expect(sanitizeFileName(`name${' '.repeat(300)}x`)).toBe('name')
    expect(sanitizeFileName(`con${' '.repeat(300)}x`)).toBe('_con')
  })
})

describe('sanitizeRelativePath', () => {
  it('cannot climb out of the download folder', () => {
    expect(sanitizeRelativePath('../../etc/passwd')).toBe('etc/passwd')
    expect(sanitizeRelativePath('..\\..\\Windows\\win.ini')).toBe('Windows/win.ini')
    expect(sanitizeRelativePath('/absolute/path.mp4')).toBe('absolute/path.mp4')
    expect(sanitizeRelativePath('C:\\Users\\x.mp4')).toBe('C_/Users/x.mp4')
  })

  it('sanitizes each segment of a template result', () => {
    expect(sanitizeRelativePath('我的课程: 第一讲/高清 HD?.mp4')).toBe(
      '我的课程_ 第一讲/高清 HD_.mp4',
    )
    expect(sanitizeRelativePath('a//./b/ /con/c.mp4')).toBe('a/b/_con/c.mp4')
  })

  it('uses the fallback when nothing is left', () => {
    expect(sanitizeRelativePath('')).toBe('download')
    expect(sanitizeRelativePath('/../.', 'media/video.mp4')).toBe('media/video.mp4')
    expect(sanitizeRelativePath('..', '..')).toBe('download')
  })
})

describe('fileNameFromUrl', () => {
  it('takes the last path segment, without the query', () => {
    expect(fileNameFromUrl('https://example.com/a/b/movie.mp4?auth_key=1-2-3')).toBe('movie.mp4')
  })

  it('decodes percent-encoded UTF-8', () => {
    expect(fileNameFromUrl('https://example.com/%E4%B8%AD%E6%96%87.mp4')).toBe('中文.mp4')
    expect(fileNameFromUrl('https://example.com/中文 视频.mp4')).toBe('中文 视频.mp4')
  })

  it('decodes percent-encoded GBK when the bytes are not UTF-8', () => {
    const gbk = [...iconv.encode('中文视频.mp4', 'gbk')]
      .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
      .join('')
    expect(fileNameFromUrl(`https://example.com/${gbk}`)).toBe('中文视频.mp4')
  })

  it('sanitizes what decoding produces', () => {
    expect(fileNameFromUrl('https://example.com/a%2F..%2Fb.mp4')).toBe('a_.._b.mp4')
    expect(fileNameFromUrl('https://example.com/..%2E')).toBeUndefined()
  })

  it('is undefined without a usable segment', () => {
    expect(fileNameFromUrl('https://example.com/')).toBeUndefined()
    expect(fileNameFromUrl('https://example.com')).toBeUndefined()
    expect(fileNameFromUrl('https://example.com/folder/')).toBeUndefined()
    expect(fileNameFromUrl('not a url')).toBeUndefined()
  })
})

describe('decodeNameBytes and percentDecode', () => {
  it('reads UTF-8, then GB18030, then latin1', () => {
    expect(decodeNameBytes(Buffer.from('中文', 'utf8'))).toBe('中文')
    expect(decodeNameBytes(iconv.encode('中文', 'gb18030'))).toBe('中文')
    expect(decodeNameBytes(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toBe('café')
  })

  it('leaves a percent sign that starts no escape', () => {
    expect(percentDecode(Buffer.from('100%.mp4 %4')).toString()).toBe('100%.mp4 %4')
    expect(percentDecode(Buffer.from('%41%4a%zz')).toString()).toBe('AJ%zz')
  })
})

describe('numberedFileName', () => {
  it.each([
    ['movie.mp4', 1, 'movie (1).mp4'],
    ['movie', 2, 'movie (2)'],
    ['.bashrc', 1, '.bashrc (1)'],
    ['a/b.mp4', 1, 'a/b (1).mp4'],
    ['a.b/c', 1, 'a.b/c (1)'],
    ['a\\b.mp4', 3, 'a\\b (3).mp4'],
    ['backup.tar.gz', 1, 'backup (1).tar.gz'],
    ['第 1. 讲', 1, '第 1. 讲 (1)'],
    ['movie.mp4', 0, 'movie.mp4'],
  ])('numbers %j as %j', (name, n, expected) => {
    expect(numberedFileName(name, n)).toBe(expected)
  })

  it('rejects a negative or fractional number', () => {
    expect(() => numberedFileName('a', -1)).toThrow(AppError)
    expect(() => numberedFileName('a', 1.5)).toThrow(AppError)
  })
})

describe('resolveInside', () => {
  let directory: string

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'resolve-inside-'))
  })

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  it('resolves a path inside the folder, where a file can then be written', async () => {
    const target = resolveInside(directory, 'sub/中文.mp4')
    expect(target).toBe(join(directory, 'sub', '中文.mp4'))
    await writeFile(resolveInside(directory, 'a.txt'), 'x')
    expect(await readdir(directory)).toEqual(['a.txt'])
  })

  it('accepts a name that merely starts with two dots', () => {
    expect(resolveInside(directory, '..hidden')).toBe(`${directory}${sep}..hidden`)
  })

  it.each(['..', '../x', 'a/../../x', '', '.', '/etc/passwd'])('refuses %j', (path) => {
    expect(() => resolveInside(directory, path)).toThrow(
      expect.objectContaining({ code: 'InvalidInput' }),
    )
  })

  it('refuses a sibling folder that shares the prefix', () => {
    expect(() => resolveInside(directory, `../${directory.split(sep).pop()}-other/x`)).toThrow(
      AppError,
    )
  })
})
