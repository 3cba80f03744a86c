import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import * as CredentialsModule from '@alicloud/credentials'
import { AppError } from '../../shared/errors'

/**
 * The official credential chain of `@alicloud/credentials`, as the Alibaba Cloud SDKs and CLI
 * use it: environment AccessKey / STS variables, OIDC (`ALIBABA_CLOUD_ROLE_ARN`,
 * `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`, `ALIBABA_CLOUD_OIDC_TOKEN_FILE`), the `aliyun` CLI's
 * `~/.aliyun/config.json` (AK, StsToken, RamRoleArn, EcsRamRole, OIDC… modes), the
 * `~/.alibabacloud/credentials` ini file (`ALIBABA_CLOUD_PROFILE`, default `default`), the ECS
 * RAM role (instance metadata) and `ALIBABA_CLOUD_CREDENTIALS_URI`, in that order. Providers of
 * temporary sessions (URI, ECS, RAM role, OIDC) refresh them before they expire, so asking the
 * chain before every API call always gives a valid session. Like the SDK, the chain reads the
 * process environment and the user's home folder.
 */

/** One set of credentials the chain handed out, and where it came from. */
export interface ChainCredentials {
  accessKeyId: string
  accessKeySecret: string
  securityToken?: string
  /** The providers that answered, e.g. `default/credential_uri`, `cli_profile/static_ak`. */
  providerName: string
}

/** What the chain last found, for Settings; never a secret. */
export interface CredentialChainStatus {
  /** The profile asked for (`--profile`, Settings), or null for the whole default chain. */
  profile: string | null
  /** The source that answered last time (e.g. `default/credential_uri`), or null before. */
  provider: string | null
  /** When its session expires (ISO 8601 UTC), for temporary sessions that say so. */
  expiresAt: string | null
  /** Why the last attempt found nothing. */
  error: string | null
}

export interface CredentialChain {
  /** Credentials for the next API call; a session that is about to expire is refreshed first. */
  current(): Promise<ChainCredentials>
  status(): CredentialChainStatus
}

/** The subset of a `@alicloud/credentials` provider the chain uses. */
export interface CredentialsProviderLike {
  getCredentials(): Promise<{
    accessKeyId: string
    accessKeySecret: string
    securityToken?: string
    providerName?: string
  }>
  getProviderName(): string
}

interface CredentialsExports {
  DefaultCredentialsProvider: { builder(): { build(): CredentialsProviderLike } }
  CLIProfileCredentialsProvider: {
    builder(): { withProfileName(name: string): { build(): CredentialsProviderLike } }
  }
  ProfileCredentialsProvider: {
    builder(): { withProfileName(name: string): { build(): CredentialsProviderLike } }
  }
}

/**
 * Node's ESM loader gives this CommonJS package's named exports on the namespace (and its whole
 * `module.exports` as `default`); bundlers may only keep them on `default`. Accept both.
 */
function credentialsExports(): CredentialsExports {
  const namespace = CredentialsModule as unknown as Partial<CredentialsExports> & {
    default?: unknown
  }
  if (namespace.DefaultCredentialsProvider) return namespace as CredentialsExports
  return namespace.default as CredentialsExports
}

/** The official default chain (`DefaultCredentialsProvider`), as every Alibaba Cloud SDK builds it. */
export function officialDefaultProvider(): CredentialsProviderLike {
  return credentialsExports().DefaultCredentialsProvider.builder().build()
}

/**
 * A named profile: the chain's two profile sources only, each asked for that profile — the
 * `aliyun` CLI's config first, then the credentials ini file — so `--profile NAME` means that
 * profile even when AccessKey variables are set in the environment.
 */
export function profileProvider(profile: string): CredentialsProviderLike {
  const { CLIProfileCredentialsProvider, ProfileCredentialsProvider } = credentialsExports()
  return new FirstThatAnswers(profile, [
    CLIProfileCredentialsProvider.builder().withProfileName(profile).build(),
    ProfileCredentialsProvider.builder().withProfileName(profile).build(),
  ])
}

/** Tries providers in order and keeps the first that answers, as the default chain does. */
class FirstThatAnswers implements CredentialsProviderLike {
  private chosen: CredentialsProviderLike | undefined

  constructor(
    private readonly profile: string,
    private readonly providers: readonly CredentialsProviderLike[],
  ) {}

  async getCredentials(): ReturnType<CredentialsProviderLike['getCredentials']> {
    if (this.chosen) return this.chosen.getCredentials()
    const reasons: string[] = []
    for (const provider of this.providers) {
      try {
        const found = await provider.getCredentials()
        this.chosen = provider
        return found
      } catch (error) {
        reasons.push(error instanceof Error ? error.message : String(error))
      }
    }
    throw new Error(`no profile named ${this.profile}: ${reasons.join('; ')}`)
  }

  getProviderName(): string {
    return 'profile-chain'
  }
}

export interface CredentialChainOptions {
  /** Narrows the chain to this profile of the two profile files. */
  profile?: string
  /** Builds the providers; tests pass their own. Default: the official ones above. */
  createProvider?: (profile: string | undefined) => CredentialsProviderLike
}

/**
 * The chain the app uses. It asks the provider before every API call (the provider caches and
 * refreshes sessions itself). When nothing in the chain answers, the provider is built anew
 * for the next attempt: the official default chain otherwise keeps asking only the source it
 * tried last, so a profile written or a variable set later would never be seen.
 */
export function createCredentialChain(options: CredentialChainOptions = {}): CredentialChain {
  const profile = options.profile?.trim() || undefined
  const create =
    options.createProvider ??
    ((name: string | undefined) => (name ? profileProvider(name) : officialDefaultProvider()))
  let provider: CredentialsProviderLike | undefined
  const status: CredentialChainStatus = {
    profile: profile ?? null,
    provider: null,
    expiresAt: null,
    error: null,
  }
  let pending: Promise<ChainCredentials> | undefined
  const ask = async (): Promise<ChainCredentials> => {
    let used: CredentialsProviderLike | undefined
    try {
      provider ??= create(profile)
      used = provider
      const found = await used.getCredentials()
      const providerName = found.providerName || used.getProviderName()
      status.provider = providerName
      status.expiresAt = sessionExpiration(used) ?? null
      status.error = null
      return {
        accessKeyId: found.accessKeyId,
        accessKeySecret: found.accessKeySecret,
        ...(found.securityToken ? { securityToken: found.securityToken } : {}),
        providerName,
      }
    } catch (error) {
      if (provider === used) provider = undefined
      const reason = error instanceof Error ? error.message : String(error)
      status.error = redactSecrets(reason)
      throw new AppError('CredentialsUnavailable', status.error, { cause: error })
    }
  }
  return {
    // One question at a time, shared by every call that comes while it is asked: the official
    // default chain is not safe to ask twice at once (a second caller would be answered by
    // whichever source the first is still trying).
    current() {
      pending ??= ask().finally(() => {
        pending = undefined
      })
      return pending
    },
    status: () => ({ ...status }),
  }
}

/**
 * The expiry of the session a provider holds, found through the providers it wraps
 * (`lastUsedProvider` of the default chain, `innerProvider` of a profile, `chosen` above).
 * These are the SDK's own fields, not its API: when they change, the expiry is just not shown.
 */
export function sessionExpiration(provider: unknown, depth = 0): string | undefined {
  if (depth > 6 || typeof provider !== 'object' || provider === null) return undefined
  const fields = provider as Record<string, unknown>
  const session = fields.session as { expiration?: unknown } | undefined
  if (session && typeof session.expiration === 'string') return session.expiration
  for (const inner of [fields.lastUsedProvider, fields.innerProvider, fields.chosen]) {
    const found = sessionExpiration(inner, depth + 1)
    if (found) return found
  }
  return undefined
}

/** Provider messages can quote a whole JSON answer (a credentials URI's) or a config file. */
function redactSecrets(text: string): string {
  return text
    .replace(
      /("?(?:AccessKeySecret|SecurityToken|access_key_secret|sts_token)"?\s*[:=]\s*")[^"]*"/gi,
      '$1…"',
    )
    .slice(0, 500)
}

/** Environment variables that point the chain at a source; their presence means "use the chain". */
const chainVariables = [
  'ALIBABA_CLOUD_CREDENTIALS_URI',
  'ALIBABA_CLOUD_ROLE_ARN',
  'ALIBABA_CLOUD_OIDC_TOKEN_FILE',
  'ALIBABA_CLOUD_PROFILE',
  'ALIBABA_CLOUD_ECS_METADATA',
  'ALIBABA_CLOUD_CREDENTIALS_FILE',
] as const

/**
 * Whether one of the chain's sources is visibly set up: one of its variables, or one of the
 * two profile files. An ECS instance whose RAM role is not named in `ALIBABA_CLOUD_ECS_METADATA`
 * cannot be seen without asking the metadata service: choose the chain in Settings (or pass
 * `--profile`) there.
 */
export function credentialChainConfigured(
  environment: Readonly<Record<string, string | undefined>>,
  home: string = environment.HOME ?? environment.USERPROFILE ?? homedir(),
): boolean {
  if (chainVariables.some((name) => (environment[name]?.trim() ?? '') !== '')) return true
  return (
    existsSync(join(home, '.aliyun', 'config.json')) ||
    existsSync(join(home, '.alibabacloud', 'credentials'))
  )
}
