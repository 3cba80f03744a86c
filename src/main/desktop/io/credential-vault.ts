import { readFile, rm } from 'node:fs/promises'
import { AppError } from '../../../shared/errors'
import type { Language } from '../../../shared/errors'
import type { SecretStorageAssessment } from '../policies/secret-storage'
import { secretStorageError } from '../policies/secret-storage'
import { writeFileAtomicAsync } from './json-file'

/**
 * Encryption by the operating system's keychain (DPAPI, Keychain, libsecret/KWallet).
 * adapters/safe-storage.ts implements it with Electron's `safeStorage`.
 */
export interface SecretStore {
  /** Whether secrets can be protected right now; checked before every write. */
  assess(): SecretStorageAssessment
  encrypt(plainText: string): Buffer
  decrypt(cipherText: Buffer): string
}

/**
 * An AccessKey pair or temporary STS credentials. The same shape as the VOD client's
 * `VodCredentials` (src/main/vod/credentials.ts), so `load()`'s result can be handed to it as is.
 * Lives only in main.
 */
export type StoredCredentials =
  | { kind: 'access-key'; accessKeyId: string; accessKeySecret: string }
  | {
      kind: 'sts'
      accessKeyId: string
      accessKeySecret: string
      securityToken: string
      expiration?: string
    }

/** What the renderer may learn about the stored credentials: never the secret itself. */
export interface CredentialStatus {
  configured: boolean
  /** `LTAI••••••••3xYz`: enough to recognise which key is stored. */
  accessKeyIdHint: string | null
  usesSecurityToken: boolean
  secureStorage: SecretStorageAssessment
}

/**
 * Keeps the VOD credentials as one encrypted blob in userData. There is no plain-text fallback:
 * when the keychain is unavailable (or Linux offers only `basic_text`), saving fails with a clear
 * error and the user can fall back to environment variables knowingly.
 *
 * `load()` is for main-process services (the VOD client) only; IPC handlers expose `status()`,
 * `save()` and `clear()`.
 */
export class CredentialVault {
  constructor(
    private readonly store: SecretStore,
    private readonly filePath: string,
    private readonly language: () => Language,
  ) {}

  async save(credentials: StoredCredentials): Promise<void> {
    const assessment = this.store.assess()
    if (!assessment.secure) throw secretStorageError(assessment, this.language())
    const record = toCredentials(credentials)
    if (!record) throw new AppError('InvalidInput', 'AccessKey ID and secret are required')
    await writeFileAtomicAsync(
      this.filePath,
      this.store.encrypt(JSON.stringify({ version: 1, ...record })),
    )
  }

  /** The stored credentials, or `null` when none are saved. Main process only. */
  async load(): Promise<StoredCredentials | null> {
    let blob: Buffer
    try {
      blob = await readFile(this.filePath)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(this.store.decrypt(blob)) as unknown
    } catch (error) {
      // The keychain entry changed (OS reinstalled, profile copied to another machine): the blob
      // can no longer be read and the user has to enter the key again.
      throw new AppError(
        'NotConfigured',
        'the saved AccessKey could not be decrypted; enter it again',
        {
          cause: error,
        },
      )
    }
    return toCredentials(parsed)
  }

  async clear(): Promise<void> {
    await rm(this.filePath, { force: true })
  }

  /** A renderer-safe description of what is stored. */
  async status(): Promise<CredentialStatus> {
    const secureStorage = this.store.assess()
    let credentials: StoredCredentials | null = null
    try {
      credentials = await this.load()
    } catch {
      credentials = null
    }
    return {
      configured: credentials !== null,
      accessKeyIdHint: credentials ? maskAccessKeyId(credentials.accessKeyId) : null,
      usesSecurityToken: credentials?.kind === 'sts',
      secureStorage,
    }
  }
}

/** Keeps the first four and last four characters of an AccessKey ID. */
export function maskAccessKeyId(accessKeyId: string): string {
  if (accessKeyId.length <= 8) return '•'.repeat(accessKeyId.length)
  return `${accessKeyId.slice(0, 4)}${'•'.repeat(8)}${accessKeyId.slice(-4)}`
}

/** Validates and normalizes credentials from untrusted input (IPC or the decrypted file). */
function toCredentials(value: unknown): StoredCredentials | null {
  if (typeof value !== 'object' || value === null) return null
  const record = value as Record<string, unknown>
  const text = (key: string): string => {
    const field = record[key]
    return typeof field === 'string' ? field.trim() : ''
  }
  const accessKeyId = text('accessKeyId')
  const accessKeySecret = text('accessKeySecret')
  const securityToken = text('securityToken')
  const expiration = text('expiration')
  if (accessKeyId.length === 0 || accessKeySecret.length === 0) return null
  if (record['kind'] === 'sts' || securityToken.length > 0) {
    if (securityToken.length === 0) return null
    const sts: StoredCredentials = { kind: 'sts', accessKeyId, accessKeySecret, securityToken }
    if (expiration.length > 0) sts.expiration = expiration
    return sts
  }
  return { kind: 'access-key', accessKeyId, accessKeySecret }
}
