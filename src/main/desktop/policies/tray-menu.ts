import type { Language } from '../../../shared/errors'
import { formatPercent, formatSpeed } from '../format'
import { desktopStrings } from '../strings'
import type { DownloadsAggregate } from './aggregate'

/** Everything the tray menu can do. */
export type TrayAction =
  'show-window' | 'pause-all' | 'resume-all' | 'open-download-folder' | 'quit'

/** One line of the tray menu, free of Electron types so it can be compared and tested. */
export type TrayMenuEntry =
  | { kind: 'action'; action: TrayAction; label: string; enabled: boolean }
  | { kind: 'status'; label: string }
  | { kind: 'separator' }

export interface TrayMenuInput {
  aggregate: DownloadsAggregate
  language: Language
  /** Whether a download folder is known, so "Open download folder" can work. */
  hasDownloadFolder: boolean
}

/**
 * Builds the tray's context menu. Every action is in the menu, "show window" included, because on
 * Linux a StatusNotifierItem tray may never deliver a left click (cozy-labs/cozy-desktop#1714,
 * electron/electron#6773, electron/electron#52674).
 */
export function buildTrayMenu(input: TrayMenuInput): TrayMenuEntry[] {
  const { aggregate } = input
  const strings = desktopStrings(input.language)
  const waitingOrRunning = aggregate.active + aggregate.queued
  const entries: TrayMenuEntry[] = [
    { kind: 'action', action: 'show-window', label: strings.trayShowWindow, enabled: true },
    { kind: 'separator' },
    {
      kind: 'status',
      label:
        waitingOrRunning > 0
          ? strings.trayStatus(
              aggregate.active,
              aggregate.queued,
              formatSpeed(roundSpeed(aggregate.speed)),
            )
          : strings.trayIdle,
    },
  ]
  if (aggregate.paused > 0)
    entries.push({ kind: 'status', label: strings.trayPaused(aggregate.paused) })
  if (aggregate.failed > 0)
    entries.push({ kind: 'status', label: strings.trayFailed(aggregate.failed) })
  entries.push(
    {
      kind: 'action',
      action: 'pause-all',
      label: strings.trayPauseAll,
      enabled: waitingOrRunning > 0,
    },
    {
      kind: 'action',
      action: 'resume-all',
      label: strings.trayResumeAll,
      enabled: aggregate.paused > 0,
    },
    { kind: 'separator' },
    {
      kind: 'action',
      action: 'open-download-folder',
      label: strings.trayOpenDownloadFolder,
      enabled: input.hasDownloadFolder,
    },
    { kind: 'separator' },
    { kind: 'action', action: 'quit', label: strings.trayQuit, enabled: true },
  )
  return entries
}

/**
 * Rounds a speed to two significant figures so the status line (and with it the whole menu) only
 * changes when the speed really changes; on Linux every change means re-sending the menu.
 */
export function roundSpeed(bytesPerSecond: number): number {
  if (bytesPerSecond <= 0) return 0
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(bytesPerSecond)) - 1)
  return Math.round(bytesPerSecond / magnitude) * magnitude
}

/** True when two menus would render identically, so the adapter can skip `setContextMenu`. */
export function sameTrayMenu(
  left: readonly TrayMenuEntry[],
  right: readonly TrayMenuEntry[],
): boolean {
  return JSON.stringify(left) === JSON.stringify(right)
}

/** Windows truncates tray tooltips at 127 characters (NOTIFYICONDATA.szTip is 128 wide chars). */
export const maximumTooltipLength = 127

/** The tray tooltip: app name, then what is happening in one line. */
export function trayTooltip(aggregate: DownloadsAggregate, language: Language): string {
  const strings = desktopStrings(language)
  const parts = [strings.appName]
  if (aggregate.active + aggregate.queued > 0) {
    parts.push(
      strings.trayStatus(
        aggregate.active,
        aggregate.queued,
        formatSpeed(roundSpeed(aggregate.speed)),
      ),
    )
    if (aggregate.progress !== null)
      parts.push(strings.tooltipProgress(formatPercent(aggregate.progress)))
  } else if (aggregate.paused > 0) {
    parts.push(strings.trayPaused(aggregate.paused))
  }
  if (aggregate.failed > 0) parts.push(strings.trayFailed(aggregate.failed))
  const text = parts.join(' — ')
  return text.length <= maximumTooltipLength ? text : `${text.slice(0, maximumTooltipLength - 1)}…`
}

/** The tray icon's look: idle, a progress ring in quarters, indeterminate, paused or error. */
export type TrayIconVariant =
  | 'idle'
  | 'active'
  | 'progress-0'
  | 'progress-25'
  | 'progress-50'
  | 'progress-75'
  | 'progress-100'
  | 'paused'
  | 'error'

export const trayIconVariants: readonly TrayIconVariant[] = [
  'idle',
  'active',
  'progress-0',
  'progress-25',
  'progress-50',
  'progress-75',
  'progress-100',
  'paused',
  'error',
]

/**
 * Chooses the icon. Running work wins over failures (the tooltip and menu still count them); the
 * error icon shows only when nothing runs and something failed, so it means "look at me".
 */
export function trayIconVariant(aggregate: DownloadsAggregate): TrayIconVariant {
  if (aggregate.active + aggregate.queued > 0) {
    if (aggregate.progress === null) return 'active'
    const quarter = Math.round(Math.min(1, Math.max(0, aggregate.progress)) * 4) * 25
    return `progress-${quarter}` as TrayIconVariant
  }
  if (aggregate.failed > 0) return 'error'
  if (aggregate.paused > 0) return 'paused'
  return 'idle'
}

/**
 * The icon file for a variant, relative to resources/. macOS gets black-and-alpha "Template"
 * images so the menu bar can tint them for light and dark mode; Electron picks up the `@2x`
 * sibling by itself.
 */
export function trayIconFile(variant: TrayIconVariant, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? `tray/${variant}Template.png` : `tray/${variant}.png`
}
