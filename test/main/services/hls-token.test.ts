import { randomBytes } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { Logger } from '../../../src/main/common/logger'
import { createAppRuntime, type AppRuntime } from '../../../src/main/runtime/app-runtime'
import { databasePath } from '../../../src/main/runtime/engine-runtime'
import { createFileKeySecretBox, type SecretBox } from '../../../src/main/runtime/secret-box'
import { AppError } from '../../../src/shared/errors'
import { plainSegments, startHlsServer, type HlsServer } from '../hls/hls-server'
import { quickEngineSettings, startAppHarness, type AppHarness } from './harness'

const token = 'Mts-Token-7f3a9c1e5b'

let harness: AppHarness | undefined
const cleanups: Array<() => Promise<void>> = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  await harness?.cleanup()
  harness = undefined
})

/** Every byte of every file in a folder, as latin1 text, to search for secrets in the clear. */
async function folderText(folder: string): Promise<string> {
  const names = await readdir(folder)
  const parts = await Promise.all(names.map((name) => readFile(join(folder, name), 'latin1')))
  return parts.join('\n')
}

/** The rows of the settings table, read the way another process would. */
function storedRows(dataFolder: string): Record<string, unknown> {
  const reader = new Database(databasePath(dataFolder), { readonly: true })
  try {
    const rows = reader.prepare('SELECT key, value FROM settings').all() as Array<{
      key: string
      value: string
    }>
    return Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]))
  } finally {
    reader.close()
  }
}

function reopen(
  current: AppHarness,
  options: { secretBox?: SecretBox; log?: Logger } = {},
): AppRuntime {
  const runtime = createAppRuntime({
    dataFolder: current.dataFolder,
    shell: 'headless',
    secretBox: options.secretBox ?? createFileKeySecretBox(current.dataFolder),
    log: options.log ?? { info: () => undefined, warn: () => undefined, error: () => undefined },
    environment: {},
    downloadFolder: current.downloadFolder,
    engineSettings: quickEngineSettings,
  })
  cleanups.push(() => runtime.close())
  return runtime
}

/** A plain token as an earlier version stored it, inside the settings object. */
async function storePlainToken(current: AppHarness): Promise<void> {
  current.runtime.engine.settings.set('settings', {
    theme: 'dark',
    mtsHlsUriToken: token,
  })
  await current.runtime.close()
}

describe('MtsHlsUriToken in settings', () => {
  it('is sealed at rest, and the renderer and events only learn whether one is saved', async () => {
    harness = await startAppHarness({ connect: false })
    expect((await harness.call('settings.get', {})).mtsHlsUriTokenConfigured).toBe(false)

    const changed = harness.nextEvent('settings.changed')
    const saved = await harness.call('settings.saveHlsToken', { token: ` ${token} ` })
    expect(saved.mtsHlsUriTokenConfigured).toBe(true)
    expect(await changed).toEqual(saved)
    expect(harness.runtime.settings.hlsToken()).toBe(token)
    const seen = JSON.stringify([
      saved,
      await harness.call('settings.get', {}),
      harness.events,
      harness.logLines,
    ])
    expect(seen).not.toContain(token)
    expect(await folderText(harness.dataFolder)).not.toContain(token)

    // settings.update can neither write a token in the clear nor fake the flag.
    for (const patch of [{ mtsHlsUriToken: 'plain' }, { mtsHlsUriTokenConfigured: false }]) {
      const failure = await harness.failure('settings.update', patch as never)
      expect(failure.code, JSON.stringify(patch)).toBe('InvalidInput')
    }

    // A restart opens the sealed token again; clearing forgets it for good.
    await harness.runtime.close()
    const reopened = reopen(harness)
    expect(reopened.settings.hlsToken()).toBe(token)
    expect(reopened.settings.current().mtsHlsUriTokenConfigured).toBe(true)
    expect(reopened.settings.clearHlsToken().mtsHlsUriTokenConfigured).toBe(false)
    await reopened.close()
    const again = reopen(harness)
    expect(again.settings.hlsToken()).toBeUndefined()
    expect(again.settings.current().mtsHlsUriTokenConfigured).toBe(false)
  })

  it('moves a plain token of an earlier version into sealed storage and removes the plain copy', async () => {
    harness = await startAppHarness({ connect: false })
    await storePlainToken(harness)
    const lines: string[] = []
    const runtime = reopen(harness, {
      log: { info: (line) => lines.push(line), warn: (line) => lines.push(line), error: () => {} },
    })
    expect(runtime.settings.hlsToken()).toBe(token)
    expect(runtime.settings.current()).toMatchObject({
      theme: 'dark',
      mtsHlsUriTokenConfigured: true,
    })
    expect(JSON.stringify(runtime.settings.current())).not.toContain(token)
    const rows = storedRows(harness.dataFolder)
    expect(rows.settings).toEqual({ theme: 'dark' })
    expect(rows['mtsHlsUriToken.headless']).toMatchObject({ version: 1 })
    expect(JSON.stringify(rows)).not.toContain(token)
    // Nor do the database's freed pages or its write-ahead log keep the old bytes.
    expect(await folderText(harness.dataFolder)).not.toContain(token)
    expect(lines.join('\n')).toMatch(/moved from the settings into sealed storage/)
    expect(lines.join('\n')).not.toContain(token)
    await runtime.close()

    // The next start finds it sealed and nothing left to move.
    const next = reopen(harness)
    expect(next.settings.hlsToken()).toBe(token)
  })

  it('keeps a plain token the secret box cannot protect yet where it was, and seals it once it can', async () => {
    harness = await startAppHarness({ connect: false })
    await storePlainToken(harness)
    const fileBox = createFileKeySecretBox(harness.dataFolder)
    const lockedBox: SecretBox = {
      description: 'a keychain that is not available',
      encrypt: () => {
        throw new AppError('Unsupported', 'the keychain would store secrets in plain text')
      },
      decrypt: (blob) => fileBox.decrypt(blob),
    }
    const warnings: string[] = []
    const locked = reopen(harness, {
      secretBox: lockedBox,
      log: { info: () => {}, warn: (line) => warnings.push(line), error: () => {} },
    })
    expect(locked.settings.hlsToken()).toBe(token)
    expect(locked.settings.current().mtsHlsUriTokenConfigured).toBe(true)
    expect(warnings.join('\n')).toMatch(/stays unsealed in the settings for now/)
    // Saving other settings keeps it instead of silently dropping it.
    locked.settings.update({ theme: 'light' })
    expect(storedRows(harness.dataFolder).settings).toMatchObject({
      theme: 'light',
      mtsHlsUriToken: token,
    })
    // A new token cannot be saved unprotected either.
    expect(() => locked.settings.saveHlsToken('another')).toThrow(/plain text/)
    await locked.close()

    const unlocked = reopen(harness)
    expect(unlocked.settings.hlsToken()).toBe(token)
    const stored = storedRows(harness.dataFolder)
    expect(stored.settings).toMatchObject({ theme: 'light' })
    expect(stored.settings).not.toHaveProperty('mtsHlsUriToken')
    expect(JSON.stringify(stored)).not.toContain(token)
  })
})

describe('MtsHlsUriToken on key requests', () => {
  async function hlsServers(key: Buffer): Promise<{ keyService: HlsServer; stream: HlsServer }> {
    const keyService = await startHlsServer({ segments: [], key, keyToken: token })
    cleanups.push(() => keyService.close())
    const stream = await startHlsServer({
      segments: plainSegments(),
      key,
      keyUri: () => `${keyService.origin}/keys/main?Ciphertext=abc`,
    })
    cleanups.push(() => stream.close())
    return { keyService, stream }
  }

  it('sends the saved token only to a key host on the playlist host or in hlsKeyHosts', async () => {
    harness = await startAppHarness({ connect: false })
    const { keyService, stream } = await hlsServers(randomBytes(16))
    await harness.call('settings.saveHlsToken', { token })
    const job = harness.runtime.engine.manager.add({
      source: { kind: 'url', url: stream.playlistUrl() },
      directory: harness.downloadFolder,
      fileName: 'lecture.m3u8',
      connections: 2,
    })
    const refused = await harness.waitForJob(job.id, ['failed', 'completed'])
    expect(refused.state).toBe('failed')
    expect(refused.error?.code).toBe('KeyUnavailable')
    expect(refused.error?.message).toMatch(/MtsHlsUriToken was withheld because the key host/)
    expect(keyService.keyTokens).toEqual([null])

    const invalid = await harness.failure('settings.update', { hlsKeyHosts: 'https://x/' })
    expect(invalid.code).toBe('InvalidInput')
    const keyHost = new URL(keyService.origin).host
    expect((await harness.call('settings.update', { hlsKeyHosts: keyHost })).hlsKeyHosts).toBe(
      keyHost,
    )
    const finished = harness.nextEvent('jobs.changed', (jobs) =>
      jobs.some(
        (changed) => changed.id === job.id && ['failed', 'completed'].includes(changed.state),
      ),
    )
    harness.runtime.engine.manager.retry(job.id)
    const done = (await finished).find((changed) => changed.id === job.id)
    if (!done) throw new Error('the job did not finish')
    expect(done.state, JSON.stringify(done.error)).toBe('completed')
    expect(keyService.keyTokens).toEqual([null, token])
    expect(JSON.stringify([harness.events, harness.logLines])).not.toContain(token)
  })
})
