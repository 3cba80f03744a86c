import type { UpdateStatus } from '../../../shared/contract'
import type { Language } from '../../../shared/errors'
import type { UpdateChannel } from '../../../shared/settings'
import { desktopStrings } from '../strings'

/**
 * Self-update decisions (electron-updater with electron-builder's generic feed). Everything here is
 * pure: the update controller feeds in what the updater and the engine report and applies what
 * comes out.
 */

/** The first check waits for the start-up (the window, resumed downloads) to settle. */
export const firstCheckDelayMs = 60_000
/** Later checks: every four hours while the app runs (it often runs for days in the tray). */
export const checkIntervalMs = 4 * 60 * 60 * 1000
/** After a check that did not reach the feed (offline, a captive portal): try again sooner. */
export const retryAfterFailureMs = 60 * 60 * 1000

/** Why the app never checks, when it does not (`UpdateStatus` `unavailable`). */
export type UnavailableReason = Extract<UpdateStatus, { state: 'unavailable' }>['reason']

/**
 * Whether this copy of the app can replace itself. Development builds never check (there is no
 * installed app to replace); on Linux only the AppImage (which knows its own path through
 * `APPIMAGE`) and the deb package (`resources/package-type`) can be updated; the NSIS install on
 * Windows and the app bundle on macOS can.
 */
export function updateSupport(input: {
  packaged: boolean
  platform: NodeJS.Platform
  /** `APPIMAGE`, set by the AppImage runtime. */
  appImagePath: string | undefined
  /** The contents of `resources/package-type` (electron-builder writes `deb`, `rpm`, …). */
  packageType: string | null
}): { supported: true } | { supported: false; reason: UnavailableReason } {
  if (!input.packaged) return { supported: false, reason: 'development' }
  if (input.platform === 'win32' || input.platform === 'darwin') return { supported: true }
  if (input.platform === 'linux' && (input.appImagePath || input.packageType === 'deb')) {
    return { supported: true }
  }
  return { supported: false, reason: 'package' }
}

/** Environment variable that points the desktop app at another update feed (a mirror, a test). */
export const feedUrlEnvironmentVariable = 'VOD_DL_UPDATE_URL'

export type FeedResolution =
  | { kind: 'feed'; url: string; source: 'environment' | 'setting' | 'built-in' }
  | { kind: 'none'; reason: 'placeholder' | 'invalid' | 'missing'; detail: string }

/**
 * Hosts reserved for examples and tests (RFC 2606, RFC 6761): electron-builder.yml ships one as
 * the feed's placeholder, and a build that still carries it has no feed to check.
 */
export function isPlaceholderHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  return (
    /(^|\.)example\.(com|net|org)$/.test(host) || /\.(example|invalid|test|localhost)$/.test(host)
  )
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname)
}

/**
 * The feed to check: `VOD_DL_UPDATE_URL`, else `updateFeedUrl` in desktop-settings.json, else the
 * URL electron-builder baked into the app (`publish.url` in electron-builder.yml). Only https
 * (or http to this computer, for a local mirror or a test): the feed's checksums are all that
 * vouch for the installer on Linux, so they must not cross the network in the clear.
 */
export function resolveUpdateFeed(input: {
  environment: string | undefined
  setting: string | null
  builtIn: string | null
}): FeedResolution {
  const candidates = [
    { value: input.environment?.trim(), source: 'environment' as const },
    { value: input.setting?.trim(), source: 'setting' as const },
    { value: input.builtIn?.trim(), source: 'built-in' as const },
  ]
  const chosen = candidates.find((candidate) => candidate.value)
  if (!chosen?.value) return { kind: 'none', reason: 'missing', detail: 'no update feed is set' }
  let url: URL
  try {
    url = new URL(chosen.value)
  } catch {
    return { kind: 'none', reason: 'invalid', detail: `not a URL (${chosen.source})` }
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    return {
      kind: 'none',
      reason: 'invalid',
      detail: `the update feed must use https (${chosen.source}: ${url.origin})`,
    }
  }
  if (url.username || url.password) {
    return {
      kind: 'none',
      reason: 'invalid',
      detail: `no credentials in the feed URL (${chosen.source})`,
    }
  }
  if (isPlaceholderHost(url.hostname)) {
    return { kind: 'none', reason: 'placeholder', detail: `${url.origin} is a placeholder` }
  }
  return { kind: 'feed', url: url.href, source: chosen.source }
}

/**
 * The electron-builder channel file a Settings channel reads: `latest*.yml` for stable,
 * `beta*.yml` for beta. electron-builder.yml sets `generateUpdatesFilesForAllChannels`, so a
 * stable release is listed in `beta*.yml` too and the beta channel gets the newest of both.
 */
export function updaterChannel(channel: UpdateChannel): 'latest' | 'beta' {
  return channel === 'beta' ? 'beta' : 'latest'
}

/** An update that finished downloading, and for which channel. */
export interface DownloadedUpdate {
  version: string
  channel: UpdateChannel
}

/**
 * electron-updater's `autoInstallOnAppQuit`: on while updates are on, except when the update on
 * disk was downloaded for the other channel (a beta downloaded before switching back to stable is
 * not installed behind the user's back). It must already be on when a download completes:
 * electron-updater only then registers the quit handler that installs it.
 */
export function installOnQuit(input: {
  enabled: boolean
  channel: UpdateChannel
  downloaded: DownloadedUpdate | null
}): boolean {
  return input.enabled && (input.downloaded === null || input.downloaded.channel === input.channel)
}

/** Whether there is a downloaded update to install now, for the channel chosen now. */
export function installable(input: {
  enabled: boolean
  channel: UpdateChannel
  downloaded: DownloadedUpdate | null
}): boolean {
  return input.downloaded !== null && installOnQuit(input)
}

/** When the next check runs, from the outcome of the last one (`start`: none yet). */
export function nextCheckDelay(last: 'start' | 'checked' | 'failed'): number {
  switch (last) {
    case 'start':
      return firstCheckDelayMs
    case 'checked':
      return checkIntervalMs
    case 'failed':
      return retryAfterFailureMs
  }
}

/**
 * "Restart now": install at once when nothing is downloading or queued; with downloads in the
 * queue, ask first, because the restart would interrupt them.
 */
export type RestartDecision =
  { kind: 'nothing-to-install' } | { kind: 'install' } | { kind: 'ask'; runningJobs: number }

export function decideRestart(input: {
  ready: boolean
  /** Jobs running or waiting for a slot (`runningJobCount`). */
  runningJobs: number
}): RestartDecision {
  if (!input.ready) return { kind: 'nothing-to-install' }
  if (input.runningJobs === 0) return { kind: 'install' }
  return { kind: 'ask', runningJobs: input.runningJobs }
}

/** The answer to the restart question. */
export type RestartChoice = 'wait' | 'stop' | 'cancel'

/**
 * After "restart once the downloads are done": install as soon as the queue is idle, unless the
 * update is gone (switched off, another channel) or new jobs keep it busy.
 */
export function installWhenIdle(input: {
  waiting: boolean
  ready: boolean
  runningJobs: number
}): boolean {
  return input.waiting && input.ready && input.runningJobs === 0
}

/** The restart question's native box; the buttons are in `RestartChoice` order. */
export interface RestartConfirmation {
  message: string
  detail: string
  buttons: [wait: string, stop: string, cancel: string]
  defaultId: 0
  cancelId: 2
}

export function restartConfirmation(
  runningJobs: number,
  version: string,
  language: Language,
): RestartConfirmation {
  const strings = desktopStrings(language)
  return {
    message: strings.updateRestartMessage(version),
    detail: strings.updateRestartDetail(runningJobs),
    buttons: [strings.updateRestartWait, strings.updateRestartStop, strings.updateRestartCancel],
    defaultId: 0,
    cancelId: 2,
  }
}

/** `RestartConfirmation` button index → choice. */
export function restartChoiceOf(button: number): RestartChoice {
  return button === 0 ? 'wait' : button === 1 ? 'stop' : 'cancel'
}

/** What the updater reported, as the controller hands it to `nextUpdateState`. */
export type UpdaterEvent =
  | { kind: 'checking' }
  | { kind: 'available'; version: string }
  | { kind: 'not-available' }
  | { kind: 'progress'; percent: number }
  | { kind: 'downloaded'; version: string }
  | { kind: 'error' }

/** The controller's state: the status the window sees, and what it needs to get there. */
export interface UpdateState {
  status: UpdateStatus
  /** The last check that reached the feed (epoch ms). */
  lastCheckedAt: number | null
}

/** The state at start, and after the Settings switch or the channel changed. */
export function initialUpdateState(input: {
  unavailable: UnavailableReason | null
  enabled: boolean
  lastCheckedAt: number | null
}): UpdateState {
  const { lastCheckedAt } = input
  if (input.unavailable) {
    return { status: { state: 'unavailable', reason: input.unavailable }, lastCheckedAt }
  }
  if (!input.enabled) return { status: { state: 'off' }, lastCheckedAt }
  return { status: { state: 'idle', lastCheckedAt, lastCheckFailed: false }, lastCheckedAt }
}

/**
 * Folds an updater event into the state. A finished download is never forgotten because a later
 * background check failed or found nothing newer, and a check does not hide a download in
 * progress.
 */
export function nextUpdateState(state: UpdateState, event: UpdaterEvent, now: number): UpdateState {
  const { status } = state
  if (status.state === 'unavailable' || status.state === 'off') return state
  switch (event.kind) {
    case 'checking':
      return status.state === 'ready' || status.state === 'downloading'
        ? state
        : { ...state, status: { state: 'checking' } }
    case 'available':
      if (status.state === 'ready' && status.version === event.version) {
        return { ...state, lastCheckedAt: now }
      }
      return {
        lastCheckedAt: now,
        status: { state: 'downloading', version: event.version, percent: 0 },
      }
    case 'progress':
      return status.state === 'downloading'
        ? {
            ...state,
            status: { ...status, percent: Math.max(0, Math.min(100, Math.round(event.percent))) },
          }
        : state
    case 'downloaded':
      return {
        ...state,
        status: {
          state: 'ready',
          version: event.version,
          waitingForDownloads: status.state === 'ready' ? status.waitingForDownloads : false,
        },
      }
    case 'not-available':
      if (status.state === 'ready') return { ...state, lastCheckedAt: now }
      return {
        lastCheckedAt: now,
        status: { state: 'idle', lastCheckedAt: now, lastCheckFailed: false },
      }
    case 'error':
      if (status.state === 'ready') return state
      return {
        ...state,
        status: { state: 'idle', lastCheckedAt: state.lastCheckedAt, lastCheckFailed: true },
      }
  }
}

/** "Restart once the downloads are done" chosen, or given up (`waiting: false`). */
export function withWaitingForDownloads(state: UpdateState, waiting: boolean): UpdateState {
  return state.status.state === 'ready'
    ? { ...state, status: { ...state.status, waitingForDownloads: waiting } }
    : state
}
