import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { JobSnapshot } from '../../../src/shared/jobs'
import { contentSha256 } from '../../../src/emulator/synthetic-content'
import { sha256File } from '../../support/engine-harness'
import { startAppHarness, type AppHarness } from './harness'

/**
 * The app runtime (what the headless host and the desktop app run) with credentials that
 * expire: the official credential chain renewing 6-second STS sessions under a download, and a
 * static STS token that expires, holding its jobs until new credentials are saved.
 */

const MiB = 1024 * 1024
let harness: AppHarness | undefined

/** The official chain reads the process environment, as the SDK does: set it for this file. */
const chainVariables = [
  'ALIBABA_CLOUD_CREDENTIALS_URI',
  'ALIBABA_CLOUD_ECS_METADATA_DISABLED',
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  'ALIBABA_CLOUD_SECURITY_TOKEN',
  'ALIBABA_CLOUD_PROFILE',
  'HOME',
] as const
let savedEnvironment: Partial<Record<(typeof chainVariables)[number], string>> = {}

beforeEach(() => {
  savedEnvironment = {}
  for (const name of chainVariables) {
    if (process.env[name] !== undefined) savedEnvironment[name] = process.env[name]
    delete process.env[name]
  }
})

afterEach(async () => {
  await harness?.cleanup()
  harness = undefined
  for (const name of chainVariables) {
    delete process.env[name]
    if (savedEnvironment[name] !== undefined) process.env[name] = savedEnvironment[name]
  }
})

function largeSource(h: AppHarness): { id: string; seed: number; size: number } {
  const id = h.emulator.library.roles.largeSources[0] as string
  const source = h.emulator.library.findMedia(id)?.source
  if (!source?.seed) throw new Error('the demo library has no synthetic source')
  return { id, seed: source.seed, size: source.size }
}

function jobEvents(h: AppHarness, id: number): JobSnapshot[] {
  return h.events.flatMap((message) =>
    message.event === 'jobs.changed' ? message.payload.filter((job) => job.id === id) : [],
  )
}

describe('credentials that expire under a running download', () => {
  it('downloads a 200 MB source through several 6-second sessions of the credential chain, byte for byte', async () => {
    harness = await startAppHarness({
      connect: false,
      emulator: {
        largeSourceBytes: 200_000_000,
        maxUrlLifetimeSeconds: 4,
        stsSessionSeconds: 6,
        cutMediaResponsesAfterBytes: 8 * MiB,
      },
    })
    const { emulator } = harness
    process.env.HOME = harness.root
    process.env.ALIBABA_CLOUD_CREDENTIALS_URI = emulator.credentialsUri
    // The SDK's own switch: probing the ECS metadata service first would only cost a timeout.
    process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true'
    await harness.call('account.save', {
      kind: 'chain',
      regionId: emulator.regionId,
      endpoint: emulator.endpoint,
    })
    await harness.call('settings.update', { speedLimitBytesPerSecond: 12 * MiB })
    const source = largeSource(harness)
    const startedAt = Date.now()
    const [job] = (
      await harness.call('downloads.enqueueSelection', {
        mediaType: 'video',
        mediaIds: [source.id],
        selection: 'source',
        addressType: 'oss',
      })
    ).jobs
    const done = await harness.waitForJob(job!.id, ['completed', 'failed'])
    expect(done.error).toBeNull()
    expect(done.state).toBe('completed')
    expect(Date.now() - startedAt).toBeGreaterThan(2 * 6_000)
    expect(await sha256File(join(done.directory, done.fileName))).toBe(
      contentSha256(source.seed, source.size),
    )
    const calls = emulator.log.filter((entry) => entry.kind === 'api')
    expect(calls.every((entry) => entry.status === 200)).toBe(true)
    const sessions = calls
      .filter((entry) => entry.action === 'GetMezzanineInfo')
      .map((entry) => entry.session ?? 0)
    expect(sessions.length).toBeGreaterThanOrEqual(4)
    expect(new Set(sessions).size).toBeGreaterThanOrEqual(3)
    expect(sessions.every((session) => session > 0)).toBe(true)
    // Settings shows where the credentials come from and when the session expires.
    const account = await harness.call('account.get', {})
    expect(account).toMatchObject({
      configured: true,
      kind: 'chain',
      source: 'saved',
      chain: { profile: null, provider: 'default/credential_uri', error: null },
    })
    expect(Date.parse(account.chain?.expiresAt ?? '')).toBeGreaterThan(startedAt)
  })

  it('holds jobs whose static STS token expired, then resumes them with their bytes when new credentials are saved', async () => {
    harness = await startAppHarness({
      connect: false,
      emulator: {
        largeSourceBytes: 48 * MiB,
        maxUrlLifetimeSeconds: 2,
        cutMediaResponsesAfterBytes: 2 * MiB,
      },
    })
    const { emulator } = harness
    const saveSts = async (lifetimeSeconds: number) => {
      const sts = emulator.issueStsCredentials(lifetimeSeconds)
      await harness!.call('account.save', {
        kind: 'sts',
        accessKeyId: sts.accessKeyId,
        accessKeySecret: sts.accessKeySecret,
        securityToken: sts.securityToken,
        regionId: emulator.regionId,
        endpoint: emulator.endpoint,
      })
    }
    await saveSts(3)
    await harness.call('settings.update', { speedLimitBytesPerSecond: 4 * MiB })
    const source = largeSource(harness)
    const [job] = (
      await harness.call('downloads.enqueueSelection', {
        mediaType: 'video',
        mediaIds: [source.id],
        selection: 'source',
        addressType: 'oss',
      })
    ).jobs
    const held = await harness.waitForJob(job!.id, ['paused', 'completed', 'failed'])
    expect(held.state).toBe('paused')
    expect(held.error?.code).toBe('SecurityTokenExpired')
    expect(held.error?.message).toMatch(/update them in Settings/)
    expect(held.error?.messageZh).toMatch(/请在“设置”中更新凭证/)
    const keptBytes = held.doneBytes
    expect(keptBytes).toBeGreaterThan(0)
    expect(keptBytes).toBeLessThan(source.size)
    // It stays held: nothing retries it into failure.
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(harness.runtime.engine.manager.get(job!.id)?.state).toBe('paused')

    await harness.call('settings.update', { speedLimitBytesPerSecond: 0 })
    await saveSts(600)
    const done = await harness.waitForJob(job!.id, ['completed', 'failed'])
    expect(done.state).toBe('completed')
    expect(await sha256File(join(done.directory, done.fileName))).toBe(
      contentSha256(source.seed, source.size),
    )
    const states = jobEvents(harness, job!.id)
    expect(states.some((snapshot) => snapshot.state === 'failed')).toBe(false)
    // The resumed download went on from the bytes it had, never from zero.
    const afterHold = states.slice(states.findIndex((snapshot) => snapshot.state === 'paused'))
    expect(afterHold.every((snapshot) => snapshot.doneBytes >= keptBytes)).toBe(true)
  })
})
