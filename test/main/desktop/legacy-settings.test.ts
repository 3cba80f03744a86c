import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../../src/main/common/logger'
import { JsonSettingsStore } from '../../../src/main/desktop/io/settings-file'
import { writeJsonFile } from '../../../src/main/desktop/io/json-file'
import {
  legacyAppSettingsOf,
  legacySettingsToMigrate,
  migrateLegacySettings,
} from '../../../src/main/desktop/legacy-settings'
import { createAppRuntime, type AppRuntime } from '../../../src/main/runtime/app-runtime'
import { createFileKeySecretBox } from '../../../src/main/runtime/secret-box'

const cleanups: (() => Promise<void> | void)[] = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A profile folder with the job database (SQLite) and desktop-settings.json in it. */
function profile(): { folder: string; file: string; downloads: string; open: () => AppRuntime } {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'vod-legacy-settings-'))
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }))
  const downloads = path.join(folder, 'Downloads')
  return {
    folder,
    downloads,
    file: path.join(folder, 'desktop-settings.json'),
    open: () => {
      const runtime = createAppRuntime({
        dataFolder: folder,
        shell: 'electron',
        secretBox: createFileKeySecretBox(folder),
        log: silentLogger,
        environment: {},
        downloadFolder: downloads,
      })
      cleanups.push(() => runtime.close())
      return runtime
    },
  }
}

/** desktop-settings.json as an earlier version wrote it: the shell's state and its mirror. */
function earlierVersionFile(file: string, downloadFolder: string): void {
  writeJsonFile(file, {
    language: 'zh-CN',
    closeToTray: false,
    hideDockWhenWindowless: true,
    notifications: 'each',
    startAtLogin: true,
    downloadFolder,
    closeToTrayHintShown: true,
    autoUpdate: false,
    updateChannel: 'beta',
    updateFeedUrl: null,
  })
}

describe('legacy desktop settings', () => {
  it('reads the mirrored fields under the app settings’ names, valid values only', () => {
    const folder = path.resolve('/media/masters')
    expect(
      legacyAppSettingsOf({
        language: 'en',
        notifications: 'loud',
        downloadFolder: folder,
        startAtLogin: 'yes',
        hideDockWhenWindowless: true,
      }),
    ).toEqual({ language: 'en', downloadDirectory: folder })
    expect(legacyAppSettingsOf({ downloadFolder: 'relative/folder' })).toEqual({})
    expect(legacyAppSettingsOf({ downloadFolder: null })).toEqual({})
    expect(legacyAppSettingsOf([])).toEqual({})
  })

  it('takes only what the stored app settings have no value for', () => {
    const legacy = { language: 'en', closeToTray: false } as const
    expect(legacySettingsToMigrate(legacy, undefined)).toEqual(legacy)
    expect(legacySettingsToMigrate(legacy, { language: 'zh-CN' })).toEqual({ closeToTray: false })
  })

  it('moves an earlier version’s file into a job database that has no settings yet, once', async () => {
    const { file, folder, downloads, open } = profile()
    const chosen = path.join(folder, 'Masters')
    earlierVersionFile(file, chosen)

    const shellState = new JsonSettingsStore(file)
    const runtime = open()
    const logged: string[] = []
    migrateLegacySettings(
      shellState,
      { store: runtime.engine.settings, settings: runtime.settings },
      (message) => logged.push(message),
    )
    expect(logged).toEqual([])
    expect(runtime.settings.current()).toMatchObject({
      language: 'zh-CN',
      closeToTray: false,
      notifications: 'each',
      startAtLogin: true,
      downloadDirectory: chosen,
      autoUpdate: false,
      updateChannel: 'beta',
    })
    // The file keeps only the shell's own state.
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      hideDockWhenWindowless: true,
      closeToTrayHintShown: true,
      updateFeedUrl: null,
    })

    // A later change in Settings is not undone by the next start.
    runtime.settings.update({ language: 'en', downloadDirectory: downloads })
    await runtime.close()
    const reopened = open()
    migrateLegacySettings(
      new JsonSettingsStore(file),
      { store: reopened.engine.settings, settings: reopened.settings },
      (message) => logged.push(message),
    )
    expect(reopened.settings.current()).toMatchObject({
      language: 'en',
      downloadDirectory: downloads,
      closeToTray: false,
    })
  })

  it('leaves the values the job database already holds alone', async () => {
    const { file, folder, downloads, open } = profile()
    const first = open()
    first.settings.update({ language: 'en', notifications: 'none' })
    await first.close()
    earlierVersionFile(file, path.join(folder, 'Masters'))

    const runtime = open()
    migrateLegacySettings(
      new JsonSettingsStore(file),
      { store: runtime.engine.settings, settings: runtime.settings },
      () => undefined,
    )
    expect(runtime.settings.current()).toMatchObject({
      language: 'en',
      notifications: 'none',
      // The database's settings object holds every field once saved: the file changes nothing.
      closeToTray: true,
      downloadDirectory: downloads,
    })
    expect(JSON.parse(readFileSync(file, 'utf8'))).not.toHaveProperty('language')
  })
})
