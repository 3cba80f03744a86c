import type {
  AppCapabilities,
  AppInfo,
  DomainHandlers,
  ShellKind,
  UpdateStatus,
} from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { settle } from './settle'

/**
 * What each shell can do. A headless host serves a browser that may sit on another machine
 * than the files, so it reveals, opens and drags nothing; Electron can do all of it when its
 * desktop adapter is plugged in.
 */
export function capabilitiesOf(shell: ShellKind, hasDesktop: boolean): AppCapabilities {
  const desktop = shell === 'electron' && hasDesktop
  return {
    revealFiles: desktop,
    openFiles: desktop,
    dragFiles: desktop,
    chooseDirectory: desktop,
    tray: shell === 'electron',
    startAtLogin: shell === 'electron',
  }
}

/**
 * The `app.*` requests. Only the desktop app updates itself: its integration replaces the two
 * update requests; anywhere else (the headless host) they say there is no updater, and nothing
 * here ever loads one.
 */
export function appHandlers(info: AppInfo): DomainHandlers<'app'> {
  const status: UpdateStatus = {
    state: 'unavailable',
    reason: info.shell === 'headless' ? 'headless' : 'development',
  }
  return {
    'app.info': () => settle(() => info),
    'app.updateStatus': () => settle(() => status),
    'app.restartToUpdate': () =>
      settle(() => {
        throw new AppError('Unsupported', 'this app does not update itself')
      }),
  }
}
