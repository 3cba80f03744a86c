import { hiddenArgument } from './launch'

/** The electron-builder `linux.executableName`, also the autostart file's name. */
export const linuxExecutableName = 'vod-downloader'

export interface LoginItemInput {
  platform: NodeJS.Platform
  enabled: boolean
  /** `app.isPackaged`: a development build must not register the bare Electron binary. */
  packaged: boolean
  /** `process.execPath`. */
  executablePath: string
  /** `process.env.APPIMAGE`: the AppImage file, since execPath points into its temporary mount. */
  appImagePath: string | undefined
  appName: string
}

/** The Electron login-item settings used on Windows and macOS. */
export interface ElectronLoginItemSettings {
  openAtLogin: boolean
  /** macOS 12 only (Electron's oldest supported macOS); ignored from macOS 13 on. */
  openAsHidden?: boolean
  /** Windows: the executable and the argument that makes it start in the tray. */
  path?: string
  args?: string[]
}

export type LoginItemPlan =
  | { kind: 'electron'; settings: ElectronLoginItemSettings }
  /** Linux has no `setLoginItemSettings`: an XDG autostart entry is written or removed instead. */
  | { kind: 'xdg-autostart'; fileName: string; contents: string | null }
  | { kind: 'unsupported'; reason: 'development' | 'platform' }

/**
 * How to make "start at login" true or false on this platform. The app then starts hidden in the
 * tray: Windows and Linux pass `--hidden`; macOS 13+ no longer supports `openAsHidden`, so the
 * shell checks `wasOpenedAtLogin` instead (see launch.ts).
 */
export function planLoginItem(input: LoginItemInput): LoginItemPlan {
  if (!input.packaged) return { kind: 'unsupported', reason: 'development' }
  // Platforms are an open-ended union, so plain ifs (a switch would have to list every one).
  if (input.platform === 'win32') {
    return {
      kind: 'electron',
      settings: { openAtLogin: input.enabled, path: input.executablePath, args: [hiddenArgument] },
    }
  }
  if (input.platform === 'darwin') {
    return { kind: 'electron', settings: { openAtLogin: input.enabled, openAsHidden: true } }
  }
  if (input.platform !== 'linux') return { kind: 'unsupported', reason: 'platform' }
  const fileName = `${linuxExecutableName}.desktop`
  if (!input.enabled) return { kind: 'xdg-autostart', fileName, contents: null }
  const executable = input.appImagePath ?? input.executablePath
  return {
    kind: 'xdg-autostart',
    fileName,
    contents: [
      '[Desktop Entry]',
      'Type=Application',
      `Name=${input.appName}`,
      `Exec=${quoteDesktopExecArgument(executable)} ${hiddenArgument}`,
      'Terminal=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ].join('\n'),
  }
}

/**
 * Quotes an argument for a desktop entry's `Exec` key (Desktop Entry Specification, "The Exec
 * key"): inside double quotes, `"`, `` ` ``, `$` and `\` get a backslash; then, because string
 * values are unescaped before the quoting rule applies, every backslash is doubled; `%` is doubled
 * because it introduces field codes.
 */
export function quoteDesktopExecArgument(argument: string): string {
  const quoted = argument.replace(/["`$\\]/g, (character) => `\\${character}`)
  return `"${quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%')}"`
}
