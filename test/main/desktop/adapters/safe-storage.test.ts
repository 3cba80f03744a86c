import { describe, expect, it } from 'vitest'
import { AppError } from '../../../../src/shared/errors'
import {
  createSafeStorageSecretBox,
  createSafeStorageSecretStore,
} from '../../../../src/main/desktop/adapters/safe-storage'
import { FakeSafeStorage } from '../fakes/electron'

describe('createSafeStorageSecretStore', () => {
  it('round-trips through safeStorage and asks the backend only on Linux', () => {
    const safeStorage = new FakeSafeStorage()
    safeStorage.backend = 'basic_text'
    const windows = createSafeStorageSecretStore(safeStorage, 'win32')
    expect(windows.assess()).toEqual({ secure: true, backend: 'dpapi' })
    expect(windows.decrypt(windows.encrypt('secret'))).toBe('secret')
    expect(createSafeStorageSecretStore(safeStorage, 'linux').assess()).toMatchObject({
      secure: false,
      reason: 'plain-text',
    })
  })
})

describe('createSafeStorageSecretBox', () => {
  it('seals and opens secrets through the keychain', () => {
    const box = createSafeStorageSecretBox(new FakeSafeStorage(), 'linux', () => 'en')
    expect(box.decrypt(box.encrypt('secret'))).toBe('secret')
    expect(box.description).toBe('the operating system keychain (gnome_libsecret)')
  })

  it('refuses to encrypt without real protection and reports unreadable blobs', () => {
    const safeStorage = new FakeSafeStorage()
    safeStorage.backend = 'basic_text'
    const box = createSafeStorageSecretBox(safeStorage, 'linux', () => 'zh-CN')
    expect(() => box.encrypt('secret')).toThrow(AppError)
    expect(() => box.encrypt('secret')).toThrow(/basic_text/)
    expect(() => box.decrypt(Buffer.from('garbage'))).toThrow(
      expect.objectContaining({ code: 'KeyUnavailable' }),
    )
  })
})
