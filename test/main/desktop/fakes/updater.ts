// A hand-written stand-in for electron-updater's `AppUpdater`: the properties the shell sets, the
// events it listens to, and what it was asked to do. Tests script each check's events.
import type { UpdaterLike } from '../../../../src/main/desktop/adapters/updater'
import { FakeEmitter } from './electron'

export type CheckScript =
  { kind: 'none' } | { kind: 'found'; version: string; downloaded?: boolean } | { kind: 'offline' }

export class FakeUpdater extends FakeEmitter {
  autoDownload = false
  autoInstallOnAppQuit = true
  allowDowngrade = false
  logger: UpdaterLike['logger'] = null
  feedUrl: string | null = null
  readonly calls: string[] = []
  /** What the next checks find; the last one repeats. */
  script: CheckScript[] = [{ kind: 'none' }]
  /** `quitAndInstall` cannot start the installer (it reports an error instead, as the real one). */
  installFails = false
  /** Called by `quitAndInstall` when the installer starts, as the real one quits the app. */
  onQuit: () => void = () => undefined
  private currentChannel: string | null = null

  get channel(): string | null {
    return this.currentChannel
  }

  /** Like electron-updater: choosing a channel also allows downgrades. */
  set channel(value: string | null) {
    this.currentChannel = value
    this.allowDowngrade = true
  }

  setFeedURL(options: Parameters<UpdaterLike['setFeedURL']>[0]): void {
    this.feedUrl =
      typeof options === 'string' ? options : 'url' in options ? String(options.url) : null
    this.calls.push(`setFeedURL ${this.feedUrl}`)
  }

  checkForUpdates(): Promise<null> {
    const step = this.script.length > 1 ? this.script.shift() : this.script[0]
    this.calls.push(`check ${this.currentChannel}`)
    this.emit('checking-for-update')
    if (step?.kind === 'offline') {
      const error = new Error('net::ERR_INTERNET_DISCONNECTED')
      this.emit('error', error)
      return Promise.reject(error)
    }
    if (step?.kind === 'found') {
      this.emit('update-available', { version: step.version })
      this.emit('download-progress', { percent: 50 })
      if (step.downloaded !== false) this.emit('update-downloaded', { version: step.version })
      return Promise.resolve(null)
    }
    this.emit('update-not-available', { version: '0.1.0' })
    return Promise.resolve(null)
  }

  quitAndInstall(isSilent = false, isForceRunAfter = false): void {
    this.calls.push(`quitAndInstall silent=${isSilent} runAfter=${isForceRunAfter}`)
    if (this.installFails) {
      this.emit('error', new Error('No update filepath provided'))
      return
    }
    this.onQuit()
  }
}
