import { randomBytes } from 'node:crypto'
import { formatUtc } from './clock'

/**
 * The AccessKeys the emulator accepts: one fixed demo key (printed by the CLI, documented, never a
 * real credential) and any STS keys issued at run time.
 */

export const demoAccessKeyId = 'LTAI5tVodEmulatorDemoKey'
export const demoAccessKeySecret = 'VodEmulatorDemoSecret0NotReal0'

export interface AccessKeyRecord {
  accessKeyId: string
  accessKeySecret: string
  /** STS keys only. */
  securityToken?: string
  /** STS keys only: epoch ms. */
  expiresAt?: number
  /** STS keys only: 1 for the first session issued, 2 for the next… (for tests to count). */
  session?: number
}

export interface StsCredentials {
  accessKeyId: string
  accessKeySecret: string
  securityToken: string
  /** UTC `YYYY-MM-DDThh:mm:ssZ`, like STS AssumeRole's `Credentials.Expiration`. */
  expiration: string
}

/** Looks keys up by id and issues STS credentials; state lives in the instance. */
export class CredentialStore {
  private readonly keys = new Map<string, AccessKeyRecord>()
  private sessions = 0

  constructor(private readonly now: () => number) {
    this.keys.set(demoAccessKeyId, {
      accessKeyId: demoAccessKeyId,
      accessKeySecret: demoAccessKeySecret,
    })
  }

  find(accessKeyId: string): AccessKeyRecord | undefined {
    return this.keys.get(accessKeyId)
  }

  /** Issues temporary credentials valid for `ttlSeconds` of emulator time. */
  issueSts(ttlSeconds: number): StsCredentials {
    if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
      throw new RangeError(`STS lifetime must be a positive number of seconds: ${ttlSeconds}`)
    }
    const expiresAt = Math.floor(this.now() / 1000 + ttlSeconds) * 1000
    const record: Required<AccessKeyRecord> = {
      accessKeyId: `STS.${randomAlphanumeric(28)}`,
      accessKeySecret: randomAlphanumeric(44),
      // Real tokens are long opaque base64 strings starting with "CAIS".
      securityToken: `CAIS${randomBytes(300).toString('base64')}`,
      expiresAt,
      session: ++this.sessions,
    }
    this.keys.set(record.accessKeyId, record)
    return {
      accessKeyId: record.accessKeyId,
      accessKeySecret: record.accessKeySecret,
      securityToken: record.securityToken,
      expiration: formatUtc(expiresAt),
    }
  }
}

const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'

function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length)
  let text = ''
  for (const byte of bytes) text += alphabet[byte % alphabet.length]
  return text
}
