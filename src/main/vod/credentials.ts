import { AppError } from '../../shared/errors'
import type { CredentialChain } from './credential-chain'

/** A long-lived AccessKey pair of an Alibaba Cloud account or RAM user. */
export interface AccessKeyCredentials {
  kind: 'access-key'
  accessKeyId: string
  accessKeySecret: string
}

/** Temporary STS credentials (AssumeRole): the key id starts with `STS.` and needs its token. */
export interface StsCredentials {
  kind: 'sts'
  accessKeyId: string
  accessKeySecret: string
  securityToken: string
  /** ISO time after which the server answers `InvalidSecurityToken.Expired`, when known. */
  expiration?: string
}

/**
 * The official credential chain (or one profile of it): every API call signs with what it
 * hands out at that moment, so sessions it refreshes rotate under running downloads.
 */
export interface ChainCredentialsSource {
  kind: 'chain'
  chain: CredentialChain
}

export type VodCredentials = AccessKeyCredentials | StsCredentials | ChainCredentialsSource

/** The variable names the Alibaba Cloud SDKs and CLI read; we read the same ones. */
export const credentialEnvironmentVariables = {
  accessKeyId: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
  accessKeySecret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  securityToken: 'ALIBABA_CLOUD_SECURITY_TOKEN',
} as const

/**
 * Reads credentials from environment variables. Returns undefined when none are set (the
 * caller then falls back to Settings) and throws `NotConfigured` when only half a pair is set,
 * because silently ignoring a half-configured shell is harder to debug than a clear error.
 */
export function credentialsFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): VodCredentials | undefined {
  const accessKeyId = nonEmpty(env[credentialEnvironmentVariables.accessKeyId])
  const accessKeySecret = nonEmpty(env[credentialEnvironmentVariables.accessKeySecret])
  const securityToken = nonEmpty(env[credentialEnvironmentVariables.securityToken])
  if (accessKeyId === undefined && accessKeySecret === undefined) return undefined
  if (accessKeyId === undefined) {
    throw new AppError('NotConfigured', `${credentialEnvironmentVariables.accessKeyId} is not set`)
  }
  if (accessKeySecret === undefined) {
    throw new AppError(
      'NotConfigured',
      `${credentialEnvironmentVariables.accessKeySecret} is not set`,
    )
  }
  return securityToken === undefined
    ? { kind: 'access-key', accessKeyId, accessKeySecret }
    : { kind: 'sts', accessKeyId, accessKeySecret, securityToken }
}

/** A form safe for logs and the UI: the key id shortened, never the secret or the token. */
export function describeCredentials(credentials: VodCredentials): string {
  if (credentials.kind === 'chain') {
    const { profile, provider } = credentials.chain.status()
    return `credential chain${profile ? ` (profile ${profile})` : ''}${provider ? `: ${provider}` : ''}`
  }
  const id = credentials.accessKeyId
  const shortened = id.length > 8 ? `${id.slice(0, 4)}…${id.slice(-4)}` : '…'
  return credentials.kind === 'sts' ? `STS ${shortened}` : `AccessKey ${shortened}`
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed === undefined || trimmed === '' ? undefined : trimmed
}
