import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createAppRuntime } from '../../../src/main/runtime/app-runtime'
import { createFileKeySecretBox, secretKeyFileName } from '../../../src/main/runtime/secret-box'
import { silentLogger } from '../../../src/main/common/logger'
import { startAppHarness, type AppHarness } from './harness'

let harness: AppHarness | undefined

afterEach(async () => {
  await harness?.cleanup()
  harness = undefined
})

/** Every byte of every file in a folder, as latin1 text, to search for secrets in the clear. */
async function folderText(folder: string): Promise<string> {
  const names = await readdir(folder)
  const parts = await Promise.all(names.map((name) => readFile(join(folder, name), 'latin1')))
  return parts.join('\n')
}

describe('account service', () => {
  it('tests, saves, masks and clears an account without ever giving the secret back', async () => {
    harness = await startAppHarness({ connect: false })
    const { emulator } = harness
    const credentials = {
      kind: 'access-key' as const,
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: emulator.accessKeySecret,
      regionId: emulator.regionId,
      endpoint: emulator.endpoint,
    }
    expect(await harness.call('account.get', {})).toMatchObject({ configured: false, source: null })
    expect(await harness.call('account.test', {})).toMatchObject({
      status: 'failed',
      error: { code: 'NotConfigured' },
    })

    const tested = await harness.call('account.test', { credentials })
    expect(tested).toMatchObject({ status: 'connected', endpoint: emulator.endpoint })
    expect(tested.status === 'connected' && tested.latencyMs).toBeGreaterThanOrEqual(0)
    expect(
      await harness.call('account.test', {
        credentials: { ...credentials, accessKeySecret: 'wrong' },
      }),
    ).toMatchObject({
      status: 'failed',
      error: { code: 'SignatureMismatch' },
    })
    expect(
      await harness.call('account.test', {
        credentials: { ...credentials, accessKeyId: 'LTAI5tNoSuchKey000000' },
      }),
    ).toMatchObject({
      status: 'failed',
      error: { code: 'InvalidAccessKey' },
    })
    // Nothing was saved by testing.
    expect((await harness.call('account.get', {})).configured).toBe(false)

    const changed = harness.nextEvent('account.changed')
    const saved = await harness.call('account.save', credentials)
    expect(saved).toEqual({
      configured: true,
      kind: 'access-key',
      maskedAccessKeyId: 'LTAI****oKey',
      regionId: 'cn-shanghai',
      endpoint: emulator.endpoint,
      source: 'saved',
    })
    expect(await changed).toEqual(saved)
    expect(await harness.call('account.get', {})).toEqual(saved)
    expect(await harness.call('account.test', {})).toMatchObject({ status: 'connected' })

    const everything = JSON.stringify([harness.events, saved, harness.logLines])
    expect(everything).not.toContain(emulator.accessKeySecret)
    expect(everything).not.toContain(emulator.accessKeyId)
    const stored = await folderText(harness.dataFolder)
    expect(stored).not.toContain(emulator.accessKeySecret)
    expect(stored).not.toContain(emulator.accessKeyId)

    // The saved account survives a restart (the key file decrypts it again).
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
      expect(reopened.account.info()).toEqual(saved)
      expect(reopened.account.connection().credentials).toMatchObject({
        accessKeySecret: emulator.accessKeySecret,
      })
      const cleared = reopened.account.clear()
      expect(cleared).toMatchObject({ configured: false })
    } finally {
      await reopened.close()
    }
  })

  it('saves STS credentials and uses them', async () => {
    harness = await startAppHarness({ connect: false })
    const sts = harness.emulator.issueStsCredentials(3600)
    const saved = await harness.call('account.save', {
      kind: 'sts',
      accessKeyId: sts.accessKeyId,
      accessKeySecret: sts.accessKeySecret,
      securityToken: sts.securityToken,
      regionId: 'cn-shanghai',
      endpoint: harness.emulator.endpoint,
    })
    expect(saved).toMatchObject({
      kind: 'sts',
      maskedAccessKeyId: `STS.****${sts.accessKeyId.slice(-4)}`,
    })
    const found = await harness.call('library.search', { mediaType: 'audio' })
    expect(found.total).toBe(harness.emulator.library.audios.length)
    expect(JSON.stringify(harness.events)).not.toContain(sts.securityToken)
  })

  it('falls back to the ALIBABA_CLOUD_* environment when nothing is saved', async () => {
    harness = await startAppHarness({ connect: false, environment: {} })
    const { emulator } = harness
    await harness.runtime.close()
    const runtime = createAppRuntime({
      dataFolder: harness.dataFolder,
      shell: 'headless',
      secretBox: createFileKeySecretBox(harness.dataFolder),
      log: silentLogger,
      environment: {
        ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.accessKeySecret,
        ALIBABA_CLOUD_REGION_ID: 'cn-beijing',
        VOD_ENDPOINT: emulator.endpoint,
      },
      downloadFolder: harness.downloadFolder,
    })
    try {
      expect(runtime.account.info()).toEqual({
        configured: true,
        kind: 'access-key',
        maskedAccessKeyId: 'LTAI****oKey',
        regionId: 'cn-beijing',
        endpoint: emulator.endpoint,
        source: 'environment',
      })
      expect(await runtime.account.test()).toMatchObject({ status: 'connected' })
    } finally {
      await runtime.close()
    }
  })

  it('treats a saved account whose key file changed as not configured, and says so in the log', async () => {
    harness = await startAppHarness()
    await harness.runtime.close()
    await writeFile(join(harness.dataFolder, secretKeyFileName), Buffer.alloc(32, 7))
    const lines: string[] = []
    const runtime = createAppRuntime({
      dataFolder: harness.dataFolder,
      shell: 'headless',
      secretBox: createFileKeySecretBox(harness.dataFolder),
      log: { ...silentLogger, warn: (line) => lines.push(line) },
      environment: {},
      downloadFolder: harness.downloadFolder,
    })
    try {
      expect(runtime.account.info().configured).toBe(false)
      expect(lines.join('\n')).toMatch(/saved VOD account unreadable/)
    } finally {
      await runtime.close()
    }
  })

  it('refuses an endpoint the client could not use and lists the regions', async () => {
    harness = await startAppHarness({ connect: false })
    const failure = await harness.failure('account.save', {
      kind: 'access-key',
      accessKeyId: 'id',
      accessKeySecret: 'secret',
      regionId: 'cn-shanghai',
      endpoint: 'ftp://example.com',
    })
    expect(failure.code).toBe('InvalidInput')
    const regions = await harness.call('regions.list', {})
    expect(regions).toContainEqual({
      id: 'cn-shanghai',
      name: 'China (Shanghai)',
      nameZh: '华东2（上海）',
      endpoint: 'vod.cn-shanghai.aliyuncs.com',
    })
  })
})
