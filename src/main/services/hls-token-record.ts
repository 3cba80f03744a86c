import { z } from 'zod'
import type { ShellKind } from '../../shared/contract'
import type { SecretBox } from '../runtime/secret-box'

/**
 * How the MtsHlsUriToken sits in the key → JSON store: sealed with the same SecretBox as the
 * account's secrets (the OS keychain on the desktop, the key file headless), so the database
 * file alone (a backup, a copied profile, a support bundle) never reveals it.
 */
export interface StoredHlsToken {
  version: 1
  /** Base64 of `SecretBox.encrypt(token)`. */
  sealed: string
}

const storedHlsTokenSchema = z.object({ version: z.literal(1), sealed: z.string().min(1) })

/**
 * Key of the sealed token in the store, per shell: like the account, the desktop app and the
 * headless host may share a data folder but not a secret box, so each keeps its own.
 */
export function hlsTokenKey(shell: ShellKind): string {
  return shell === 'electron' ? 'mtsHlsUriToken' : `mtsHlsUriToken.${shell}`
}

export function sealHlsToken(token: string, box: SecretBox): StoredHlsToken {
  return { version: 1, sealed: box.encrypt(token).toString('base64') }
}

/**
 * The token stored under the key, or undefined when none is (or the record is unrecognisable).
 * Throws `KeyUnavailable` when it cannot be decrypted with this box.
 */
export function openHlsToken(stored: unknown, box: SecretBox): string | undefined {
  const record = storedHlsTokenSchema.safeParse(stored)
  if (!record.success) return undefined
  const token = box.decrypt(Buffer.from(record.data.sealed, 'base64'))
  return token === '' ? undefined : token
}

/**
 * The plain token an earlier version kept in the settings object (`mtsHlsUriToken`), if any;
 * `present` says whether the field is there at all (even empty), so it can be removed.
 */
export function plainHlsTokenOf(storedSettings: unknown): {
  present: boolean
  token: string | undefined
} {
  if (typeof storedSettings !== 'object' || storedSettings === null) {
    return { present: false, token: undefined }
  }
  if (!Object.hasOwn(storedSettings, 'mtsHlsUriToken')) return { present: false, token: undefined }
  const value = (storedSettings as Record<string, unknown>).mtsHlsUriToken
  const token = typeof value === 'string' ? value.trim() : ''
  return { present: true, token: token === '' ? undefined : token }
}
