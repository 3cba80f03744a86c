import type { AppCapabilities, AppInfo, DomainHandlers, ShellKind } from '../../shared/contract'
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

/** The `app.*` requests. */
export function appHandlers(info: AppInfo): DomainHandlers<'app'> {
  return { 'app.info': () => settle(() => info) }
}
