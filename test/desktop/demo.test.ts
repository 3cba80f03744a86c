// The desktop app's `--demo` (what `npm run demo` starts where Electron is installed): the real
// integration of src/main/desktop, under the fake `electron` module, starts the VOD emulator's
// demo library and answers the window's requests from it, without any keychain.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const profile = mkdtempSync(path.join(os.tmpdir(), 'vod-desktop-demo-'))
const downloads = path.join(profile, 'Downloads', 'VOD Downloader Demo')

afterAll(() => rmSync(profile, { recursive: true, force: true }))

interface Answer<T> {
  ok: boolean
  value: T
}

function runDemo(): {
  updates: Answer<unknown>
  account: Answer<{ configured: boolean; source: string; endpoint: string | null }>
  settings: Answer<{ downloadDirectory: string; notifications: string }>
  library: Answer<{ items: { title: string }[]; total: number }>
  updateSettings: Answer<{ autoUpdate: boolean; updateChannel: string }>
  shellSettings: { autoUpdate: boolean; updateChannel: string }
  shellFile: Record<string, unknown>
  log: string[]
} {
  const fakes = path.join(root, 'test', 'desktop', 'fake-electron')
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      path.join(fakes, 'hook.mjs'),
      '--import',
      'tsx',
      path.join(fakes, 'demo-driver.mts'),
      profile,
      downloads,
    ],
    { cwd: root, encoding: 'utf8', timeout: 60_000 },
  )
  const line = result.stdout.split('\n').find((text) => text.startsWith('RESULT:'))
  if (result.status !== 0 || !line)
    throw new Error(`driver failed (${result.status}):\n${result.stdout}\n${result.stderr}`)
  return JSON.parse(line.slice('RESULT:'.length)) as ReturnType<typeof runDemo>
}

describe('the desktop app with --demo', () => {
  const answers = runDemo()

  it('connects to the demo library with environment credentials, not the keychain', () => {
    expect(answers.account.ok).toBe(true)
    expect(answers.account.value).toMatchObject({ configured: true, source: 'environment' })
    expect(answers.account.value.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(answers.log.some((line) => line.startsWith('Demo library: the VOD emulator at'))).toBe(
      true,
    )
  })

  it("answers the update requests from the shell's updater, not the shared runtime", () => {
    expect(answers.updates).toEqual({
      ok: true,
      value: { state: 'unavailable', reason: 'development' },
    })
  })

  it("gives the shell's updater the Settings update switch and channel", () => {
    expect(answers.updateSettings.value).toMatchObject({ autoUpdate: false, updateChannel: 'beta' })
    expect(answers.shellSettings).toMatchObject({ autoUpdate: false, updateChannel: 'beta' })
  })

  it('moves the app settings an earlier version kept in desktop-settings.json into SQLite', () => {
    expect(answers.settings.value.notifications).toBe('none')
    expect(answers.shellFile).toEqual({
      hideDockWhenWindowless: false,
      closeToTrayHintShown: true,
      updateFeedUrl: null,
    })
  })

  it('lists the demo library and downloads into a folder of its own', () => {
    expect(answers.library.ok).toBe(true)
    expect(answers.library.value.total).toBeGreaterThan(0)
    expect(answers.library.value.items.length).toBeGreaterThan(0)
    expect(answers.settings.value.downloadDirectory).toBe(downloads)
  })
})
