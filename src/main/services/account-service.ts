import type {
  ShellKind,
  AccountCredentials,
  AccountInfo,
  AccountTestResult,
  DomainHandlers,
} from '../../shared/contract'
import { AppError, asAppError } from '../../shared/errors'
import type { Logger } from '../common/logger'
import type { SecretBox } from '../runtime/secret-box'
import type { VodClient } from '../vod/client'
import {
  createCredentialChain,
  credentialChainConfigured,
  type CredentialChain,
} from '../vod/credential-chain'
import { credentialsFromEnvironment, type VodCredentials } from '../vod/credentials'
import { endpointOverrideFromEnvironment, resolveEndpoint } from '../vod/endpoint'
import { defaultRegionId } from '../vod/regions'
import type { VodConnection } from '../vod/sdk-transport'
import {
  accountFromInput,
  accountInfoOf,
  openAccount,
  sealAccount,
  type ActiveAccount,
} from './account-record'
import type { EventSink } from './event-hub'
import type { KeyValueStore } from './settings-service'
import { settle } from './settle'

/**
 * Key of the saved account in the key → JSON store, per shell. The desktop app and the headless
 * host may share one data folder (and its jobs) but not a secret box: Electron's keychain
 * cannot read the host's key file and the other way round, so each keeps its own account
 * instead of overwriting the other's.
 */
export function accountKey(shell: ShellKind): string {
  return shell === 'electron' ? 'account' : `account.${shell}`
}

/** Environment variable naming the region for environment credentials (as the Alibaba CLI reads it). */
export const regionEnvironmentVariable = 'ALIBABA_CLOUD_REGION_ID'

/** A connection test waits at most this long for the API; a wrong endpoint should fail fast. */
const testReadTimeoutMs = 10_000

/** A new session expiry alone is announced at most this often (short sessions rotate a lot). */
const expiryAnnouncementIntervalMs = 5_000

/** What the account service needs; the store and box are the runtime's, the client factory the SDK's. */
export interface AccountServiceDependencies {
  store: KeyValueStore
  /** Where the saved account lives in the store (see `accountKey`). */
  storeKey: string
  secretBox: SecretBox
  environment: Readonly<Record<string, string | undefined>>
  events: EventSink
  /** Builds a VOD client over a connection (the SDK one in production). */
  createClient: (connection: () => VodConnection) => VodClient
  /** Builds the credential chain for a profile, or the whole default chain; the official one. */
  createChain?: (profile: string | undefined) => CredentialChain
  now: () => number
  log: Logger
}

/**
 * The VOD account: saved credentials (encrypted through the SecretBox) win over the standard
 * ALIBABA_CLOUD_* environment variables, and those over the official credential chain when one
 * of its sources is set up (credentials URI, OIDC, profile files). A saved account may also be
 * the chain, or one profile of it. Secrets flow in through `account.save` / `account.test` and
 * out only to the VOD client; `AccountInfo` is everything the renderer ever learns.
 */
export class AccountService {
  private saved: ActiveAccount | null
  private readonly fromEnvironment: ActiveAccount | null
  /** One chain per profile ('' for the whole chain), so its sessions are cached across calls. */
  private readonly chains = new Map<string, CredentialChain>()
  private announcedChain = { key: '', expiresAt: null as string | null, at: 0 }

  constructor(private readonly dependencies: AccountServiceDependencies) {
    this.saved = this.loadSaved()
    this.fromEnvironment = this.loadEnvironment()
    this.probeChain()
  }

  /** The account in use, or null when none is configured. */
  active(): ActiveAccount | null {
    return this.saved ?? this.fromEnvironment
  }

  /** The connection the VOD client uses right now; read on every API call. */
  connection(): VodConnection {
    const account = this.active()
    if (account === null) throw new AppError('NotConfigured')
    return connectionOf(account, this.credentialsOf(account))
  }

  /** True when the credentials in use cannot renew themselves (a saved or exported STS token). */
  usesStaticCredentials(): boolean {
    return this.active()?.credentials.kind !== 'chain'
  }

  info(): AccountInfo {
    const account = this.active()
    const info = accountInfoOf(account)
    if (account?.credentials.kind === 'chain') {
      const { profile, provider, expiresAt, error } = this.chainFor(
        account.credentials.profile,
      ).status()
      info.chain = { profile, provider, expiresAt, error }
    }
    return info
  }

  save(credentials: AccountCredentials): AccountInfo {
    const account = accountFromInput(credentials)
    // Refuse an endpoint the client could never use now, not at the first search.
    connectionEndpoint(account)
    this.dependencies.store.set(
      this.dependencies.storeKey,
      sealAccount(credentials, this.dependencies.secretBox),
    )
    this.saved = account
    const info = this.announce()
    this.probeChain()
    return info
  }

  clear(): AccountInfo {
    this.dependencies.store.delete(this.dependencies.storeKey)
    this.saved = null
    return this.announce()
  }

  /**
   * Calls SearchMedia with PageSize 1: the cheapest call that proves the key, the secret, the
   * region and the VOD service at once. Failure is an answer here, not an error.
   */
  async test(credentials?: AccountCredentials): Promise<AccountTestResult> {
    const account = credentials ? accountFromInput(credentials) : this.active()
    if (account === null) return { status: 'failed', error: new AppError('NotConfigured').toData() }
    try {
      const endpoint = connectionEndpoint(account)
      // Credentials being tested get a chain of their own: nothing cached, nothing announced.
      const chain =
        account.credentials.kind === 'chain'
          ? this.createChain(account.credentials.profile)
          : undefined
      const connection: VodConnection = {
        ...connectionOf(
          account,
          chain ? { kind: 'chain', chain } : (account.credentials as VodCredentials),
        ),
        readTimeoutMs: testReadTimeoutMs,
      }
      const client = this.dependencies.createClient(() => connection)
      const startedAt = this.dependencies.now()
      await client.searchMedia({ searchType: 'video', pageSize: 1 })
      const provider = chain?.status().provider
      return {
        status: 'connected',
        endpoint,
        latencyMs: this.dependencies.now() - startedAt,
        ...(provider ? { credentialSource: provider } : {}),
      }
    } catch (error) {
      return { status: 'failed', error: asAppError(error).toData() }
    }
  }

  private announce(): AccountInfo {
    const info = this.info()
    this.dependencies.events({ event: 'account.changed', payload: info })
    return info
  }

  private createChain(profile: string | undefined): CredentialChain {
    return (this.dependencies.createChain ?? ((name) => createCredentialChain({ profile: name })))(
      profile,
    )
  }

  /** The chain of a profile, built once and watched so Settings learns what it found. */
  private chainFor(profile: string | undefined): CredentialChain {
    const key = profile ?? ''
    let chain = this.chains.get(key)
    if (!chain) {
      const inner = this.createChain(profile)
      chain = {
        current: async () => {
          try {
            return await inner.current()
          } finally {
            this.noteChainStatus(inner)
          }
        },
        status: () => inner.status(),
      }
      this.chains.set(key, chain)
    }
    return chain
  }

  private credentialsOf(account: ActiveAccount): VodCredentials {
    return account.credentials.kind === 'chain'
      ? { kind: 'chain', chain: this.chainFor(account.credentials.profile) }
      : account.credentials
  }

  /**
   * Announces what the chain found when its source or error changes at once, and a new session
   * expiry at most every few seconds.
   */
  private noteChainStatus(chain: CredentialChain): void {
    const { provider, expiresAt, error } = chain.status()
    const key = `${provider ?? ''}|${error ?? ''}`
    const now = this.dependencies.now()
    const last = this.announcedChain
    if (key === last.key) {
      if (expiresAt === last.expiresAt) return
      if (now - last.at < expiryAnnouncementIntervalMs) return
    }
    this.announcedChain = { key, expiresAt, at: now }
    this.announce()
  }

  /** Asks the chain once in the background, so Settings shows what it finds before any call. */
  private probeChain(): void {
    const account = this.active()
    if (account?.credentials.kind !== 'chain') return
    this.chainFor(account.credentials.profile)
      .current()
      .catch((error: unknown) =>
        this.dependencies.log.warn(`credential chain: ${asAppError(error).message}`),
      )
  }

  private loadSaved(): ActiveAccount | null {
    try {
      return openAccount(
        this.dependencies.store.get(this.dependencies.storeKey),
        this.dependencies.secretBox,
      )
    } catch (error) {
      // The key changed (a new machine, a lost key file): the user has to enter the key again.
      this.dependencies.log.warn(`saved VOD account unreadable: ${asAppError(error).message}`)
      return null
    }
  }

  private loadEnvironment(): ActiveAccount | null {
    const { environment, log } = this.dependencies
    try {
      const fromVariables = credentialsFromEnvironment(environment)
      // No AccessKey variables: the chain, when one of its other sources is set up.
      const credentials: ActiveAccount['credentials'] | undefined =
        fromVariables ?? (credentialChainConfigured(environment) ? { kind: 'chain' } : undefined)
      if (!credentials) return null
      const account: ActiveAccount = {
        source: 'environment',
        credentials,
        regionId: environment[regionEnvironmentVariable]?.trim() || defaultRegionId,
      }
      const endpoint = endpointOverrideFromEnvironment(environment)
      if (endpoint !== undefined) account.endpoint = endpoint
      return account
    } catch (error) {
      log.warn(`environment credentials ignored: ${asAppError(error).message}`)
      return null
    }
  }
}

function connectionOf(account: ActiveAccount, credentials: VodCredentials): VodConnection {
  const connection: VodConnection = { credentials, regionId: account.regionId }
  if (account.endpoint !== undefined) connection.endpoint = account.endpoint
  return connection
}

/** `https://vod.cn-shanghai.aliyuncs.com` or the override, as a URL for display. */
function connectionEndpoint(account: ActiveAccount): string {
  const endpoint = resolveEndpoint(account.regionId, account.endpoint)
  return `${endpoint.protocol}://${endpoint.host}`
}

/** The `account.*` requests. */
export function accountHandlers(service: AccountService): DomainHandlers<'account'> {
  return {
    'account.get': () => settle(() => service.info()),
    'account.save': (credentials) => settle(() => service.save(credentials)),
    'account.test': (input) => service.test(input.credentials),
    'account.clear': () => settle(() => service.clear()),
  }
}
