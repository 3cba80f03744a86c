import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatchRequest, type AccountInfo } from '../../../src/shared/contract'
import { silentLogger } from '../../../src/main/common/logger'
import { createAppRuntime } from '../../../src/main/runtime/app-runtime'
import { createFileKeySecretBox } from '../../../src/main/runtime/secret-box'
import { startAppHarness, type AppHarness } from './harness'

/** The credential chain as an account: found in the environment, or chosen in Settings. */

let harness: AppHarness | undefined
const variables = [
  'ALIBABA_CLOUD_CREDENTIALS_URI',
  'ALIBABA_CLOUD_ECS_METADATA_DISABLED',
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  'ALIBABA_CLOUD_SECURITY_TOKEN',
  'ALIBABA_CLOUD_PROFILE',
  'HOME',
] as const
let saved: Partial<Record<(typeof variables)[number], string>> = {}

beforeEach(() => {
  saved = {}
  for (const name of variables) {
    if (process.env[name] !== undefined) saved[name] = process.env[name]
    delete process.env[name]
  }
})

afterEach(async () => {
  await harness?.cleanup()
  harness = undefined
  for (const name of variables) {
    delete process.env[name]
    if (saved[name] !== undefined) process.env[name] = saved[name]
  }
})

/** Resolves once `account.changed` says the chain found a source. */
function chainFound(h: AppHarness): Promise<AccountInfo> {
  return h.nextEvent('account.changed', (info) => info.chain?.provider != null)
}

describe('the credential chain as the account', () => {
  it('is used when only its sources are set up, and says which one answered', async () => {
    harness = await startAppHarness({ connect: false, emulator: { stsSessionSeconds: 900 } })
    const { emulator } = harness
    await harness.runtime.close()
    // The official chain reads the process environment and home folder, as the SDK does.
    process.env.HOME = harness.root
    process.env.ALIBABA_CLOUD_CREDENTIALS_URI = emulator.credentialsUri
    process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true'
    const runtime = createAppRuntime({
      dataFolder: harness.dataFolder,
      shell: 'headless',
      secretBox: createFileKeySecretBox(harness.dataFolder),
      log: silentLogger,
      environment: {
        HOME: harness.root,
        ALIBABA_CLOUD_CREDENTIALS_URI: emulator.credentialsUri,
        VOD_ENDPOINT: emulator.endpoint,
      },
      downloadFolder: harness.downloadFolder,
    })
    try {
      expect(runtime.account.info()).toMatchObject({
        configured: true,
        kind: 'chain',
        maskedAccessKeyId: null,
        source: 'environment',
        endpoint: emulator.endpoint,
      })
      const tested = await runtime.account.test()
      expect(tested).toMatchObject({
        status: 'connected',
        credentialSource: 'default/credential_uri',
      })
      const found = await dispatchRequest(runtime.handlers, 'library.search', {
        mediaType: 'audio',
      })
      expect(found.ok).toBe(true)
      const info = runtime.account.info()
      expect(info.chain).toMatchObject({
        profile: null,
        provider: 'default/credential_uri',
        error: null,
      })
      const expiresIn = Date.parse(info.chain?.expiresAt ?? '') - Date.now()
      expect(expiresIn).toBeGreaterThan(800_000)
      expect(expiresIn).toBeLessThanOrEqual(900_000)
    } finally {
      await runtime.close()
    }
  })

  it('is saved as a choice with its profile, and reports a profile that does not exist', async () => {
    harness = await startAppHarness({ connect: false })
    const { emulator } = harness
    process.env.HOME = harness.root
    process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true'
    await mkdir(join(harness.root, '.alibabacloud'), { recursive: true })
    await writeFile(
      join(harness.root, '.alibabacloud', 'credentials'),
      `[media-ops]\ntype = access_key\naccess_key_id = ${emulator.accessKeyId}\naccess_key_secret = ${emulator.accessKeySecret}\n`,
    )
    const announced = chainFound(harness)
    const info = await harness.call('account.save', {
      kind: 'chain',
      profile: 'media-ops',
      regionId: emulator.regionId,
      endpoint: emulator.endpoint,
    })
    expect(info).toMatchObject({ configured: true, kind: 'chain', source: 'saved' })
    expect((await announced).chain).toMatchObject({
      profile: 'media-ops',
      provider: 'profile/static_ak',
      expiresAt: null,
      error: null,
    })
    const found = await harness.call('library.search', { mediaType: 'audio' })
    expect(found.total).toBe(emulator.library.audios.length)

    const missing = await harness.call('account.test', {
      credentials: { kind: 'chain', profile: 'nobody', regionId: emulator.regionId },
    })
    expect(missing).toMatchObject({ status: 'failed', error: { code: 'CredentialsUnavailable' } })
    expect(missing.status === 'failed' && missing.error.messageZh).toMatch(/凭证链/)

    // The choice survives a restart.
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
      expect(reopened.account.info()).toMatchObject({
        kind: 'chain',
        source: 'saved',
        chain: { profile: 'media-ops' },
      })
    } finally {
      await reopened.close()
    }
  })
})
