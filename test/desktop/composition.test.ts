// Runs the composition root (src/main/desktop/app.ts) in a child Node process against a
// hand-written fake of the `electron` module (test/desktop/fake-electron), so its wiring of
// window, tray, notifications, power and quit is exercised on every machine, Electron or not.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/database/connection'
import { SettingsRepository } from '../../src/main/database/settings-repository'

const root = path.resolve(import.meta.dirname, '../..')
const profile = mkdtempSync(path.join(os.tmpdir(), 'vod-composition-'))

afterAll(() => {
  rmSync(profile, { recursive: true, force: true })
  rmSync(`${profile}-backups`, { recursive: true, force: true })
})

function runDriver(): string[] {
  const fakes = path.join(root, 'test', 'desktop', 'fake-electron')
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      path.join(fakes, 'hook.mjs'),
      '--import',
      'tsx',
      path.join(fakes, 'driver.mts'),
      profile,
    ],
    { cwd: root, encoding: 'utf8', timeout: 60_000 },
  )
  const line = result.stdout.split('\n').find((text) => text.startsWith('LOG:'))
  if (result.status !== 0 || !line)
    throw new Error(`driver failed (${result.status}):\n${result.stdout}\n${result.stderr}`)
  return JSON.parse(line.slice('LOG:'.length)) as string[]
}

/** The log entries between one step marker and the next. */
function section(log: string[], name: string): string[] {
  const start = log.indexOf(`-- ${name}`)
  expect(start, name).toBeGreaterThanOrEqual(0)
  const end = log.findIndex((entry, index) => index > start && entry.startsWith('-- '))
  return log.slice(start + 1, end === -1 ? undefined : end)
}

describe('desktop composition root under a fake Electron', () => {
  const log = runDriver()

  it('starts with a sandboxed window, the tray and the IPC integration point', () => {
    const start = log.slice(0, log.indexOf('-- bytes move'))
    expect(start).toEqual(
      expect.arrayContaining([
        'tray.create idle.png',
        'window.create sandbox=true contextIsolation=true',
        'ipc.register',
        'window.show',
      ]),
    )
    expect(start.filter((entry) => entry.startsWith('log '))).toEqual([])
  })

  it('gives the engine one credential store: the OS keychain behind the account service', () => {
    // The account secret is sealed by `secretBox` (AccountService); no second store sits beside it.
    expect(log).toContain(
      'engine.context demo downloadFolder language notify secretBox settings userDataPath',
    )
    expect(log).toContain('engine.secretBox the operating system keychain (gnome_libsecret) terces')
  })

  it('keeps the machine awake and shows progress while bytes move', () => {
    const moving = section(log, 'bytes move')
    expect(moving).toContain('blocker.start prevent-app-suspension')
    expect(moving).toContain('tray.icon progress-50.png')
    expect(moving).toContain('progress 0.5 normal')
    expect(
      moving.some((entry) => entry.startsWith('tray.tooltip VOD Downloader — 1 downloading ·')),
    ).toBe(true)
  })

  it('hides to the tray on close and says so once', () => {
    expect(section(log, 'close the window')).toEqual([
      'window.hide',
      'notify VOD Downloader is still running: 1 download continues in the background. Use the tray icon to open the window or quit.',
      'visible false',
    ])
    const settings = JSON.parse(
      readFileSync(path.join(profile, 'desktop-settings.json'), 'utf8'),
    ) as { closeToTrayHintShown: boolean }
    expect(settings.closeToTrayHintShown).toBe(true)
  })

  it('asks the engine to reconnect after sleep', () => {
    expect(section(log, 'wake from sleep')).toEqual(['engine.reconnect'])
  })

  it('releases the blocker and announces the finished batch', () => {
    const completed = section(log, 'job completes')
    expect(completed).toContain('blocker.stop')
    expect(completed).toContain('progress -1 none')
    expect(completed).toContain('notify Downloads finished: Downloaded master.mov')
  })

  it('shows the window from the tray menu', () => {
    expect(section(log, 'show from the tray')).toContain('window.show')
  })

  it('asks in a native box before opening a program, and opens media at once', () => {
    expect(section(log, 'open a program, then a clip')).toEqual([
      'dialog “setup.exe” is a program, script or installer.',
      'opened null',
      'openPath /downloads/Show/master.mov',
      'opened null',
    ])
  })

  it('asks before a dropped folder becomes the download folder, then allows writing there', () => {
    expect(section(log, 'drop a folder')).toEqual([
      'may write {"ok":false,"reason":"not-chosen"}',
      'dialog Download into this folder from now on?',
      'dropped null',
      'dialog Download into this folder from now on?',
      `dropped ${JSON.stringify({ ok: true, path: profile })}`,
      'may write {"ok":true}',
      'may write {"ok":false,"reason":"not-chosen"}',
    ])
    // Saved as the download folder in the app's settings (SQLite), the shell's state file has none.
    const database = openDatabase(path.join(profile, 'settings.db'))
    const settings = new SettingsRepository(database).get('settings') as {
      downloadDirectory: string
    }
    database.close()
    expect(settings.downloadDirectory).toBe(profile)
    expect(
      JSON.parse(readFileSync(path.join(profile, 'desktop-settings.json'), 'utf8')),
    ).not.toHaveProperty('downloadFolder')
  })

  it('answers a folder chosen in the picker, allows writing there, and changes no setting', () => {
    const backups = path.join(`${profile}-backups`, 'Backups')
    expect(section(log, 'choose a folder')).toEqual([
      'may write {"ok":false,"reason":"not-chosen"}',
      'picker /media/start',
      `chosen ${JSON.stringify({ ok: true, path: backups })}`,
      'may write {"ok":true}',
      `download folder ${profile}`,
    ])
  })

  it('confirms, stops the engine, saves the window and removes the tray when quitting', () => {
    const quitting = section(log, 'another job runs, quit from the tray')
    const order = [
      'app.quit',
      'dialog 1 download is running.',
      'engine.shutdown',
      'window.closed',
      'ipc.dispose',
      'tray.destroy',
      'exited',
    ]
    const positions = order.map((entry) => quitting.indexOf(entry))
    expect(
      positions.every((position) => position >= 0),
      JSON.stringify(quitting),
    ).toBe(true)
    expect([...positions].sort((left, right) => left - right)).toEqual(positions)
    expect(quitting.filter((entry) => entry === 'app.quit')).toHaveLength(2)
    const state = JSON.parse(
      readFileSync(path.join(profile, 'window-state.json'), 'utf8'),
    ) as unknown
    expect(state).toEqual({ bounds: { x: 10, y: 20, width: 900, height: 600 }, maximized: false })
  })
})
