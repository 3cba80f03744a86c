import { describe, expect, it } from 'vitest'
import {
  checkTargetFolder,
  isNetworkPath,
  isSameOrInside,
  requireTargetFolder,
} from '../../../src/main/services/target-folders'

describe('isNetworkPath', () => {
  it('knows UNC and device paths in either slash', () => {
    for (const folder of [
      '\\\\server\\share',
      '//server/share',
      '\\/server',
      '\\\\?\\UNC\\s\\x',
      '\\\\.\\pipe',
    ])
      expect(isNetworkPath(folder), folder).toBe(true)
    for (const folder of ['D:\\Media', '/srv/media', 'C:/x', '\\Media'])
      expect(isNetworkPath(folder), folder).toBe(false)
  })
})

describe('isSameOrInside', () => {
  it('compares resolved paths, ignoring case where the OS does', () => {
    expect(isSameOrInside('D:\\media\\show\\', 'D:\\Media', 'win32')).toBe(true)
    expect(isSameOrInside('D:\\Media2', 'D:\\Media', 'win32')).toBe(false)
    expect(isSameOrInside('D:\\Media\\..\\Windows', 'D:\\Media', 'win32')).toBe(false)
    expect(isSameOrInside('E:\\', 'E:\\', 'win32')).toBe(true)
    expect(isSameOrInside('E:\\x', 'E:\\', 'win32')).toBe(true)
    expect(isSameOrInside('/Users/a/Movies/x', '/users/a/movies', 'darwin')).toBe(true)
    expect(isSameOrInside('/home/a/Movies/x', '/home/a/movies', 'linux')).toBe(false)
    expect(isSameOrInside('/srv/a/b', '/srv/a', 'linux')).toBe(true)
  })
})

describe('checkTargetFolder', () => {
  const allowed = ['/srv/downloads', '/mnt/picked']

  it('accepts chosen folders and their subfolders', () => {
    expect(checkTargetFolder('/srv/downloads', allowed, 'linux')).toEqual({ ok: true })
    expect(checkTargetFolder('/mnt/picked/2026/', allowed, 'linux')).toEqual({ ok: true })
  })

  it('refuses other folders, relative ones, and network paths on Windows', () => {
    expect(checkTargetFolder('/home/a/.config/autostart', allowed, 'linux')).toEqual({
      ok: false,
      reason: 'not-chosen',
    })
    expect(checkTargetFolder('downloads', allowed, 'linux')).toEqual({
      ok: false,
      reason: 'relative',
    })
    expect(checkTargetFolder('\\\\server\\share', ['\\\\server\\share'], 'win32')).toEqual({
      ok: false,
      reason: 'network',
    })
    expect(checkTargetFolder('//server/share/x', ['D:\\Media'], 'win32')).toEqual({
      ok: false,
      reason: 'network',
    })
  })

  it('throws FolderNotAllowed naming the folder', () => {
    expect(() => requireTargetFolder('/etc', allowed, 'linux')).toThrow(
      expect.objectContaining({ code: 'FolderNotAllowed', detail: '/etc' }),
    )
  })
})
