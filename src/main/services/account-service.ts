import type {
  ShellKind,
  AccountCredentials,
  AccountInfo,
  AccountTestResult,
  DomainHandlers,
} from '../../shared/contract'
import { AppError, asAppError } from '../../shared/errors'
import type { Logger } from '../engine/logger'
import type { SecretBox } from '../runtime/secret-box'
import type { VodClient } from '../vod/client'
import { credentialsFromEnvironment } from '../vod/credentials'
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
  now: () => number
  log: Logger
}

/**
 * The VOD account: saved credentials (encrypted through the SecretBox) win over the standard
 * ALIBABA_CLOUD_* environment variables. Secrets flow in through `account.save` / `account.test`
 * and out only to the VOD client; `AccountInfo` is everything the renderer ever learns.
 */
export class AccountService {
  private saved: ActiveAccount | null
  private readonly fromEnvironment: ActiveAccount | null

  constructor(private readonly dependencies: AccountServiceDependencies) {
    this.saved = this.loadSaved()
    this.fromEnvironment = this.loadEnvironment()
  }

  /** The account in use, or null when none is configured. */
  active(): ActiveAccount | null {
    return this.saved ?? this.fromEnvironment
  }

  /** The connection the VOD client uses right now; read on every API call. */
  connection(): VodConnection {
    const account = this.active()
    if (account === null) throw new AppError('NotConfigured')
    return connectionOf(account)
  }

  info(): AccountInfo {
    return accountInfoOf(this.active())
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
    return this.announce()
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
      const connection: VodConnection = {
        ...connectionOf(account),
        readTimeoutMs: testReadTimeoutMs,
      }
      const client = this.dependencies.createClient(() => connection)
      const startedAt = this.dependencies.now()
      await client.searchMedia({ searchType: 'video', pageSize: 1 })
      return { status: 'connected', endpoint, latencyMs: this.dependencies.now() - startedAt }
    } catch (error) {
      return { status: 'failed', error: asAppError(error).toData() }
    }
  }

  private announce(): AccountInfo {
    const info = this.info()
    this.dependencies.events({ event: 'account.changed', payload: info })
    return info
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
      const credentials = credentialsFromEnvironment(environment)
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

function connectionOf(account: ActiveAccount): VodConnection {
  const connection: VodConnection = { credentials: account.credentials, regionId: account.regionId }
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
