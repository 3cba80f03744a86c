import { describe, expect, it } from 'vitest'
import { importListLimitBytes, parseRequestInput, utf8ByteLength } from '../../src/shared/contract'

describe('address-list requests', () => {
  it('counts UTF-8 bytes as an encoder would, surrogate pairs included', () => {
    for (const text of [
      '',
      'abc',
      'é',
      '视频',
      '🎬 clip',
      'a\uD800b',
      '\uDC00',
      'mixed 视🎬é\r\n',
    ]) {
      expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).length)
    }
  })

  it('takes a list up to 10 MiB of UTF-8 and refuses one byte more', () => {
    const atLimit = parseRequestInput('lists.import', {
      fileName: 'list.txt',
      text: 'a'.repeat(importListLimitBytes - 3) + '视',
    })
    expect(atLimit.ok).toBe(true)
    const over = parseRequestInput('lists.import', {
      fileName: 'list.txt',
      text: 'a'.repeat(importListLimitBytes - 2) + '视',
    })
    expect(over.ok).toBe(false)
    expect(parseRequestInput('lists.import', { fileName: '', text: 'x' }).ok).toBe(false)
  })

  it('exports a selection or a filter, with known file words and at least one format', () => {
    const selection = parseRequestInput('lists.export', {
      mediaType: 'video',
      target: { kind: 'selection', mediaIds: ['93ab850b4f654b6e91d24d81d44d3a1e'] },
      files: ['source', 'cover'],
      formats: ['csv'],
    })
    expect(selection.ok).toBe(true)
    const filter = parseRequestInput('lists.export', {
      mediaType: 'image',
      target: { kind: 'filter', title: 'launch', status: 'Normal' },
      files: ['image'],
      formats: ['csv', 'json'],
    })
    expect(filter.ok && filter.value.target.kind === 'filter' && filter.value.target.sort).toBe(
      'created-desc',
    )
    for (const wrong of [
      { files: ['trailer'] },
      { formats: [] },
      { formats: ['xlsx'] },
      { definition: 'HD; drop' },
      { authTimeoutSeconds: 60 },
      { target: { kind: 'selection', mediaIds: [] } },
      { target: { kind: 'filter', cursor: 'abc' } },
    ]) {
      const parsed = parseRequestInput('lists.export', {
        mediaType: 'video',
        target: { kind: 'filter' },
        files: ['source'],
        formats: ['csv'],
        ...wrong,
      })
      expect(parsed.ok, JSON.stringify(wrong)).toBe(false)
    }
  })
})
