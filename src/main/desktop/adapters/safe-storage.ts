import type { Language } from '../../../shared/errors'
import { AppError } from '../../../shared/errors'
import type { LinuxStorageBackend, SecretStorageAssessment } from '../policies/secret-storage'
import { assessSecretStorage, secretStorageError } from '../policies/secret-storage'

/** Encryption by the operating system's keychain (DPAPI, Keychain, libsecret/KWallet). */
export interface SecretStore {
  /** Whether secrets can be protected right now; checked before every write. */
  assess(): SecretStorageAssessment
  encrypt(plainText: string): Buffer
  decrypt(cipherText: Buffer): string
}

/** The part of Electron's `safeStorage` the shell uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  getSelectedStorageBackend(): LinuxStorageBackend
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
}

/**
 * `SecretStore` on Electron's `safeStorage` (DPAPI on Windows, Keychain on macOS, libsecret or
 * KWallet on Linux). Must be used after app ready: before it, Linux reports backend `unknown` and
 * Windows reports encryption unavailable.
 */
export function createSafeStorageSecretStore(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
): SecretStore {
  return {
    assess: () =>
      assessSecretStorage({
        platform,
        encryptionAvailable: safeStorage.isEncryptionAvailable(),
        linuxBackend: platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null,
      }),
    encrypt: (plainText) => safeStorage.encryptString(plainText),
    decrypt: (cipherText) => safeStorage.decryptString(cipherText),
  }
}

/**
 * The same keychain in the shape of the engine's `SecretBox` (src/main/runtime/secret-box.ts:
 * `encrypt`, `decrypt`, `description`), so the account service can seal credentials with it.
 * `encrypt` refuses, with an explanation in the user's language, whenever the keychain would not
 * really protect the secret; a blob the keychain cannot open is `KeyUnavailable`.
 */
export function createSafeStorageSecretBox(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
  language: () => Language,
): { encrypt(plain: string): Buffer; decrypt(blob: Buffer): string; readonly description: string } {
  const store = createSafeStorageSecretStore(safeStorage, platform)
  return {
    encrypt(plain) {
      const assessment = store.assess()
      if (!assessment.secure) throw secretStorageError(assessment, language())
      return store.encrypt(plain)
    },
    decrypt(blob) {
      try {
        return store.decrypt(blob)
      } catch (error) {
        throw new AppError(
          'KeyUnavailable',
          'the system keychain could not decrypt the stored secret',
          {
            cause: error,
          },
        )
      }
    },
    get description() {
      return `the operating system keychain (${store.assess().backend})`
    },
  }
}
