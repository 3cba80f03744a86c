import { demoArgument } from './demo'

/** Passed by the login item (Windows, Linux autostart) so the app starts in the tray. */
export const hiddenArgument = '--hidden'

export interface LaunchOptions {
  /** Start without showing the window (login item, or `--hidden` on the command line). */
  hidden: boolean
  /**
   * `--user-data-dir=<path>`: a separate profile (settings, window state, credentials, and its own
   * single-instance lock). Used by the end-to-end tests and handy for a second account.
   */
  userDataDirectory: string | null
  /** `--demo`: the VOD emulator's demo library in a profile of its own (policies/demo.ts). */
  demo: boolean
}

/** Reads the shell's own switches from `process.argv`; everything else is ignored. */
export function parseLaunchArguments(argv: readonly string[]): LaunchOptions {
  let hidden = false
  let userDataDirectory: string | null = null
  let demo = false
  for (const argument of argv) {
    if (argument === hiddenArgument) hidden = true
    else if (argument === demoArgument) demo = true
    else if (argument.startsWith('--user-data-dir=')) {
      const value = argument.slice('--user-data-dir='.length).replace(/^"(.*)"$/, '$1')
      if (value.length > 0) userDataDirectory = value
    }
  }
  return { hidden, userDataDirectory, demo }
}

/**
 * Whether this start should stay in the tray: `--hidden` on the command line, or on macOS a launch
 * by the login item (macOS 13+ has no "open as hidden", `wasOpenedAtLogin` is what remains).
 */
export function shouldStartHidden(input: {
  argv: readonly string[]
  platform: NodeJS.Platform
  wasOpenedAtLogin: boolean
}): boolean {
  return (
    parseLaunchArguments(input.argv).hidden ||
    (input.platform === 'darwin' && input.wasOpenedAtLogin)
  )
}

/**
 * A second launch hands its arguments to the first instance. Show the window, unless the second
 * launch was itself a hidden login start (two login entries must not pop the window up).
 */
export function secondInstanceAction(argv: readonly string[]): { show: boolean } {
  return { show: !parseLaunchArguments(argv).hidden }
}
