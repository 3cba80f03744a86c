import type { Language } from '../../../shared/errors'
import { desktopStrings } from '../strings'

/**
 * File types that run code, install software, mount a disk image or point at something else when
 * opened with their default application, on any of the three platforms (the downloaded file may
 * be copied to another machine). Opening one from the Downloads list asks first; media, images
 * and documents open at once.
 */
export const executableExtensions: ReadonlySet<string> = new Set([
  // Windows programs, installers and packages
  'exe', 'com', 'scr', 'pif', 'cpl', 'dll', 'ocx', 'sys', 'drv',
  'msi', 'msp', 'mst', 'msix', 'msixbundle', 'appx', 'appxbundle', 'appinstaller',
  'application', 'appref-ms', 'xbap', 'gadget', 'diagcab',
  // Windows scripts and script hosts
  'bat', 'cmd', 'ps1', 'ps1xml', 'ps2', 'ps2xml', 'psc1', 'psc2', 'psd1', 'psm1', 'pssc',
  'vb', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh', 'wsc', 'ws', 'hta', 'msc', 'xll',
  // Windows shortcuts, registry and settings files that act when opened
  'lnk', 'url', 'scf', 'reg', 'inf', 'chm', 'hlp', 'settingcontent-ms', 'library-ms',
  'search-ms', 'searchconnector-ms',
  // Disk images that mount and hide their contents' origin
  'iso', 'img', 'vhd', 'vhdx', 'dmg',
  // macOS applications, installers, scripts and shortcuts
  'app', 'command', 'tool', 'terminal', 'pkg', 'mpkg', 'workflow', 'action', 'scpt', 'scptd',
  'applescript', 'osax', 'prefpane', 'kext', 'webloc', 'inetloc', 'fileloc',
  // Linux programs, packages, launchers and shell scripts
  'sh', 'bash', 'zsh', 'csh', 'ksh', 'fish', 'run', 'bin', 'desktop', 'appimage', 'deb', 'rpm',
  'snap', 'flatpak', 'flatpakref', 'flatpakrepo',
  // Interpreted programs that run with a double click where their runtime is installed
  'jar', 'jnlp', 'py', 'pyw', 'pyz', 'pyc', 'pl', 'rb',
]) // prettier-ignore

/**
 * The extension that makes this file dangerous to open, or null. Only the last extension counts
 * (`clip.mp4.exe` is a program), compared case-insensitively, after dropping what Windows
 * ignores when it opens a file: trailing dots and spaces, and a `::$DATA` stream suffix.
 */
export function executableExtensionOf(filePath: string): string | null {
  const baseName = filePath.split(/[\\/]/).pop() ?? ''
  const name = baseName.replace(/::\$data$/i, '').replace(/[. ]+$/, '')
  const dot = name.lastIndexOf('.')
  if (dot === -1) return null
  const extension = name.slice(dot + 1).toLowerCase()
  return executableExtensions.has(extension) ? extension : null
}

/** What the user is asked before such a file opens. The safe answer is the default. */
export interface OpenConfirmation {
  message: string
  detail: string
  buttons: [open: string, cancel: string]
  openId: 0
  cancelId: 1
  defaultId: 1
}

/**
 * Whether opening `filePath` needs a confirmation: its type runs code, or (macOS, Linux) the
 * file may be executed (an execute permission bit) whatever its name says.
 */
export function needsOpenConfirmation(input: {
  filePath: string
  executableBit: boolean
}): boolean {
  return input.executableBit || executableExtensionOf(input.filePath) !== null
}

export function openConfirmation(fileName: string, language: Language): OpenConfirmation {
  const strings = desktopStrings(language)
  return {
    message: strings.openProgramMessage(fileName),
    detail: strings.openProgramDetail,
    buttons: [strings.openProgramOpen, strings.openProgramCancel],
    openId: 0,
    cancelId: 1,
    defaultId: 1,
  }
}
