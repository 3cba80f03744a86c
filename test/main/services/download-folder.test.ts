import { describe, expect, it } from 'vitest'
import { downloadFolderOf } from '../../../src/main/services/download-folder'
import { createDefaultSettings } from '../../../src/shared/settings'

describe('downloadFolderOf', () => {
  const settings = createDefaultSettings('/srv/downloads')

  it('takes the folder asked for, else the Settings one', () => {
    expect(downloadFolderOf(settings, undefined, 'linux')).toBe('/srv/downloads')
    expect(downloadFolderOf(settings, '/srv/downloads/masters', 'linux')).toBe(
      '/srv/downloads/masters',
    )
  })

  it('refuses a relative folder with InvalidInput', () => {
    expect(() => downloadFolderOf(settings, 'masters', 'linux')).toThrow(
      expect.objectContaining({ code: 'InvalidInput' }),
    )
    expect(() => downloadFolderOf(createDefaultSettings('downloads'), undefined, 'linux')).toThrow(
      'absolute path',
    )
  })

  it('refuses a folder outside the Settings one', () => {
    for (const folder of ['/mnt/masters', '/srv/downloads-other', '/srv/downloads/../x']) {
      expect(() => downloadFolderOf(settings, folder, 'linux'), folder).toThrow(
        expect.objectContaining({ code: 'FolderNotAllowed' }),
      )
    }
  })

  it('refuses network paths on Windows, asked for or saved', () => {
    const windows = createDefaultSettings('D:\\Media')
    expect(downloadFolderOf(windows, 'd:\\media\\Show', 'win32')).toBe('d:\\media\\Show')
    for (const folder of ['\\\\server\\share', '//server/share', '\\\\?\\UNC\\server\\share']) {
      expect(() => downloadFolderOf(windows, folder, 'win32'), folder).toThrow(
        expect.objectContaining({ code: 'FolderNotAllowed' }),
      )
      expect(() => downloadFolderOf(createDefaultSettings(folder), undefined, 'win32')).toThrow(
        expect.objectContaining({ code: 'FolderNotAllowed' }),
      )
    }
  })
})
