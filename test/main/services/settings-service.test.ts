import { afterEach, describe, expect, it } from 'vitest'
import { createDefaultSettings } from '../../../src/shared/settings'
import { createAppRuntime } from '../../../src/main/runtime/app-runtime'
import { createFileKeySecretBox } from '../../../src/main/runtime/secret-box'
import { silentLogger } from '../../../src/main/common/logger'
import { dispatchRequest } from '../../../src/shared/contract'
import { startAppHarness, type AppHarness } from './harness'

let harness: AppHarness | undefined

afterEach(async () => {
  await harness?.cleanup()
  harness = undefined
})

describe('settings service', () => {
  it('starts from the defaults with the given download folder', async () => {
    harness = await startAppHarness({ connect: false })
    expect(await harness.call('settings.get', {})).toEqual(
      createDefaultSettings(harness.downloadFolder),
    )
  })

  it('validates, persists, applies engine settings and announces each change', async () => {
    harness = await startAppHarness({ connect: false })
    const changed = harness.nextEvent('settings.changed')
    const updated = await harness.call('settings.update', {
      maxConcurrentJobs: 5,
      connectionsPerJob: 2,
      speedLimitBytesPerSecond: 1_048_576,
      language: 'zh-CN',
      theme: 'dark',
    })
    expect(updated).toMatchObject({ maxConcurrentJobs: 5, language: 'zh-CN', theme: 'dark' })
    expect(await changed).toEqual(updated)
    expect(harness.runtime.engine.manager.currentSettings).toMatchObject({
      maxConcurrentJobs: 5,
      connectionsPerJob: 2,
      speedLimitBytesPerSecond: 1_048_576,
    })

    // Refused: a relative folder, an unknown template placeholder, an unknown key.
    for (const patch of [
      { downloadDirectory: 'relative/folder' },
      { fileNameTemplate: '{title}/{nope}.{ext}' },
      { maxConcurrentJobs: 99 },
      { colour: 'blue' },
    ]) {
      const result = await dispatchRequest(harness.runtime.handlers, 'settings.update', patch)
      expect(result.ok, JSON.stringify(patch)).toBe(false)
      expect(!result.ok && result.error.code).toBe('InvalidInput')
    }
    expect((await harness.call('settings.get', {})).maxConcurrentJobs).toBe(5)

    // A restart reads the stored settings back and hands the engine its share before any job.
    await harness.runtime.close()
    const reopened = createAppRuntime({
      dataFolder: harness.dataFolder,
      shell: 'headless',
      secretBox: createFileKeySecretBox(harness.dataFolder),
      log: silentLogger,
      environment: {},
      downloadFolder: harness.downloadFolder,
    })
    try {
      expect(reopened.settings.current()).toEqual(updated)
      expect(reopened.engine.manager.currentSettings.speedLimitBytesPerSecond).toBe(1_048_576)
    } finally {
      await reopened.close()
    }
  })

  it('keeps every stored field that still parses when another is damaged', async () => {
    harness = await startAppHarness({ connect: false })
    harness.runtime.engine.settings.set('settings', { theme: 'dark', maxConcurrentJobs: 'lots' })
    await harness.runtime.close()
    const reopened = createAppRuntime({
      dataFolder: harness.dataFolder,
      shell: 'headless',
      secretBox: createFileKeySecretBox(harness.dataFolder),
      log: silentLogger,
      environment: {},
      downloadFolder: harness.downloadFolder,
    })
    try {
      expect(reopened.settings.current()).toMatchObject({ theme: 'dark', maxConcurrentJobs: 3 })
    } finally {
      await reopened.close()
    }
  })
})
