import { z } from 'zod'
import {
  maskAccessKeyId,
  type AccountCredentials,
  type AccountInfo,
  type AccountSource,
} from '../../shared/contract'
import type { AccessKeyCredentials, StsCredentials } from '../vod/credentials'
import type { SecretBox } from '../runtime/secret-box'

/**
 * How a saved account sits in the key → JSON store: what the UI may show in the clear, and one
 * encrypted blob holding the key id, secret and STS token. The database file alone (a backup, a
 * copied profile, a support bundle) never reveals a usable credential.
 */
export interface StoredAccount {
  version: 1
  kind: AccountCredentials['kind']
  regionId: string
  endpoint: string | null
  maskedAccessKeyId: string
  /** Base64 of `SecretBox.encrypt(JSON of SealedSecrets)`; absent for the credential chain. */
  sealed?: string
  /** Credential chain only: the profile chosen, or null for the whole default chain. */
  profile?: string | null
}

/** The credential chain chosen in Settings (it holds no secret; main finds them). */
export interface ChainChoice {
  kind: 'chain'
  profile?: string
}

/** The account the VOD client uses, with where it came from. Main process only. */
export interface ActiveAccount {
  source: AccountSource
  credentials: AccessKeyCredentials | StsCredentials | ChainChoice
  regionId: string
  endpoint?: string
}

const storedAccountSchema = z.object({
  version: z.literal(1),
  kind: z.enum(['access-key', 'sts', 'chain']),
  regionId: z.string().min(1),
  endpoint: z.string().min(1).nullable(),
  maskedAccessKeyId: z.string(),
  sealed: z.string().min(1).optional(),
  profile: z.string().min(1).nullable().optional(),
})

const sealedSecretsSchema = z.object({
  accessKeyId: z.string().min(1),
  accessKeySecret: z.string().min(1),
  securityToken: z.string().min(1).optional(),
})

/** Encrypts credentials from `account.save` into their stored form. */
export function sealAccount(credentials: AccountCredentials, box: SecretBox): StoredAccount {
  if (credentials.kind === 'chain') {
    return {
      version: 1,
      kind: 'chain',
      regionId: credentials.regionId,
      endpoint: credentials.endpoint ?? null,
      maskedAccessKeyId: '',
      profile: credentials.profile ?? null,
    }
  }
  const secrets: z.infer<typeof sealedSecretsSchema> = {
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
  }
  if (credentials.kind === 'sts') secrets.securityToken = credentials.securityToken
  return {
    version: 1,
    kind: credentials.kind,
    regionId: credentials.regionId,
    endpoint: credentials.endpoint ?? null,
    maskedAccessKeyId: maskAccessKeyId(credentials.accessKeyId),
    sealed: box.encrypt(JSON.stringify(secrets)).toString('base64'),
  }
}

/**
 * Reads a stored account back. Null when nothing (or something unrecognisable) is stored;
 * throws `KeyUnavailable` when the secrets cannot be decrypted with this box.
 */
export function openAccount(stored: unknown, box: SecretBox): ActiveAccount | null {
  const record = storedAccountSchema.safeParse(stored)
  if (!record.success) return null
  if (record.data.kind === 'chain') {
    const chain: ChainChoice = record.data.profile
      ? { kind: 'chain', profile: record.data.profile }
      : { kind: 'chain' }
    const account: ActiveAccount = {
      source: 'saved',
      credentials: chain,
      regionId: record.data.regionId,
    }
    if (record.data.endpoint !== null) account.endpoint = record.data.endpoint
    return account
  }
  if (record.data.sealed === undefined) return null
  const secrets = sealedSecretsSchema.safeParse(
    parseJson(box.decrypt(Buffer.from(record.data.sealed, 'base64'))),
  )
  if (!secrets.success) return null
  const { accessKeyId, accessKeySecret, securityToken } = secrets.data
  const credentials: ActiveAccount['credentials'] =
    record.data.kind === 'sts' && securityToken !== undefined
      ? { kind: 'sts', accessKeyId, accessKeySecret, securityToken }
      : { kind: 'access-key', accessKeyId, accessKeySecret }
  const account: ActiveAccount = { source: 'saved', credentials, regionId: record.data.regionId }
  if (record.data.endpoint !== null) account.endpoint = record.data.endpoint
  return account
}

/** The non-secret facts the renderer may see. */
export function accountInfoOf(account: ActiveAccount | null): AccountInfo {
  if (account === null) {
    return {
      configured: false,
      kind: null,
      maskedAccessKeyId: null,
      regionId: null,
      endpoint: null,
      source: null,
    }
  }
  return {
    configured: true,
    kind: account.credentials.kind,
    maskedAccessKeyId:
      account.credentials.kind === 'chain'
        ? null
        : maskAccessKeyId(account.credentials.accessKeyId),
    regionId: account.regionId,
    endpoint: account.endpoint ?? null,
    source: account.source,
  }
}

/** Credentials typed in the settings screen, as the VOD client takes them. */
export function accountFromInput(credentials: AccountCredentials): ActiveAccount {
  const vodCredentials: ActiveAccount['credentials'] =
    credentials.kind === 'chain'
      ? { kind: 'chain', ...(credentials.profile ? { profile: credentials.profile } : {}) }
      : credentials.kind === 'sts'
        ? {
            kind: 'sts',
            accessKeyId: credentials.accessKeyId,
            accessKeySecret: credentials.accessKeySecret,
            securityToken: credentials.securityToken,
          }
        : {
            kind: 'access-key',
            accessKeyId: credentials.accessKeyId,
            accessKeySecret: credentials.accessKeySecret,
          }
  const account: ActiveAccount = {
    source: 'saved',
    credentials: vodCredentials,
    regionId: credentials.regionId,
  }
  if (credentials.endpoint !== undefined) account.endpoint = credentials.endpoint
  return account
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
