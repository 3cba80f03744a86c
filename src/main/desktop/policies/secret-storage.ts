import type { Language } from '../../../shared/errors'
import { AppError } from '../../../shared/errors'
import { desktopStrings } from '../strings'

/** `safeStorage.getSelectedStorageBackend()` on Linux. */
export type LinuxStorageBackend =
  'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown'

export type SecretStorageAssessment =
  | { secure: true; backend: string }
  | {
      secure: false
      /**
       * `unavailable`: no keychain at all; `plain-text`: Linux fell back to a hard-coded key
       * (`basic_text`), which is obfuscation, not protection; `not-ready`: asked before app ready.
       */
      reason: 'unavailable' | 'plain-text' | 'not-ready'
      backend: string
    }

/**
 * Decides whether `safeStorage` can protect a secret here. On Linux `isEncryptionAvailable()` is
 * true even with the `basic_text` backend, so the backend has to be checked as well.
 */
export function assessSecretStorage(input: {
  platform: NodeJS.Platform
  encryptionAvailable: boolean
  linuxBackend: LinuxStorageBackend | null
}): SecretStorageAssessment {
  const backend =
    input.platform === 'linux'
      ? (input.linuxBackend ?? 'unknown')
      : input.platform === 'darwin'
        ? 'keychain'
        : 'dpapi'
  if (input.platform === 'linux') {
    if (input.linuxBackend === 'unknown' || input.linuxBackend === null) {
      return { secure: false, reason: 'not-ready', backend }
    }
    if (input.linuxBackend === 'basic_text') return { secure: false, reason: 'plain-text', backend }
  }
  if (!input.encryptionAvailable) return { secure: false, reason: 'unavailable', backend }
  return { secure: true, backend }
}

/**
 * The error thrown instead of ever writing a secret in plain text. Code `Unsupported` (the closed
 * set has no dedicated code yet); the detail carries the full explanation in the UI language.
 */
export function secretStorageError(
  assessment: Extract<SecretStorageAssessment, { secure: false }>,
  language: Language,
): AppError {
  const strings = desktopStrings(language)
  const detail =
    assessment.reason === 'plain-text'
      ? strings.secureStoragePlainText(assessment.backend)
      : strings.secureStorageUnavailable
  return new AppError('Unsupported', detail)
}
