import { describe, expect, it } from 'vitest'
import { composeFileName, extensionOfUrl, sanitizeFileName } from '../../../src/main/vod/file-names'

describe('sanitizeFileName', () => {
  it.each([
    ['猫咪视频.mp4', '猫咪视频.mp4'],
    ['a/b\\c:d*e?f"g<h>i|j.mp4', 'a_b_c_d_e_f_g_h_i_j.mp4'],
    ['trailing dots...', 'trailing dots'],
    ['  spaced   out  ', 'spaced out'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['', 'file'],
    ['...', 'file'],
    ['tab\there', 'tab_here'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected)
  })

  it('shortens long names and keeps the extension', () => {
    const name = sanitizeFileName(`${'长'.repeat(300)}.mp4`)
    expect(name.length).toBe(180)
    expect(name.endsWith('.mp4')).toBe(true)
  })
})

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
