import { describe, expect, it } from 'vitest'
import { AppError } from '../../../../src/shared/errors'
import {
  assessSecretStorage,
  secretStorageError,
} from '../../../../src/main/desktop/policies/secret-storage'

describe('assessSecretStorage', () => {
  it('trusts DPAPI and Keychain when available', () => {
    expect(
      assessSecretStorage({ platform: 'win32', encryptionAvailable: true, linuxBackend: null }),
    ).toEqual({ secure: true, backend: 'dpapi' })
    expect(
      assessSecretStorage({ platform: 'darwin', encryptionAvailable: true, linuxBackend: null }),
    ).toEqual({ secure: true, backend: 'keychain' })
    expect(
      assessSecretStorage({ platform: 'darwin', encryptionAvailable: false, linuxBackend: null }),
    ).toEqual({
      secure: false,
      reason: 'unavailable',
      backend: 'keychain',
    })
  })

  it('treats Linux basic_text as not secure even though encryption reports available', () => {
    expect(
      assessSecretStorage({
        platform: 'linux',
        encryptionAvailable: true,
        linuxBackend: 'basic_text',
      }),
    ).toEqual({
      secure: false,
      reason: 'plain-text',
      backend: 'basic_text',
    })
    expect(
      assessSecretStorage({
        platform: 'linux',
        encryptionAvailable: true,
        linuxBackend: 'kwallet6',
      }),
    ).toEqual({
      secure: true,
      backend: 'kwallet6',
    })
    expect(
      assessSecretStorage({
        platform: 'linux',
        encryptionAvailable: false,
        linuxBackend: 'unknown',
      }),
    ).toMatchObject({
      secure: false,
      reason: 'not-ready',
    })
  })
})

describe('secretStorageError', () => {
  it('is an AppError naming the way out, in the UI language', () => {
    const error = secretStorageError(
      { secure: false, reason: 'plain-text', backend: 'basic_text' },
      'en',
    )
    expect(error).toBeInstanceOf(AppError)
    expect(error.code).toBe('Unsupported')
    expect(error.detail).toContain('basic_text')
    expect(error.detail).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID')
    const chinese = secretStorageError(
      { secure: false, reason: 'unavailable', backend: 'dpapi' },
      'zh-CN',
    )
    expect(chinese.toData().messageZh).toContain('系统安全存储不可用')
  })
})
