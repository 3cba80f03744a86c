import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { AppError } from '../../shared/errors'
import { ensureDataFolder } from './data-folder'

/**
 * Encrypts the few secrets the app keeps at rest (the VOD AccessKey secret and STS token). The
 * desktop shell plugs in Electron's `safeStorage` (the OS keychain); the headless host, which has
 * no keychain to ask, uses {@link createFileKeySecretBox}.
 */
export interface SecretBox {
  encrypt(plain: string): Buffer
  /** Throws `KeyUnavailable` when the blob cannot be read with this box's key. */
  decrypt(blob: Buffer): string
  /** One sentence for logs and docs saying what protects the secrets, e.g. "a key file at …". */
  readonly description: string
}

/** Name of the key file inside the data folder. */
export const secretKeyFileName = 'secret.key'

const keyBytes = 32
const ivBytes = 12
const tagBytes = 16
/** First byte of every blob, so the format can change without guessing. */
const formatVersion = 1

/**
 * A SecretBox for plain Node: AES-256-GCM with a random 32-byte key kept in
 * `<dataFolder>/secret.key` (created with mode 0600). This keeps secrets out of the database
 * file, its backups and casual reading; it does not protect them from anyone who can read the
 * key file, i.e. from the same user account or an administrator.
 */
export function createFileKeySecretBox(dataFolder: string): SecretBox {
  const keyPath = join(dataFolder, secretKeyFileName)
  const key = readOrCreateKey(keyPath)
  return {
    description: `AES-256-GCM with a key file readable only by this user (${keyPath})`,
    encrypt(plain) {
      const iv = randomBytes(ivBytes)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([Buffer.from([formatVersion]), iv, cipher.getAuthTag(), body])
    },
    decrypt(blob) {
      if (blob.length < 1 + ivBytes + tagBytes || blob[0] !== formatVersion) {
        throw new AppError('KeyUnavailable', 'the stored secret has an unknown format')
      }
      const iv = blob.subarray(1, 1 + ivBytes)
      const tag = blob.subarray(1 + ivBytes, 1 + ivBytes + tagBytes)
      const body = blob.subarray(1 + ivBytes + tagBytes)
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv)
        decipher.setAuthTag(tag)
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
      } catch (error) {
        // A replaced or foreign key file: the secret is gone and has to be entered again.
        throw new AppError('KeyUnavailable', `the stored secret does not match ${keyPath}`, {
          cause: error,
        })
      }
    },
  }
}

function readOrCreateKey(keyPath: string): Buffer {
  ensureDataFolder(dirname(keyPath))
  try {
    // 'wx' fails when the file exists, so two processes starting at once never replace each
    // other's key; the loser reads the winner's.
    const key = randomBytes(keyBytes)
    writeFileSync(keyPath, key, { flag: 'wx', mode: 0o600 })
    return key
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const key = readFileSync(keyPath)
  if (key.length !== keyBytes) {
    throw new AppError('KeyUnavailable', `${keyPath} is not a ${keyBytes}-byte key`)
  }
  tightenPermissions(keyPath)
  return key
}

/** A key file copied around with a loose mode is narrowed back to its owner (POSIX only). */
function tightenPermissions(keyPath: string): void {
  if (process.platform === 'win32') return
  if ((statSync(keyPath).mode & 0o077) !== 0) chmodSync(keyPath, 0o600)
}
