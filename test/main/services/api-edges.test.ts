import { afterEach, describe, expect, it } from 'vitest'
import type { DownloadableFile } from '../../../src/shared/contract'
import { startAppHarness, type AppHarness } from './harness'

/**
 * The API's other edges through the services the desktop app and the headless host share
 * (issue 12, section 5): copied addresses, the CDN domain setting, DASH and HDR renditions,
 * a refused AuthTimeout and retried calls.
 */

let harness: AppHarness | undefined

afterEach(async () => {
  await harness?.cleanup()
  harness = undefined
})

function rendition(files: readonly DownloadableFile[], definition: string, format: string) {
  const found = files.find(
    (file) =>
      file.kind === 'rendition' &&
      file.definition === definition &&
      file.format === format &&
      file.status === 'Normal',
  )
  if (!found) throw new Error(`no ${definition} ${format} rendition`)
  return found
}

describe('copy address', () => {
  it('gives a fresh signed address with its expiry, and never the MtsHlsUriToken', async () => {
    harness = await startAppHarness()
    const { roles } = harness.emulator.library
    await harness.call('settings.saveHlsToken', { token: 'secret-hls-token' })
    const video = await harness.call('media.details', {
      mediaId: roles.normalWithHdMp4,
      mediaType: 'video',
    })
    const hd = rendition(video.files, 'HD', 'mp4')
    const before = Date.now()
    const address = await harness.call('media.address', { reference: hd.reference })
    expect(address.addressType).toBe('cdn')
    expect(address.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cdn\/.+auth_key=/)
    // Settings › URL lifetime (a day by default).
    const settings = await harness.call('settings.get', {})
    expect(address.expiresAt).toBeGreaterThanOrEqual(
      Math.floor(before / 1000) * 1000 + settings.authTimeoutSeconds * 1000,
    )
    const response = await fetch(address.url, { headers: { Range: 'bytes=0-7' } })
    expect(response.status).toBe(206)

    const encrypted = await harness.call('media.details', {
      mediaId: roles.hlsEncrypted,
      mediaType: 'video',
    })
    const hls = encrypted.files.find((file) => file.encryption === 'hls-standard')!
    const copied = await harness.call('media.address', { reference: hls.reference })
    expect(copied.url).not.toContain('MtsHlsUriToken')
    expect(copied.url).not.toContain('secret-hls-token')

    const oss = await harness.call('media.address', {
      reference: { ...hd.reference, outputType: 'oss' },
    })
    expect(oss.addressType).toBe('oss')
  })
})

describe('the CDN domain setting (PlayDomain)', () => {
  it('signs stream addresses and downloads on the chosen domain; refuses a URL as a domain', async () => {
    harness = await startAppHarness({ emulator: { playDomains: ['media.example.com'] } })
    const { roles } = harness.emulator.library
    const refused = await harness.failure('settings.update', {
      playDomain: 'https://media.example.com/',
    })
    expect(refused.code).toBe('InvalidInput')
    await harness.call('settings.update', { playDomain: 'media.example.com' })

    const details = await harness.call('media.details', {
      mediaId: roles.normalWithHdMp4,
      mediaType: 'video',
    })
    const hd = rendition(details.files, 'HD', 'mp4')
    const address = await harness.call('media.address', { reference: hd.reference })
    expect(address.url).toContain('/cdn/~media.example.com/')

    const before = harness.emulator.log.length
    const { jobs } = await harness.call('downloads.enqueue', {
      items: [{ reference: hd.reference }],
    })
    const done = await harness.waitForJob(jobs[0]!.id, ['completed', 'failed'])
    expect(done.state).toBe('completed')
    const fetched = harness.emulator.log
      .slice(before)
      .filter((entry) => entry.kind === 'media' && entry.status < 300)
    expect(fetched.length).toBeGreaterThan(0)
    expect(fetched.every((entry) => entry.path.startsWith('/cdn/~media.example.com/'))).toBe(true)
  })
})

describe('DASH and HDR renditions', () => {
  it('shows a DASH rendition as not downloadable, refuses to queue it, and names HDR', async () => {
    harness = await startAppHarness()
    const details = await harness.call('media.details', {
      mediaId: harness.emulator.library.roles.dashAndHdr,
      mediaType: 'video',
    })
    const dash = rendition(details.files, 'SD', 'mpd')
    expect(dash).toMatchObject({ downloadable: false, reason: { code: 'DashUnsupported' } })
    expect(rendition(details.files, 'HD', 'mp4').hdrType).toBe('HDR10')
    expect(rendition(details.files, 'SD', 'mp4').hdrType).toBeNull()

    const failure = await harness.failure('downloads.enqueue', {
      items: [{ reference: dash.reference }],
    })
    expect(failure.code).toBe('DashUnsupported')
    expect(await harness.call('downloads.list', {})).toEqual([])
  })
})

describe('refused lifetimes and retried calls', () => {
  it("downloads a source of the account's own bucket with a 7-day lifetime setting", async () => {
    harness = await startAppHarness()
    const { roles } = harness.emulator.library
    await harness.call('settings.update', { authTimeoutSeconds: 604_800 })
    const details = await harness.call('media.details', {
      mediaId: roles.ownBucketSource,
      mediaType: 'video',
    })
    const source = details.files.find((file) => file.kind === 'source')!
    expect(source.forcedOss).toBe(true)
    // The details listing asks without an AuthTimeout; the download asks for seven days.
    harness.emulator.failNext('GetMezzanineInfo', { code: 'SignatureNonceUsed', status: 400 })
    harness.emulator.failNext('GetMezzanineInfo', { code: 'ServiceUnavailable', status: 503 })
    const before = harness.emulator.log.length
    const { jobs } = await harness.call('downloads.enqueue', {
      items: [{ reference: source.reference }],
    })
    const done = await harness.waitForJob(jobs[0]!.id, ['completed', 'failed'])
    expect(done.error).toBeNull()
    expect(done.state).toBe('completed')
    const statuses = harness.emulator.log
      .slice(before)
      .filter((entry) => entry.action === 'GetMezzanineInfo')
      .map((entry) => entry.status)
    expect(statuses).toContain(400)
    expect(statuses.at(-1)).toBe(200)
  })
})
