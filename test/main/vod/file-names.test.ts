import { describe, expect, it } from 'vitest'
// sanitizeFileName is the engine's (tested in test/main/engine/file-name.test.ts).
import { composeFileName, extensionOfUrl } from '../../../src/main/vod/file-names'

describe('extensionOfUrl', () => {
  it.each([
    ['http://cdn.example.com/sv/a/b.MP4?auth_key=1', 'mp4'],
    ['http://cdn.example.com/image/cover/ABC-6-2.png', 'png'],
    ['http://cdn.example.com/dir/', undefined],
    ['nope', undefined],
  ])('%s', (url, expected) => {
    expect(extensionOfUrl(url)).toBe(expected)
  })
})

describe('composeFileName', () => {
  it('joins the parts it has', () => {
    expect(composeFileName('Demo: 1', ['HD', undefined, ''], 'mp4')).toBe('Demo_ 1.HD.mp4')
    expect(composeFileName('Demo', [], undefined)).toBe('Demo')
  })
})
