import { describe, expect, it } from 'vitest'
import { TargetFolderStore } from '../../../src/main/desktop/target-folder-store'

describe('TargetFolderStore', () => {
  it('allows the configured folder, read when asked', () => {
    let configured: string | null = '/srv/downloads'
    const store = new TargetFolderStore({ platform: 'linux', configured: () => configured })
    expect(store.check('/srv/downloads/Show')).toEqual({ ok: true })
    configured = '/mnt/media'
    expect(store.check('/srv/downloads/Show')).toEqual({ ok: false, reason: 'not-chosen' })
    expect(store.check('/mnt/media')).toEqual({ ok: true })
    configured = null
    expect(store.allowed()).toEqual([])
  })

  it('keeps the folders picked in main for the session, once each', () => {
    const store = new TargetFolderStore({ platform: 'win32', configured: () => 'D:\\Media' })
    store.grant('E:\\Export')
    store.grant('e:\\export')
    expect(store.allowed()).toEqual(['D:\\Media', 'e:\\export'])
    expect(() => store.require('E:\\Export\\Show')).not.toThrow()
    expect(() =>
      store.require('C:\\Users\\a\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu'),
    ).toThrow(expect.objectContaining({ code: 'FolderNotAllowed' }))
  })

  it('never grants a network path on Windows', () => {
    const store = new TargetFolderStore({ platform: 'win32', configured: () => null })
    store.grant('\\\\server\\share')
    expect(store.allowed()).toEqual([])
    expect(() => store.require('\\\\server\\share')).toThrow(
      expect.objectContaining({ code: 'FolderNotAllowed' }),
    )
  })

  it('forgets the oldest grants beyond its limit', () => {
    const store = new TargetFolderStore({ platform: 'linux', configured: () => null })
    for (let index = 0; index < 70; index++) store.grant(`/picked/${index}`)
    expect(store.allowed()).toHaveLength(64)
    expect(store.check('/picked/0')).toEqual({ ok: false, reason: 'not-chosen' })
    expect(store.check('/picked/69')).toEqual({ ok: true })
  })
})
