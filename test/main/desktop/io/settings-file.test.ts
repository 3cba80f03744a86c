import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { JsonSettingsStore } from '../../../../src/main/desktop/io/settings-file'
import { readJsonFile, writeJsonFile } from '../../../../src/main/desktop/io/json-file'
import { defaultDesktopSettings } from '../../../../src/main/desktop/settings'

let root: string
let file: string

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'vod-settings-'))
  file = path.join(root, 'nested', 'desktop-settings.json')
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('JsonSettingsStore', () => {
  it('starts from defaults and persists updates across instances', () => {
    const store = new JsonSettingsStore(file)
    expect(store.get()).toEqual(defaultDesktopSettings())
    const seen: boolean[] = []
    const subscription = store.onChange((settings, previous) =>
      seen.push(previous.hideDockWhenWindowless, settings.hideDockWhenWindowless),
    )
    store.update({ hideDockWhenWindowless: true })
    subscription.dispose()
    store.update({ closeToTrayHintShown: true })
    expect(seen).toEqual([false, true])
    expect(new JsonSettingsStore(file).get()).toMatchObject({
      hideDockWhenWindowless: true,
      closeToTrayHintShown: true,
    })
  })

  it('does not write or notify when nothing changes', () => {
    const store = new JsonSettingsStore(file)
    let calls = 0
    store.onChange(() => calls++)
    store.update({ hideDockWhenWindowless: false })
    expect(calls).toBe(0)
    expect(readJsonFile(file)).toBeUndefined()
  })

  it('survives a corrupt or hand-edited file', async () => {
    writeJsonFile(file, {
      hideDockWhenWindowless: 'yes',
      closeToTrayHintShown: true,
      updateFeedUrl: 42,
    })
    expect(new JsonSettingsStore(file).get()).toEqual({
      ...defaultDesktopSettings(),
      closeToTrayHintShown: true,
    })
    await writeFile(file, '{ not json')
    expect(new JsonSettingsStore(file).get()).toEqual(defaultDesktopSettings())
  })

  it('writes readable JSON atomically, leaving no temporary file', async () => {
    new JsonSettingsStore(file).update({ closeToTrayHintShown: true })
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ closeToTrayHintShown: true })
    const { readdir } = await import('node:fs/promises')
    expect(await readdir(path.dirname(file))).toEqual(['desktop-settings.json'])
  })

  it('hands over the app settings an earlier version kept in the file, then forgets them', () => {
    writeJsonFile(file, {
      language: 'zh-CN',
      closeToTray: false,
      notifications: 'loud',
      downloadFolder: null,
      closeToTrayHintShown: true,
    })
    const store = new JsonSettingsStore(file)
    expect(store.get()).toEqual({ ...defaultDesktopSettings(), closeToTrayHintShown: true })
    // Valid values only, under the app settings' names.
    expect(store.legacySettings()).toEqual({ language: 'zh-CN', closeToTray: false })
    store.dropLegacySettings()
    expect(store.legacySettings()).toEqual({})
    expect(readJsonFile(file)).toEqual({ ...defaultDesktopSettings(), closeToTrayHintShown: true })
    expect(new JsonSettingsStore(file).legacySettings()).toEqual({})
  })
})
