import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { fileNameFromContentDisposition } from '../../../src/main/engine/content-disposition'

/** What Node's HTTP parser hands over for a header whose raw bytes are `bytes`. */
function asReceived(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1')
}

function percentEncode(bytes: Uint8Array): string {
  return [...bytes].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('')
}

const utf8Bytes = Buffer.from('中文.mp4', 'utf8')
const gbkBytes = iconv.encode('中文.mp4', 'gbk')

describe('fileNameFromContentDisposition', () => {
  it('is undefined without a usable file name', () => {
    expect(fileNameFromContentDisposition(undefined)).toBeUndefined()
    expect(fileNameFromContentDisposition('')).toBeUndefined()
    expect(fileNameFromContentDisposition('attachment')).toBeUndefined()
    expect(fileNameFromContentDisposition('attachment; filename=""')).toBeUndefined()
    expect(fileNameFromContentDisposition('attachment; filename=".."')).toBeUndefined()
    expect(fileNameFromContentDisposition('attachment; name="field"')).toBeUndefined()
  })

  it('reads a quoted filename with backslash escapes', () => {
    expect(fileNameFromContentDisposition('attachment; filename="movie.mp4"')).toBe('movie.mp4')
    expect(fileNameFromContentDisposition('attachment; filename="say \\"hi\\".mp4"')).toBe(
      'say _hi_.mp4',
    )
    expect(fileNameFromContentDisposition('attachment; filename="a;b.mp4"; size=3')).toBe('a;b.mp4')
  })

  it('reads a token filename, case-insensitively and without a disposition type', () => {
    expect(fileNameFromContentDisposition('attachment; FILENAME=movie.mp4')).toBe('movie.mp4')
    expect(fileNameFromContentDisposition('filename=movie.mp4')).toBe('movie.mp4')
    expect(fileNameFromContentDisposition('inline;filename = my movie.mp4 ;x=1')).toBe(
      'my movie.mp4',
    )
  })

  it('keeps the first of repeated parameters', () => {
    expect(fileNameFromContentDisposition('attachment; filename=a.mp4; filename=b.mp4')).toBe(
      'a.mp4',
    )
  })

  it('tolerates an unterminated quote', () => {
    expect(fileNameFromContentDisposition('attachment; filename="movie.mp4')).toBe('movie.mp4')
  })

  it('prefers filename* in UTF-8 over filename, in either order', () => {
    const extended = `filename*=UTF-8''${percentEncode(utf8Bytes)}`
    expect(fileNameFromContentDisposition(`attachment; filename="fallback.mp4"; ${extended}`)).toBe(
      '中文.mp4',
    )
    expect(fileNameFromContentDisposition(`attachment; ${extended}; filename="fallback.mp4"`)).toBe(
      '中文.mp4',
    )
    expect(fileNameFromContentDisposition(`attachment; filename*=utf-8'zh-CN'%E4%B8%AD.mp4`)).toBe(
      '中.mp4',
    )
  })

  it.each(['GBK', 'gb2312', 'GB18030'])('decodes filename* declared as %s', (charset) => {
    const header = `attachment; filename*=${charset}''${percentEncode(gbkBytes)}`
    expect(fileNameFromContentDisposition(header)).toBe('中文.mp4')
  })

  it('decodes filename* declared as ISO-8859-1', () => {
    expect(fileNameFromContentDisposition("attachment; filename*=iso-8859-1''caf%E9.mp4")).toBe(
      'café.mp4',
    )
  })

  it('falls back to filename when filename* names an unknown charset', () => {
    const header = `attachment; filename*=x-unknown''abc.mp4; filename="plain.mp4"`
    expect(fileNameFromContentDisposition(header)).toBe('plain.mp4')
  })

  it('accepts a quoted filename* and raw bytes inside it', () => {
    expect(fileNameFromContentDisposition(`attachment; filename*="UTF-8''%E4%B8%AD.mp4"`)).toBe(
      '中.mp4',
    )
    const raw = `attachment; filename*=UTF-8''${asReceived(utf8Bytes)}`
    expect(fileNameFromContentDisposition(raw)).toBe('中文.mp4')
  })

  it('rebuilds raw UTF-8 bytes that arrived as latin1 mojibake', () => {
    const header = asReceived(Buffer.from(`attachment; filename="${'中文.mp4'}"`, 'utf8'))
    expect(header).not.toContain('中')
    expect(fileNameFromContentDisposition(header)).toBe('中文.mp4')
  })

  it('rebuilds raw GBK bytes that arrived as latin1 mojibake', () => {
    const header = `attachment; filename="${asReceived(gbkBytes)}"`
    expect(fileNameFromContentDisposition(header)).toBe('中文.mp4')
    expect(fileNameFromContentDisposition(`attachment; filename=${asReceived(gbkBytes)}`)).toBe(
      '中文.mp4',
    )
  })

  it('reads raw latin1 that is neither UTF-8 nor GB18030 as latin1', () => {
    expect(fileNameFromContentDisposition('attachment; filename="caf\u00e9.mp4"')).toBe('café.mp4')
  })

  it('keeps a header that was already decoded to real text', () => {
    expect(fileNameFromContentDisposition('attachment; filename="中文.mp4"')).toBe('中文.mp4')
  })

  it('decodes a percent-encoded plain filename when it is UTF-8', () => {
    const header = `attachment; filename="${percentEncode(utf8Bytes)}"`
    expect(fileNameFromContentDisposition(header)).toBe('中文.mp4')
    expect(fileNameFromContentDisposition('attachment; filename=my%20movie.mp4')).toBe(
      'my movie.mp4',
    )
  })

  it('keeps percent signs literally when decoding would not give UTF-8', () => {
    const header = `attachment; filename="${percentEncode(gbkBytes)}"`
    expect(fileNameFromContentDisposition(header)).toBe(percentEncode(gbkBytes))
    expect(fileNameFromContentDisposition('attachment; filename="100%.mp4"')).toBe('100%.mp4')
  })

  it('decodes RFC 2047 encoded words', () => {
    const base64 = Buffer.from('中文.mp4').toString('base64')
    expect(fileNameFromContentDisposition(`attachment; filename="=?UTF-8?B?${base64}?="`)).toBe(
      '中文.mp4',
    )
    const quoted = `=?GBK?Q?${percentEncode(gbkBytes).replace(/%/g, '=')}?=`
    expect(fileNameFromContentDisposition(`attachment; filename="${quoted}"`)).toBe('中文.mp4')
  })

  it('sanitizes the name so it cannot leave the folder', () => {
    expect(fileNameFromContentDisposition('attachment; filename="../../x"')).toBe('.._.._x')
    expect(fileNameFromContentDisposition("attachment; filename*=UTF-8''..%2F..%2Fx")).toBe(
      '.._.._x',
    )
    expect(fileNameFromContentDisposition('attachment; filename="C:\\\\Windows\\\\con"')).toBe(
      'C__Windows_con',
    )
    expect(fileNameFromContentDisposition('attachment; filename="con.mp4"')).toBe('_con.mp4')
  })
})
