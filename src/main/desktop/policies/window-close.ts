/** What the shell knows when the user closes the main window. */
export interface WindowCloseInput {
  platform: NodeJS.Platform
  /** The app is quitting (an approved quit is closing its windows): let the window go. */
  quitting: boolean
  /** Jobs running or waiting for a slot (paused and failed jobs do not count). */
  runningJobs: number
  closeToTray: boolean
  hideDockWhenWindowless: boolean
  /** The tray icon was created; without one a hidden window could not be brought back. */
  trayAvailable: boolean
  /** The one-time "still running in the tray" notice was already shown. */
  hintShown: boolean
}

export type WindowCloseDecision =
  /** Let the window close (only while quitting). */
  | { kind: 'allow' }
  /** Hide the window; keep running. `announce` asks for the one-time notice. */
  | { kind: 'hide'; hideDock: boolean; announce: boolean }
  /** No tray to come back from: minimize instead of hiding. */
  | { kind: 'minimize' }
  /** Nothing to keep running for: quit the app. */
  | { kind: 'quit' }

/**
 * Decides what closing the main window means:
 * - while quitting, the window simply closes;
 * - while downloads run, or when close-to-tray is on, the window hides to the tray, the first
 *   time with a notice saying so (users ask for exactly this: persepolisdm/persepolis#530);
 * - otherwise Windows and Linux quit, and macOS follows its convention: the app stays in the Dock.
 * On macOS the Dock icon is hidden while windowless only when the user asked for menu-bar-only
 * mode.
 */
export function decideWindowClose(input: WindowCloseInput): WindowCloseDecision {
  if (input.quitting) return { kind: 'allow' }
  const isMac = input.platform === 'darwin'
  const keepRunning = input.runningJobs > 0 || input.closeToTray
  if (keepRunning) {
    if (!input.trayAvailable && !isMac) return { kind: 'minimize' }
    return {
      kind: 'hide',
      hideDock: isMac && input.hideDockWhenWindowless && input.trayAvailable,
      announce: !input.hintShown,
    }
  }
  if (isMac) return { kind: 'hide', hideDock: false, announce: false }
  return { kind: 'quit' }
}
