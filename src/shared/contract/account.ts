import { z } from 'zod'
import type { ErrorData } from '../errors'

/**
 * The VOD account. Secrets go one way only: the renderer may send an AccessKey secret or an STS
 * token in `account.save` / `account.test`, and nothing ever sends them back. `AccountInfo` is
 * the whole of what the renderer can learn about a saved account.
 */

export const regionIdSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{2,40}$/)

/** A host name with an optional scheme and port; the port lets a local VOD emulator stand in. */
export const endpointSchema = z
  .string()
  .trim()
  .max(255)
  .regex(/^(https?:\/\/)?[A-Za-z0-9.-]+(:\d{1,5})?\/?$/)

const accessKeyIdSchema = z.string().trim().min(1).max(128)
const accessKeySecretSchema = z.string().min(1).max(256)

export const accessKeyCredentialsSchema = z.strictObject({
  kind: z.literal('access-key'),
  accessKeyId: accessKeyIdSchema,
  accessKeySecret: accessKeySecretSchema,
  regionId: regionIdSchema,
  endpoint: endpointSchema.optional(),
})

/** STS temporary credentials (AccessKey ids start with `STS.`); they expire with their token. */
export const stsCredentialsSchema = z.strictObject({
  kind: z.literal('sts'),
  accessKeyId: accessKeyIdSchema,
  accessKeySecret: accessKeySecretSchema,
  securityToken: z.string().min(1).max(8192),
  regionId: regionIdSchema,
  endpoint: endpointSchema.optional(),
})

/** A profile name of `~/.aliyun/config.json` or `~/.alibabacloud/credentials`. */
export const credentialProfileSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,64}$/)

/**
 * The official credential chain of the Alibaba Cloud SDKs (environment variables, credentials
 * URI, OIDC, the `aliyun` CLI and ini profiles, ECS RAM role), or one named profile of it. No
 * secret crosses: main finds the credentials itself, and they refresh by themselves.
 */
export const chainCredentialsSchema = z.strictObject({
  kind: z.literal('chain'),
  profile: credentialProfileSchema.optional(),
  regionId: regionIdSchema,
  endpoint: endpointSchema.optional(),
})

export const accountCredentialsSchema = z.discriminatedUnion('kind', [
  accessKeyCredentialsSchema,
  stsCredentialsSchema,
  chainCredentialsSchema,
])

export type AccountCredentials = z.infer<typeof accountCredentialsSchema>

export type AccountKind = AccountCredentials['kind']

/** Where the active credentials come from: saved in the app or the ALIBABA_CLOUD_* environment. */
export type AccountSource = 'saved' | 'environment'

/** What the credential chain found: never a secret. */
export interface CredentialChainInfo {
  /** The profile asked for, or null for the whole default chain. */
  profile: string | null
  /** The source that answered, e.g. `default/credential_uri`; null until it was asked. */
  provider: string | null
  /** When the current session expires (ISO 8601 UTC), for temporary sessions. */
  expiresAt: string | null
  /** Why nothing was found the last time the chain was asked. */
  error: string | null
}

/** Non-secret facts about the configured account. */
export interface AccountInfo {
  configured: boolean
  kind: AccountKind | null
  /** For recognition only, e.g. `LTAI****wxyz`. */
  maskedAccessKeyId: string | null
  regionId: string | null
  /** The endpoint override, or null for the region's public endpoint. */
  endpoint: string | null
  source: AccountSource | null
  /** Accounts of kind `chain`: which source was found and when its session expires. */
  chain?: CredentialChainInfo
}

export const unconfiguredAccount: AccountInfo = {
  configured: false,
  kind: null,
  maskedAccessKeyId: null,
  regionId: null,
  endpoint: null,
  source: null,
}

export const accountTestInputSchema = z.strictObject({
  /** Test these credentials without saving them; absent tests the saved account. */
  credentials: accountCredentialsSchema.optional(),
})

/**
 * A connection test answers as a value, not as a failed request: "the key is wrong" is the
 * expected, displayable outcome of this request.
 */
export type AccountTestResult =
  | {
      status: 'connected'
      endpoint: string
      latencyMs: number
      /** The credential chain's source that answered, when the chain was tested. */
      credentialSource?: string
    }
  | { status: 'failed'; error: ErrorData }

export interface Region {
  id: string
  name: string
  nameZh: string
  endpoint: string
}

/**
 * Masks an AccessKey id for display: enough to recognise which key it is, not enough to use it
 * in a support screenshot.
 */
export function maskAccessKeyId(accessKeyId: string): string {
  if (accessKeyId.length <= 8) return `${accessKeyId.slice(0, 2)}****`
  return `${accessKeyId.slice(0, 4)}****${accessKeyId.slice(-4)}`
}
