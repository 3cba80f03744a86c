import { describe, expect, it } from 'vitest'
import type { UpdateState } from '../../../../src/main/desktop/policies/update'
import {
  checkIntervalMs,
  decideRestart,
  firstCheckDelayMs,
  initialUpdateState,
  installable,
  installOnQuit,
  installWhenIdle,
  isPlaceholderHost,
  nextCheckDelay,
  nextUpdateState,
  resolveUpdateFeed,
  restartChoiceOf,
  restartConfirmation,
  retryAfterFailureMs,
  updateSupport,
  updaterChannel,
  withWaitingForDownloads,
} from '../../../../src/main/desktop/policies/update'

describe('updateSupport', () => {
  const packaged = { packaged: true, appImagePath: undefined, packageType: null }

  it('never updates a development build', () => {
    expect(updateSupport({ ...packaged, packaged: false, platform: 'win32' })).toEqual({
      supported: false,
      reason: 'development',
    })
  })

  it('updates the Windows and macOS installs, and on Linux the AppImage and the deb', () => {
    expect(updateSupport({ ...packaged, platform: 'win32' })).toEqual({ supported: true })
    expect(updateSupport({ ...packaged, platform: 'darwin' })).toEqual({ supported: true })
    expect(
      updateSupport({ ...packaged, platform: 'linux', appImagePath: '/home/a/VOD.AppImage' }),
    ).toEqual({ supported: true })
    expect(updateSupport({ ...packaged, platform: 'linux', packageType: 'deb' })).toEqual({
      supported: true,
    })
    // An unpacked directory, a tarball, a distribution's own package: nothing to replace.
    expect(updateSupport({ ...packaged, platform: 'linux' })).toEqual({
      supported: false,
      reason: 'package',
    })
  })
})

describe('resolveUpdateFeed', () => {
  const builtIn = 'https://updates.voddownloader.app/desktop/'

  it('takes the environment, then the setting, then the URL built into the app', () => {
    expect(
      resolveUpdateFeed({
        environment: 'https://mirror.corp.example.net.cn/vod/',
        setting: 'https://other.corp.cn/',
        builtIn,
      }),
    ).toEqual({
      kind: 'feed',
      url: 'https://mirror.corp.example.net.cn/vod/',
      source: 'environment',
    })
    expect(
      resolveUpdateFeed({ environment: ' ', setting: 'https://other.corp.cn/', builtIn }),
    ).toEqual({ kind: 'feed', url: 'https://other.corp.cn/', source: 'setting' })
    expect(resolveUpdateFeed({ environment: undefined, setting: null, builtIn })).toEqual({
      kind: 'feed',
      url: builtIn,
      source: 'built-in',
    })
    expect(
      resolveUpdateFeed({ environment: undefined, setting: null, builtIn: null }),
    ).toMatchObject({ kind: 'none', reason: 'missing' })
  })

  it('has no feed while the build carries the placeholder', () => {
    expect(
      resolveUpdateFeed({
        environment: undefined,
        setting: null,
        builtIn: 'https://updates.example.com/vod-downloader/',
      }),
    ).toMatchObject({ kind: 'none', reason: 'placeholder' })
    expect(isPlaceholderHost('updates.example.com')).toBe(true)
    expect(isPlaceholderHost('feed.invalid')).toBe(true)
    expect(isPlaceholderHost('example.org')).toBe(true)
    expect(isPlaceholderHost('myexample.com')).toBe(false)
    expect(isPlaceholderHost('updates.voddownloader.app')).toBe(false)
  })

  it('refuses plain http except to this computer, and credentials in the URL', () => {
    expect(
      resolveUpdateFeed({ environment: 'http://updates.corp.cn/', setting: null, builtIn }),
    ).toMatchObject({ kind: 'none', reason: 'invalid' })
    expect(
      resolveUpdateFeed({ environment: 'http://127.0.0.1:8123/feed/', setting: null, builtIn }),
    ).toEqual({ kind: 'feed', url: 'http://127.0.0.1:8123/feed/', source: 'environment' })
    expect(
      resolveUpdateFeed({ environment: 'https://user:pw@corp.cn/', setting: null, builtIn }),
    ).toMatchObject({ kind: 'none', reason: 'invalid' })
    expect(resolveUpdateFeed({ environment: 'not a url', setting: null, builtIn })).toMatchObject({
      kind: 'none',
      reason: 'invalid',
    })
  })
})

describe('channels and installing on quit', () => {
  it("reads electron-builder's latest*.yml for stable and beta*.yml for beta", () => {
    expect(updaterChannel('stable')).toBe('latest')
    expect(updaterChannel('beta')).toBe('beta')
  })

  it('installs on quit only a download of the channel chosen now, with updates on', () => {
    const downloaded = { version: '0.3.0-beta.1', channel: 'beta' as const }
    expect(installOnQuit({ enabled: true, channel: 'beta', downloaded })).toBe(true)
    expect(installOnQuit({ enabled: true, channel: 'stable', downloaded })).toBe(false)
    expect(installOnQuit({ enabled: false, channel: 'beta', downloaded })).toBe(false)
    // On before anything is downloaded: electron-updater registers its quit handler only when a
    // download completes with the switch already on.
    expect(installOnQuit({ enabled: true, channel: 'beta', downloaded: null })).toBe(true)
    expect(installable({ enabled: true, channel: 'beta', downloaded: null })).toBe(false)
    expect(installable({ enabled: true, channel: 'beta', downloaded })).toBe(true)
    expect(installable({ enabled: true, channel: 'stable', downloaded })).toBe(false)
  })
})

describe('checks', () => {
  it('checks a minute after start, then every four hours, and after a failure within the hour', () => {
    expect(nextCheckDelay('start')).toBe(firstCheckDelayMs)
    expect(firstCheckDelayMs).toBe(60_000)
    expect(nextCheckDelay('checked')).toBe(checkIntervalMs)
    expect(checkIntervalMs).toBe(4 * 3600_000)
    expect(nextCheckDelay('failed')).toBe(retryAfterFailureMs)
    expect(retryAfterFailureMs).toBeLessThan(checkIntervalMs)
  })
})

describe('restarting to install', () => {
  it('installs at once with an idle queue, and asks while downloads run or wait', () => {
    expect(decideRestart({ ready: false, runningJobs: 0 })).toEqual({ kind: 'nothing-to-install' })
    expect(decideRestart({ ready: true, runningJobs: 0 })).toEqual({ kind: 'install' })
    expect(decideRestart({ ready: true, runningJobs: 3 })).toEqual({ kind: 'ask', runningJobs: 3 })
  })

  it('after "when downloads finish", installs exactly when the queue is idle', () => {
    expect(installWhenIdle({ waiting: true, ready: true, runningJobs: 1 })).toBe(false)
    expect(installWhenIdle({ waiting: true, ready: true, runningJobs: 0 })).toBe(true)
    expect(installWhenIdle({ waiting: false, ready: true, runningJobs: 0 })).toBe(false)
    expect(installWhenIdle({ waiting: true, ready: false, runningJobs: 0 })).toBe(false)
  })

  it('asks in the user language, waiting by default and cancel on Esc', () => {
    const english = restartConfirmation(2, '0.2.0', 'en')
    expect(english).toMatchObject({
      message: 'Restart to install VOD Downloader 0.2.0?',
      buttons: ['Restart when downloads finish', 'Stop downloads and restart', 'Cancel'],
      defaultId: 0,
      cancelId: 2,
    })
    expect(english.detail).toContain('2 downloads are running or queued')
    expect(restartConfirmation(1, '0.2.0', 'zh-CN').buttons).toEqual([
      '下载完成后重启',
      '停止下载并重启',
      '取消',
    ])
    expect([0, 1, 2, -1].map(restartChoiceOf)).toEqual(['wait', 'stop', 'cancel', 'cancel'])
  })
})

describe('nextUpdateState', () => {
  const idle = initialUpdateState({ unavailable: null, enabled: true, lastCheckedAt: null })
  const fold = (state: UpdateState, ...events: Parameters<typeof nextUpdateState>[1][]) =>
    events.reduce((current, event) => nextUpdateState(current, event, 1_000), state)

  it('starts unavailable, off or idle', () => {
    expect(
      initialUpdateState({ unavailable: 'headless', enabled: true, lastCheckedAt: null }).status,
    ).toEqual({ state: 'unavailable', reason: 'headless' })
    expect(
      initialUpdateState({ unavailable: null, enabled: false, lastCheckedAt: 5 }).status,
    ).toEqual({ state: 'off' })
    expect(idle.status).toEqual({ state: 'idle', lastCheckedAt: null, lastCheckFailed: false })
  })

  it('goes checking → downloading → ready, and a later failed check keeps it ready', () => {
    const ready = fold(
      idle,
      { kind: 'checking' },
      { kind: 'available', version: '0.2.0' },
      { kind: 'progress', percent: 41.6 },
    )
    expect(ready.status).toEqual({ state: 'downloading', version: '0.2.0', percent: 42 })
    const done = fold(ready, { kind: 'downloaded', version: '0.2.0' })
    expect(done.status).toEqual({ state: 'ready', version: '0.2.0', waitingForDownloads: false })
    expect(fold(done, { kind: 'checking' }, { kind: 'error' }).status).toEqual(done.status)
    expect(fold(done, { kind: 'checking' }, { kind: 'not-available' }).status).toEqual(done.status)
    const waiting = withWaitingForDownloads(done, true)
    expect(fold(waiting, { kind: 'downloaded', version: '0.2.0' }).status).toMatchObject({
      waitingForDownloads: true,
    })
  })

  it('remembers when the feed was last reached, and says when a check failed', () => {
    const checked = fold(idle, { kind: 'checking' }, { kind: 'not-available' })
    expect(checked.status).toEqual({ state: 'idle', lastCheckedAt: 1_000, lastCheckFailed: false })
    const failed = nextUpdateState(
      nextUpdateState(checked, { kind: 'checking' }, 9_000),
      { kind: 'error' },
      9_000,
    )
    expect(failed.status).toEqual({ state: 'idle', lastCheckedAt: 1_000, lastCheckFailed: true })
  })

  it('ignores the updater while updates are off or unavailable', () => {
    const off = initialUpdateState({ unavailable: null, enabled: false, lastCheckedAt: null })
    expect(fold(off, { kind: 'available', version: '9.0.0' })).toBe(off)
  })
})
