import { mkdir } from 'node:fs/promises'
import { app, ipcMain, session, shell, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron'
import {
  dispatchRequest,
  failure,
  jobFilesInputSchema,
  type EventMessage,
  type Result,
} from '../../shared/contract'
import { AppError, toErrorData } from '../../shared/errors'
import { wire } from '../../shared/wire'
import type { Logger } from '../common/logger'
import { logLevelFrom } from '../diagnostics/log-level'
import { electronSystemProxy } from './adapters/system-proxy'
import { createAppRuntime, type AppRuntime } from '../runtime/app-runtime'
import { settle } from '../services/settle'
import type { DesktopFileActions } from '../services/desktop-file-actions'
import { appSettingsOf } from './app-settings'
import { desktopFileActionsFor } from './desktop-file-actions'
import { backupNotice, FinishedBackups } from './backup-notices'
import type { Disposable } from '../common/disposable'
import { demoEnvironment } from './policies/demo'
import { guardTargetFolders } from './target-folder-guard'
import { downloadsFromJobManager } from './downloads'
import { migrateLegacySettings } from './legacy-settings'
import type { DesktopIntegration, EngineContext, IpcContext } from './shell-contract'

/**
 * Plugs the shared app runtime (engine, VOD services, the contract's handlers) into the desktop
 * shell: the engine behind the tray and notifications, the contract behind IPC, the OS keychain
 * behind saved credentials, and the shell's file actions behind `files.*` requests.
 */
export function createDesktopIntegration(log: Logger): DesktopIntegration {
  let runtime: AppRuntime | undefined
  let ipc: IpcContext | undefined

  const fileActions: DesktopFileActions = desktopFileActionsFor(() => desktopServices())

  function desktopServices(): IpcContext['services'] {
    if (!ipc) throw new AppError('Unsupported', 'the window is not connected yet')
    return ipc.services
  }

  return {
    async createDownloads(context: EngineContext) {
      let environment: Readonly<Record<string, string | undefined>> = process.env
      let downloadFolder = context.downloadFolder()
      if (context.demo) {
        // Development builds only (policies/demo.ts); loaded on demand, so a normal start never
        // loads the emulator.
        const { startEmulator } = await import('../../emulator/index')
        const emulator = await startEmulator({ mediaDirectory: context.demo.mediaDirectory })
        environment = demoEnvironment(process.env, emulator)
        downloadFolder = context.demo.downloadFolder
        log.info(
          `Demo library: the VOD emulator at ${emulator.endpoint}, profile ${context.userDataPath}`,
        )
      }
      runtime = createAppRuntime({
        dataFolder: context.userDataPath,
        shell: 'electron',
        secretBox: context.secretBox,
        desktop: fileActions,
        log,
        environment,
        downloadFolder,
        version: app.getVersion(),
        // Downloads and API calls follow the OS proxy settings and PAC script (Settings ›
        // Network › System) unless the Settings name another way.
        systemProxy: electronSystemProxy(session.defaultSession),
        diagnostics: { process: 'desktop', level: logLevelFrom(process.env).level },
        openFolder: async (folder) => {
          await mkdir(folder, { recursive: true })
          const problem = await shell.openPath(folder)
          if (problem) throw new AppError('Unsupported', problem)
        },
      })
      // An earlier version kept some of the app settings in desktop-settings.json as well.
      migrateLegacySettings(
        context.settings,
        { store: runtime.engine.settings, settings: runtime.settings },
        (message, error) => log.warn(`${message}: ${String(error)}`),
      )
      notifyFinishedBackups(runtime, context)
      return downloadsFromJobManager(runtime.engine.manager)
    },

    appSettings() {
      if (!runtime) throw new Error('the engine must start before the settings are read')
      return appSettingsOf(runtime.settings, runtime.events)
    },

    registerIpc(context: IpcContext): Disposable {
      ipc = context
      const current = runtime
      if (!current) throw new Error('the engine must start before IPC is registered')
      // Requests naming a folder to write into must name one the user chose in main.
      const { updates } = context.services
      const handlers = guardTargetFolders(
        {
          ...current.handlers,
          // The desktop app's own updater answers these; the shared runtime has none.
          'app.updateStatus': () => settle(() => updates.status()),
          'app.restartToUpdate': () => updates.restartNow(),
        },
        context.services.targetFolders,
      )
      const refuse = (): Result<never> =>
        failure(toErrorData('Forbidden', 'request from an unknown window or frame'))
      ipcMain.handle(
        wire.ipcRequestChannel,
        (event: IpcMainInvokeEvent, name: unknown, input: unknown) =>
          context.isTrustedSender(event) ? dispatchRequest(handlers, name, input) : refuse(),
      )
      const onDrag = (event: IpcMainEvent, input: unknown): void => {
        if (!context.isTrustedSender(event)) return
        const parsed = jobFilesInputSchema.safeParse(input)
        // Called synchronously while the renderer handles dragstart, as Electron requires.
        if (parsed.success) context.services.startDrag(event.sender, parsed.data.jobIds)
      }
      ipcMain.on(wire.ipcStartDragChannel, onDrag)
      const send = (message: EventMessage): void => {
        const window = context.mainWindow()
        if (window && !window.isDestroyed()) window.webContents.send(wire.ipcEventChannel, message)
      }
      const unsubscribe = current.events.subscribe(send)
      const updateSubscription = updates.onChange((payload) =>
        send({ event: 'app.updateChanged', payload }),
      )
      return {
        dispose() {
          ipcMain.removeHandler(wire.ipcRequestChannel)
          ipcMain.off(wire.ipcStartDragChannel, onDrag)
          unsubscribe()
          updateSubscription.dispose()
        },
      }
    },

    reconnect() {
      runtime?.engine.manager.reconnect()
    },
  }
}

/** One notification when backups finish (backup-notices.ts), in the window's language. */
function notifyFinishedBackups(runtime: AppRuntime, context: EngineContext): void {
  const finished = new FinishedBackups()
  runtime.events.subscribe((message) => {
    if (message.event !== 'backups.changed') return
    const notice = backupNotice(finished.take(message.payload), context.language())
    if (notice) context.notify?.(notice.title, notice.body)
  })
}
