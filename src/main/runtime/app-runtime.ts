import type { Handlers, ShellKind, Unsubscribe } from '../../shared/contract'
import { createDefaultSettings, parseHlsKeyHosts } from '../../shared/settings'
import { systemClock, type Clock } from '../common/clock'
import type { SqliteDatabase } from '../database/connection'
import type { EngineSettings } from '../engine/job-manager'
import { teeLogger, type Logger } from '../common/logger'
import { DiagnosticLog, type LogProcess } from '../diagnostics/diagnostic-log'
import { diagnosticsHandlers } from '../diagnostics/diagnostics-handlers'
import type { LogLevel } from '../diagnostics/log-level'
import { environmentProxyRoute } from '../network/environment-proxy'
import { networkHandlers } from '../network/network-handlers'
import { createProxyNetwork } from '../network/proxy-network'
import { ProxyPasswordStore, proxyPasswordKey } from '../network/proxy-password'
import {
  createProxyResolver,
  proxyChoiceOf,
  type ProxyResolver,
  type SystemProxy,
} from '../network/proxy-resolver'
import { holdJobsOnExpiredCredentials } from '../services/account-credential-wait'
import { AccountService, accountHandlers, accountKey } from '../services/account-service'
import { BackupService, backupsHandlers } from '../services/backup-service'
import { appHandlers, capabilitiesOf } from '../services/app-info'
import type { DesktopFileActions } from '../services/desktop-file-actions'
import { DownloadsService, downloadsHandlers } from '../services/downloads-service'
import { EventHub, type EventSink } from '../services/event-hub'
import { dialogHandlers, FilesService, filesHandlers } from '../services/files-service'
import { bridgeJobEvents } from '../services/job-event-bridge'
import { hlsTokenKey } from '../services/hls-token-record'
import { LibraryService, libraryHandlers } from '../services/library-service'
import { ListsService, listsHandlers } from '../services/lists-service'
import { MediaService, mediaHandlers } from '../services/media-service'
import { regionsHandlers } from '../services/regions-handlers'
import { resolverSettingsOf, SettingsService, settingsHandlers } from '../services/settings-service'
import type { VodClient } from '../vod/client'
import { createVodClient } from '../vod/create-vod-client'
import type { VodLogger } from '../vod/logger'
import type { VodConnection } from '../vod/sdk-transport'
import { VodSourceResolver } from '../vod/vod-source-resolver'
import { logFolderOf } from '../diagnostics/log-folder'
import { defaultDownloadFolder } from './data-folder'
import { createEngineRuntime, type EngineRuntime } from './engine-runtime'
import type { SecretBox } from './secret-box'

/** What a shell hands the composition root. */
export interface AppRuntimeOptions {
  /** Where the job database (and, for the headless host, the secret key) lives. */
  dataFolder: string
  shell: ShellKind
  /** Encrypts saved credentials: Electron safeStorage on the desktop, a key file headless. */
  secretBox: SecretBox
  /** The desktop's file actions; absent in the headless host. */
  desktop?: DesktopFileActions
  log: Logger
  /** Read for ALIBABA_CLOUD_* credentials, ALIBABA_CLOUD_REGION_ID and VOD_ENDPOINT. */
  environment: Readonly<Record<string, string | undefined>>
  /** The download folder of a first start; default `<home>/Downloads/VOD Downloader`. */
  downloadFolder?: string
  /** Shown in `app.info`. */
  version?: string
  /** Engine settings the user does not set (tests shorten intervals and timeouts). */
  engineSettings?: Partial<EngineSettings>
  clock?: Clock
  /** Builds the VOD client; default the official SDK. */
  createVodClient?: (connection: () => VodConnection) => VodClient
  /**
   * The system proxy (Settings › Network › System): the desktop asks Electron's session (OS
   * settings, PAC); default the `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` variables.
   */
  systemProxy?: SystemProxy
  /** The diagnostic log in `<data folder>/logs`: which program writes, from which level. */
  diagnostics?: { process: LogProcess; level: LogLevel }
  /** Opens a folder in the OS file manager (desktop only). */
  openFolder?: (path: string) => Promise<void>
}

/** Everything a shell needs: the contract's handlers, its events, and the engine underneath. */
export interface AppRuntime {
  /** One handler per request; bridges call them through `dispatchRequest`. */
  readonly handlers: Handlers
  readonly events: { subscribe(listener: EventSink): Unsubscribe }
  readonly engine: EngineRuntime
  readonly account: AccountService
  readonly settings: SettingsService
  /** The diagnostic log, when the shell asked for one. */
  readonly diagnosticLog: DiagnosticLog | undefined
  /** The route every download and API call takes (Settings › Network, or the system's). */
  readonly proxy: ProxyResolver
  /** Stops the engine (jobs checkpoint and resume on the next start) and closes the database. */
  close(): Promise<void>
}

/**
 * Forwards the VOD module's log lines (already free of secrets) to the app's log, and to the
 * diagnostic log with their fields (the action, the RequestId) as fields of the line.
 */
function vodLoggerOf(log: Logger, diagnostic: DiagnosticLog | undefined): VodLogger {
  const file = diagnostic?.logger('vod')
  return {
    debug: (message, fields) => file?.debug?.(message, fields),
    warn: (message, fields) => {
      log.warn(fields ? `${message} ${JSON.stringify(fields)}` : message)
      file?.warn(message, fields)
    },
  }
}

/**
 * A write after which the database keeps no stale copy of what it removed: SQLite zeroes the
 * space the write frees, and a checkpoint then empties the write-ahead log, which still holds
 * the pages as they were (best effort: another process reading the database can hold it back).
 */
function erasingWriteOf(database: SqliteDatabase, log: Logger): (write: () => void) => void {
  return (write) => {
    database.pragma('secure_delete = ON')
    try {
      write()
    } finally {
      database.pragma('secure_delete = OFF')
    }
    const [result] = database.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>
    if (result?.busy) log.warn('the write-ahead log could not be emptied yet (database in use)')
  }
}

/**
 * The composition root shared by the headless host and the desktop shell: the engine with the
 * VOD resolver, the services behind every request of the contract, and the event bridge. The
 * VOD client reads the account service's connection on every call and the resolver reads the
 * settings on every URL, so Settings changes apply without rebuilding anything.
 */
export function createAppRuntime(options: AppRuntimeOptions): AppRuntime {
  const { environment } = options
  const diagnosticLog = options.diagnostics
    ? new DiagnosticLog({ dataFolder: options.dataFolder, ...options.diagnostics })
    : undefined
  const log = diagnosticLog ? teeLogger(options.log, diagnosticLog.logger('app')) : options.log
  const engineLog = diagnosticLog
    ? teeLogger(options.log, diagnosticLog.logger('engine'))
    : options.log
  const vodLog = vodLoggerOf(options.log, diagnosticLog)
  const clock = options.clock ?? systemClock
  const hub = new EventHub((error) => log.warn(`event subscriber failed: ${String(error)}`))
  const makeClient =
    options.createVodClient ??
    ((connection: () => VodConnection) => createVodClient(connection, { logger: vodLog }))

  // Read on every request: a change in Settings › Network applies to the next one.
  const systemProxy =
    options.systemProxy ??
    ((url: string) => Promise.resolve(environmentProxyRoute(url, environment)))
  const proxy = createProxyResolver(
    () => proxyChoiceOf(settings.current(), proxyPassword.current()),
    systemProxy,
  )
  const proxyNetwork = createProxyNetwork(proxy)

  // The client and resolver are only called once jobs or requests run, after the services
  // below exist; they read the account and the settings at that time.
  const client = makeClient(() => ({ ...account.connection(), proxy }))
  const resolver = new VodSourceResolver({
    client,
    clock,
    settings: () => resolverSettingsOf(settings.current(), settings.hlsToken()),
    logger: vodLog,
  })
  const engine = createEngineRuntime({
    dataFolder: options.dataFolder,
    log: engineLog,
    agents: proxyNetwork.agents,
    clock,
    settings: options.engineSettings,
    resolvers: [resolver],
    // Key requests of HLS standard encryption carry the sealed token from Settings, read each
    // time, and only to the playlist's host or a host the user allowed.
    hls: {
      mtsHlsUriToken: () => settings.hlsToken(),
      keyHosts: () => parseHlsKeyHosts(settings.current().hlsKeyHosts),
    },
  })
  const manager = engine.manager
  const settings = new SettingsService({
    store: engine.settings,
    defaults: createDefaultSettings(options.downloadFolder ?? defaultDownloadFolder()),
    engine: manager,
    events: hub.emit,
    secretBox: options.secretBox,
    tokenKey: hlsTokenKey(options.shell),
    log,
    erasingWrite: erasingWriteOf(engine.database, log),
  })
  const proxyPassword = new ProxyPasswordStore(
    engine.settings,
    proxyPasswordKey(options.shell),
    options.secretBox,
    (reason) => log.warn(`saved proxy password unreadable: ${reason}`),
  )
  const account = new AccountService({
    store: engine.settings,
    storeKey: accountKey(options.shell),
    secretBox: options.secretBox,
    environment,
    events: hub.emit,
    // "Test connection" goes the way every other call goes.
    createClient: (connection) => makeClient(() => ({ ...connection(), proxy })),
    now: () => clock.now(),
    log,
  })
  const library = new LibraryService({
    client,
    now: () => clock.now(),
    accountScope: () => JSON.stringify(account.info()),
  })
  const media = new MediaService({
    client,
    settings: () => settings.current(),
    jobs: () => manager.list(),
  })
  const downloads = new DownloadsService({
    client,
    engine: manager,
    settings: () => settings.current(),
    log,
    batchNotes: engine.settings,
  })
  const lists = new ListsService({
    client,
    engine: manager,
    settings: () => settings.current(),
    now: () => clock.now(),
    removeDownloads: (ids) => downloads.remove(ids, false),
  })
  const files = new FilesService({ job: (id) => manager.get(id), desktop: options.desktop })
  const backups = new BackupService({
    store: engine.settings,
    client,
    engine: manager,
    jobs: engine.jobs,
    settings: () => settings.current(),
    shell: options.shell,
    events: hub.emit,
    now: () => clock.now(),
    log,
  })
  const bridge = bridgeJobEvents(manager.events, hub.emit)
  // Jobs whose static STS credentials expired wait, paused, and resume when new ones are saved.
  const credentialHold = holdJobsOnExpiredCredentials(manager, {
    staticCredentials: () => account.usesStaticCredentials(),
    log: (message) => log.info(message),
  })
  const stopWatchingAccount = hub.subscribe((message) => {
    if (message.event === 'account.changed') credentialHold.credentialsChanged()
  })

  const handlers: Handlers = {
    ...appHandlers({
      version: options.version ?? '0.0.0',
      shell: options.shell,
      platform: process.platform,
      capabilities: capabilitiesOf(options.shell, options.desktop !== undefined),
    }),
    ...settingsHandlers(settings),
    ...accountHandlers(account),
    ...regionsHandlers(),
    ...libraryHandlers(library),
    ...mediaHandlers(media),
    ...downloadsHandlers(downloads),
    ...filesHandlers(files),
    ...dialogHandlers(files),
    ...listsHandlers(lists),
    ...backupsHandlers(backups),
    ...networkHandlers(proxyPassword),
    ...diagnosticsHandlers({
      logFolder: diagnosticLog?.folder ?? logFolderOf(options.dataFolder),
      bundleFolder: () => settings.current().downloadDirectory,
      facts: () => ({
        app: {
          name: 'VOD Downloader',
          version: options.version ?? '0.0.0',
          process: options.shell,
        },
        settings: settings.current(),
        account: account.info(),
        jobs: manager.list(),
      }),
      flushLog: () => diagnosticLog?.flush() ?? Promise.resolve(),
      ...(options.openFolder ? { openFolder: options.openFolder } : {}),
    }),
  }

  manager.start()
  // Jobs held when the app last stopped try the credentials of this start.
  credentialHold.credentialsChanged()

  let closing: Promise<void> | undefined
  return {
    handlers,
    events: { subscribe: (listener) => hub.subscribe(listener) },
    engine,
    account,
    settings,
    diagnosticLog,
    proxy,
    close() {
      closing ??= (async () => {
        stopWatchingAccount()
        credentialHold.dispose()
        // A backup that is cut short continues from its manifest next time.
        await backups.close()
        await engine.close()
        proxyNetwork.close()
        bridge.dispose()
        hub.clear()
        await diagnosticLog?.close()
      })()
      return closing
    },
  }
}
