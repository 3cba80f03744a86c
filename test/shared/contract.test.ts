import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  coalesceProgress,
  compareJobQueueOrder,
  createProgressCoalescer,
  dispatchRequest,
  downloadableFileSchema,
  dropProgress,
  emptyProgressBuffer,
  eventNames,
  flushProgress,
  isEventName,
  isRequestName,
  maskAccessKeyId,
  mediaSummarySchema,
  parseRequestInput,
  queueOrderChanged,
  referenceKey,
  requestNames,
  requests,
  type ApiClient,
  type EnqueueResult,
  type CoalescerClock,
  type Handlers,
  type RequestInput,
  type RequestOutput,
} from '../../src/shared/contract'
import { AppError } from '../../src/shared/errors'
import type { JobProgress } from '../../src/shared/jobs'
import {
  applySettingsPatch,
  createDefaultSettings,
  readStoredSettings,
  settingsSchema,
  type Settings,
} from '../../src/shared/settings'
import type { VodFileReference } from '../../src/shared/vod'

function progress(id: number, doneBytes: number): JobProgress {
  return { id, doneBytes, totalBytes: 1000, speed: 10, etaSeconds: 5, activeConnections: 2 }
}

const reference: VodFileReference = {
  mediaId: 'a1b2c3',
  mediaType: 'video',
  kind: 'rendition',
  outputType: 'cdn',
  definition: 'HD',
  format: 'mp4',
  jobId: 'job-1',
}

describe('contract schemas', () => {
  it('accepts a well-formed library search and fills defaults', () => {
    const parsed = parseRequestInput('library.search', { mediaType: 'video', title: ' trailer ' })
    expect(parsed).toEqual({
      ok: true,
      value: { mediaType: 'video', title: 'trailer', sort: 'created-desc', pageSize: 50 },
    })
  })

  it.each([
    ['an unknown media type', { mediaType: 'document' }],
    ['a page size above the VOD maximum', { mediaType: 'video', pageSize: 101 }],
    ['a date that is not ISO 8601', { mediaType: 'video', createdFrom: '2024/01/01' }],
    [
      'a range that ends before it starts',
      {
        mediaType: 'video',
        createdFrom: '2024-02-01T00:00:00Z',
        createdTo: '2024-01-01T00:00:00Z',
      },
    ],
    ['an unknown field', { mediaType: 'video', PageNo: 2 }],
  ])('rejects %s', (_name, input) => {
    const parsed = parseRequestInput('library.search', input)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error.code).toBe('InvalidInput')
  })

  it('rejects settings outside their limits and unknown settings', () => {
    expect(parseRequestInput('settings.update', { maxConcurrentJobs: 17 }).ok).toBe(false)
    expect(parseRequestInput('settings.update', { connectionsPerJob: 0 }).ok).toBe(false)
    expect(parseRequestInput('settings.update', { speedLimitBytesPerSecond: -1 }).ok).toBe(false)
    expect(parseRequestInput('settings.update', { defaultAddressType: 'ftp' }).ok).toBe(false)
    expect(parseRequestInput('settings.update', { fileNameTemplate: '../{title}' }).ok).toBe(false)
    expect(parseRequestInput('settings.update', { cdnReferer: 'javascript:alert(1)' }).ok).toBe(
      false,
    )
    expect(parseRequestInput('settings.update', { colour: 'red' }).ok).toBe(false)
    expect(parseRequestInput('settings.update', { maxConcurrentJobs: 16, theme: 'dark' })).toEqual({
      ok: true,
      value: { maxConcurrentJobs: 16, theme: 'dark' },
    })
  })

  it('requires an STS token for STS credentials and refuses odd endpoints', () => {
    const base = { accessKeyId: 'STS.abc', accessKeySecret: 's', regionId: 'cn-shanghai' }
    expect(parseRequestInput('account.save', { kind: 'sts', ...base }).ok).toBe(false)
    expect(
      parseRequestInput('account.save', { kind: 'sts', ...base, securityToken: 'token' }).ok,
    ).toBe(true)
    expect(
      parseRequestInput('account.save', {
        kind: 'access-key',
        ...base,
        endpoint: 'http://127.0.0.1:9000',
      }).ok,
    ).toBe(true)
    expect(
      parseRequestInput('account.save', {
        kind: 'access-key',
        ...base,
        endpoint: 'http://evil.example/path?x=1',
      }).ok,
    ).toBe(false)
    expect(
      parseRequestInput('account.save', { kind: 'access-key', ...base, regionId: '' }).ok,
    ).toBe(false)
  })

  it('refuses file names that escape the download folder', () => {
    for (const fileName of ['../x.mp4', '/etc/passwd', 'a//b.mp4', 'C:/x.mp4', 'a\\b.mp4']) {
      const parsed = parseRequestInput('downloads.enqueue', { items: [{ reference, fileName }] })
      expect(parsed.ok, fileName).toBe(false)
    }
    expect(
      parseRequestInput('downloads.enqueue', { items: [{ reference, fileName: 'Show/HD.mp4' }] }),
    ).toMatchObject({ ok: true, value: { duplicates: 'skip' } })
  })

  it('refuses an empty batch, bad ids and unknown move targets', () => {
    expect(parseRequestInput('downloads.enqueue', { items: [] }).ok).toBe(false)
    expect(parseRequestInput('downloads.pause', { ids: [] }).ok).toBe(false)
    expect(parseRequestInput('downloads.pause', { ids: [1.5] }).ok).toBe(false)
    expect(parseRequestInput('downloads.move', { id: 1, to: 'sideways' }).ok).toBe(false)
    expect(
      parseRequestInput('downloads.summarize', {
        mediaType: 'video',
        mediaIds: ['a'],
        selection: 'everything',
      }).ok,
    ).toBe(false)
  })

  it('describes downloadable files and media summaries as plain data', () => {
    const file = {
      reference,
      kind: 'rendition',
      label: 'HD · mp4',
      definition: 'HD',
      format: 'mp4',
      width: 1920,
      height: 1080,
      bitrate: 4500,
      size: 1_000_000,
      duration: 60,
      encryption: 'none',
      downloadable: true,
      reason: null,
      status: 'Normal',
      jobId: 'job-1',
      suggestedName: 'Trailer/HD.mp4',
      forcedOss: false,
      thumbnailUrl: null,
    }
    expect(downloadableFileSchema.safeParse(file).success).toBe(true)
    expect(downloadableFileSchema.safeParse({ ...file, encryption: 'drm' }).success).toBe(false)
    expect(
      mediaSummarySchema.safeParse({
        mediaId: 'a1',
        mediaType: 'audio',
        title: 'Podcast',
        coverUrl: null,
        duration: 30,
        size: null,
        status: 'Normal',
        categoryId: null,
        categoryName: null,
        createdAt: '2024-01-01T00:00:00Z',
        modifiedAt: null,
        storageClass: null,
      }).success,
    ).toBe(true)
  })
})

describe('contract names and types', () => {
  it('lists every request and event at runtime', () => {
    expect(requestNames).toEqual(Object.keys(requests))
    expect(isRequestName('downloads.pause')).toBe(true)
    expect(isRequestName('toString')).toBe(false)
    expect(isEventName('jobs.progress')).toBe(true)
    expect(isEventName('jobs.exploded')).toBe(false)
    expect(new Set(eventNames).size).toBe(eventNames.length)
  })

  it('derives inputs, outputs and client signatures from the contract', () => {
    expectTypeOf<RequestOutput<'settings.get'>>().toEqualTypeOf<Settings>()
    expectTypeOf<RequestOutput<'downloads.enqueue'>>().toEqualTypeOf<EnqueueResult>()
    expectTypeOf<RequestInput<'downloads.move'>>().toEqualTypeOf<{
      id: number
      to: 'top' | 'up' | 'down' | 'bottom'
    }>()
    expectTypeOf<Parameters<Handlers['downloads.remove']>[0]>().toEqualTypeOf<{
      ids: number[]
      deleteFiles: boolean
    }>()
    const client = null as unknown as ApiClient
    // Requests without required input may omit it; others must pass it.
    expectTypeOf(() => client.request('settings.get')).returns.resolves.toEqualTypeOf<Settings>()
    // @ts-expect-error library.search needs an input with a mediaType
    expectTypeOf(() => client.request('library.search')).toBeFunction()
  })
})

describe('dispatchRequest', () => {
  const settings = createDefaultSettings('/downloads')
  const handlers = {
    'settings.get': () => Promise.resolve(settings),
    'settings.update': (patch) => Promise.resolve(applySettingsPatch(settings, patch)),
    'downloads.pause': () => Promise.reject(new AppError('NotFound', 'job 7')),
    'downloads.resume': () => Promise.reject(new Error('database is locked')),
  } as Partial<Handlers> as Handlers

  it('parses input before the handler sees it', async () => {
    await expect(dispatchRequest(handlers, 'settings.update', { theme: 'dark' })).resolves.toEqual({
      ok: true,
      value: { ...settings, theme: 'dark' },
    })
    const refused = await dispatchRequest(handlers, 'settings.update', { theme: 'purple' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'InvalidInput' } })
  })

  it('treats a missing input as empty', async () => {
    await expect(dispatchRequest(handlers, 'settings.get', undefined)).resolves.toEqual({
      ok: true,
      value: settings,
    })
  })

  it('refuses unknown request names', async () => {
    const result = await dispatchRequest(handlers, 'shell.exec', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'InvalidInput' } })
  })

  it('turns thrown errors into error data with both languages', async () => {
    const known = await dispatchRequest(handlers, 'downloads.pause', { ids: [7] })
    expect(known).toMatchObject({ ok: false, error: { code: 'NotFound', detail: 'job 7' } })
    const unknown = await dispatchRequest(handlers, 'downloads.resume', { ids: [7] })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'Internal' } })
    if (!unknown.ok) expect(unknown.error.messageZh).toContain('database is locked')
  })
})

describe('settings', () => {
  it('has defaults that satisfy the schema', () => {
    const defaults = createDefaultSettings('/home/user/Downloads')
    expect(settingsSchema.parse(defaults)).toEqual(defaults)
    expect(defaults).toMatchObject({ maxConcurrentJobs: 3, connectionsPerJob: 8 })
  })

  it('keeps valid stored fields and resets only the broken ones', () => {
    const defaults = createDefaultSettings('/d')
    const stored = { maxConcurrentJobs: 5, connectionsPerJob: 999, theme: 'dark', legacy: true }
    expect(readStoredSettings(stored, defaults)).toEqual({
      ...defaults,
      maxConcurrentJobs: 5,
      theme: 'dark',
    })
    expect(readStoredSettings('garbage', defaults)).toEqual(defaults)
  })
})

describe('helpers', () => {
  it('masks AccessKey ids', () => {
    expect(maskAccessKeyId('LTAI5tAbCdEfGhIjKlMn')).toBe('LTAI****KlMn')
    expect(maskAccessKeyId('short')).toBe('sh****')
  })

  it('keys references by identity, not by address type or lifetime', () => {
    expect(referenceKey({ ...reference, outputType: 'oss', authTimeout: 60 })).toBe(
      referenceKey(reference),
    )
    expect(referenceKey({ ...reference, definition: 'SD' })).not.toBe(referenceKey(reference))
  })

  it('orders the queue by priority, then age', () => {
    const jobs = [
      { id: 3, priority: 0 },
      { id: 1, priority: 0 },
      { id: 2, priority: 5 },
    ]
    expect(jobs.sort(compareJobQueueOrder).map((job) => job.id)).toEqual([2, 1, 3])
  })

  it('orders equal priorities by the engine position when snapshots carry it', () => {
    const jobs = [
      { id: 1, priority: 0, position: 3 },
      { id: 2, priority: 0, position: 1 },
      { id: 3, priority: 1, position: 9 },
    ]
    expect(jobs.sort(compareJobQueueOrder).map((job) => job.id)).toEqual([3, 2, 1])
    expect(
      queueOrderChanged({ id: 1, priority: 0, position: 1 }, { id: 1, priority: 0, position: 2 }),
    ).toBe(true)
    expect(queueOrderChanged({ id: 1, priority: 0 }, { id: 1, priority: 0 })).toBe(false)
  })
})

describe('coalesceProgress', () => {
  it('emits the first figures at once and holds later ones until the interval passes', () => {
    const first = coalesceProgress(emptyProgressBuffer, [progress(1, 10)], 1000)
    expect(first.emit).toEqual([progress(1, 10)])
    const second = coalesceProgress(first.buffer, [progress(1, 20), progress(2, 5)], 1040)
    expect(second.emit).toEqual([])
    expect(second.flushAt).toBe(1100)
    const third = coalesceProgress(second.buffer, [progress(1, 30)], 1060)
    expect(third.emit).toEqual([])
    const flushed = flushProgress(third.buffer, 1100)
    // The newest figures per job win; one batch carries every job.
    expect(flushed.emit).toEqual([progress(1, 30), progress(2, 5)])
    expect(flushed.flushAt).toBeNull()
    expect(flushProgress(flushed.buffer, 1300).emit).toEqual([])
  })

  it('drops figures of jobs that stopped', () => {
    const held = coalesceProgress(
      { pending: new Map(), lastEmittedAt: 1000 },
      [progress(1, 10), progress(2, 10)],
      1010,
    )
    const dropped = dropProgress(held.buffer, [1])
    expect(flushProgress(dropped, 1100).emit).toEqual([progress(2, 10)])
    expect(dropProgress(dropped, [9])).toBe(dropped)
  })

  it('drives emission from an injected clock without sleeping', () => {
    let now = 0
    const timers: { callback: () => void; at: number }[] = []
    const clock: CoalescerClock = {
      now: () => now,
      setTimer: (callback, delayMs) => {
        const timer = { callback, at: now + delayMs }
        timers.push(timer)
        return timer
      },
      clearTimer: (handle) => {
        timers.splice(timers.indexOf(handle as (typeof timers)[number]), 1)
      },
    }
    const batches: JobProgress[][] = []
    const coalescer = createProgressCoalescer((batch) => batches.push(batch), { clock })
    coalescer.push([progress(1, 1)])
    now = 30
    coalescer.push([progress(1, 2)])
    now = 60
    coalescer.push([progress(1, 3)])
    expect(batches).toEqual([[progress(1, 1)]])
    expect(timers).toHaveLength(1)
    now = timers[0]?.at ?? 0
    timers.shift()?.callback()
    expect(batches).toEqual([[progress(1, 1)], [progress(1, 3)]])
    coalescer.push([progress(1, 4)])
    coalescer.dispose()
    expect(timers).toHaveLength(0)
  })
})
