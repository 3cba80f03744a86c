import type { EmulatorOptions, RunningEmulator } from '../emulator/index'
import type { EngineSettings } from '../main/engine/job-manager'
import { teeLogger, type Logger } from '../main/common/logger'
import { logLevelFrom } from '../main/diagnostics/log-level'
import { createAppRuntime, type AppRuntime } from '../main/runtime/app-runtime'
import { createFileKeySecretBox } from '../main/runtime/secret-box'
import { startBridgeServer, type BridgeServer } from './bridge-server'
import { removeTokenFile, writeTokenFile } from './token-file'

/** Everything the host needs to run; the command line fills it, tests pass their own. */
export interface HeadlessHostOptions {
  dataFolder: string
  /** Download folder of a first start; default `<home>/Downloads/VOD Downloader`. */
  downloadFolder?: string
  rendererDirectory: string
  /** 0 (default) picks a free port. */
  port?: number
  /** Starts the emulator's demo library and saves it as the account. */
  demo?: boolean | EmulatorOptions
  environment: Readonly<Record<string, string | undefined>>
  log: Logger
  version?: string
  engineSettings?: Partial<EngineSettings>
  token?: string
  /** Writes the token to this file (mode 0600) once the host listens; removed again on close. */
  tokenFile?: string
  bodyLimitBytes?: number
}

/** A running headless host: the app runtime, its HTTP/WebSocket bridge and the demo library. */
export interface HeadlessHost {
  readonly runtime: AppRuntime
  readonly server: BridgeServer
  readonly emulator: RunningEmulator | undefined
  /** The address to open, with the token in its fragment. */
  readonly url: string
  /** What protects saved secrets, in one sentence. */
  readonly secretsDescription: string
  /** Stops serving, checkpoints and stops the engine, then stops the demo library. */
  close(): Promise<void>
}

/**
 * Runs the whole app in plain Node for a browser: the same runtime the desktop shell uses, with
 * a key-file secret box (there is no OS keychain to ask) and no desktop file actions.
 */
export async function startHeadlessHost(options: HeadlessHostOptions): Promise<HeadlessHost> {
  const secretBox = createFileKeySecretBox(options.dataFolder)
  const runtime = createAppRuntime({
    dataFolder: options.dataFolder,
    shell: 'headless',
    secretBox,
    log: options.log,
    environment: options.environment,
    // The diagnostic log in the data folder, shared with the desktop app and vod-dl.
    diagnostics: { process: 'host', level: logLevelFrom(options.environment).level },
    ...(options.downloadFolder === undefined ? {} : { downloadFolder: options.downloadFolder }),
    ...(options.version === undefined ? {} : { version: options.version }),
    ...(options.engineSettings === undefined ? {} : { engineSettings: options.engineSettings }),
  })
  let emulator: RunningEmulator | undefined
  let server: BridgeServer | undefined
  try {
    if (options.demo) {
      // Loaded only for the demo: a real host never needs the emulator in memory.
      const { startDemoLibrary } = await import('./demo')
      emulator = await startDemoLibrary(runtime.account, options.demo === true ? {} : options.demo)
    }
    server = await startBridgeServer({
      handlers: runtime.handlers,
      subscribe: (listener) => runtime.events.subscribe(listener),
      rendererDirectory: options.rendererDirectory,
      log: runtime.diagnosticLog
        ? teeLogger(options.log, runtime.diagnosticLog.logger('host'))
        : options.log,
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.token === undefined ? {} : { token: options.token }),
      ...(options.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: options.bodyLimitBytes }),
    })
    const tokenFile = options.tokenFile
    if (tokenFile !== undefined) {
      await writeTokenFile(tokenFile, server.token).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error)
        throw new Error(`the token file ${tokenFile} could not be written: ${reason}`, {
          cause: error,
        })
      })
    }
  } catch (error) {
    await server?.close()
    await runtime.close()
    await emulator?.close()
    throw error
  }
  const started = server
  let closing: Promise<void> | undefined
  return {
    runtime,
    server: started,
    emulator,
    url: started.url,
    secretsDescription: secretBox.description,
    close() {
      closing ??= (async () => {
        await started.close()
        if (options.tokenFile !== undefined) {
          await removeTokenFile(options.tokenFile, started.token).catch(() => undefined)
        }
        await runtime.close()
        await emulator?.close()
      })()
      return closing
    },
  }
}
