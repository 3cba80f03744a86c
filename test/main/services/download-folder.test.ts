import { describe, expect, it } from 'vitest'
import { downloadFolderOf } from '../../../src/main/services/download-folder'
import { createDefaultSettings } from '../../../src/shared/settings'

describe('downloadFolderOf', () => {
  const settings = createDefaultSettings('/srv/downloads')

  it('takes the folder asked for, else the Settings one', () => {
    expect(downloadFolderOf(settings)).toBe('/srv/downloads')
    expect(downloadFolderOf(settings, '/mnt/masters')).toBe('/mnt/masters')
  })

  it('refuses a relative folder with InvalidInput', () => {
    expect(() => downloadFolderOf(settings, 'masters')).toThrow(
      expect.objectContaining({ code: 'InvalidInput' }),
    )
    expect(() => downloadFolderOf(createDefaultSettings('downloads'))).toThrow('absolute path')
  })
})
