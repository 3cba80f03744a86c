import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../../src/emulator/index'
import { startEmulator } from '../../src/emulator/index'
import type { Body, TeaError } from './helpers'
import { teaCall, teaClient } from './helpers'

/**
 * Archive storage: StorageClass and the restore fields in the info actions, RestoreMedia, a
 * restore that takes `restoreSeconds`, and OSS's 403 `InvalidObjectState` for a frozen object.
 */

const dayMs = 86_400_000
let emulator: RunningEmulator
let call: (action: string, query?: Record<string, string>) => Promise<Body>

beforeAll(async () => {
  emulator = await startEmulator({ restoreSeconds: 1 })
  const client = teaClient(emulator)
  call = async (action, query = {}) => (await teaCall(client, action, query)).body
})

afterAll(async () => {
  await emulator.close()
})

afterEach(() => {
  offsetMs = 0
  emulator.setClockOffsetMs(0)
})

async function failure(action: string, query: Record<string, string>): Promise<TeaError> {
  const error: unknown = await call(action, query).then(
    () => undefined,
    (rejection: unknown) => rejection,
  )
  expect(error, `${action} should have failed`).toBeDefined()
  return error as TeaError
}

async function mezzanine(videoId: string, outputType = 'oss'): Promise<Body> {
  return (await call('GetMezzanineInfo', { VideoId: videoId, OutputType: outputType }))
    .Mezzanine as Body
}

async function video(videoId: string): Promise<Body> {
  return (await call('GetVideoInfo', { VideoId: videoId })).Video as Body
}

let offsetMs = 0

/** Moves the emulator's clock past a restore's `restoreSeconds` (API timestamps stay valid). */
function skipRestoreTime(): void {
  offsetMs += 1_500
  emulator.setClockOffsetMs(offsetMs)
}

describe('storage classes', () => {
  it('reports the class in GetMezzanineInfo, GetVideoInfo(s), SearchMedia and GetPlayInfo', async () => {
    const { roles } = emulator.library
    expect((await mezzanine(roles.archivedSource)).StorageClass).toBe('SourceArchive')
    expect((await mezzanine(roles.normalWithHdMp4)).StorageClass).toBe('Standard')
    const cold = await video(roles.coldArchive)
    expect(cold.StorageClass).toBe('ColdArchive')
    // No restore asked for yet: no restore fields.
    expect(cold).not.toHaveProperty('RestoreStatus')
    expect(cold).not.toHaveProperty('RestoreExpiration')
    const infos = await call('GetVideoInfos', { VideoIds: roles.archivedSource })
    expect((infos.VideoList as Body[])[0]?.StorageClass).toBe('SourceArchive')
    const found = await call('SearchMedia', {
      SearchType: 'video',
      Match: `VideoId = '${roles.coldArchive}'`,
      Fields: 'Title,StorageClass,RestoreStatus',
    })
    const item = (found.MediaList as Body[])[0]?.Video as Body
    expect(item.StorageClass).toBe('ColdArchive')
    const play = await call('GetPlayInfo', { VideoId: roles.coldArchive })
    expect((play.VideoBase as Body).StorageClass).toBe('ColdArchive')
  })

  it('refuses to read a frozen object on OSS and on the CDN with 403 InvalidObjectState', async () => {
    const { roles } = emulator.library
    for (const outputType of ['oss', 'cdn']) {
      const url = String((await mezzanine(roles.archivedSource, outputType)).FileURL)
      const refused = await fetch(url)
      expect(refused.status).toBe(403)
      expect(refused.headers.get('content-type')).toBe('application/xml')
      const body = await refused.text()
      expect(body).toContain('<Code>InvalidObjectState</Code>')
      expect(body).toMatch(/<Message>The operation is not valid for the object(&apos;|')s state</)
      expect(refused.headers.get('x-oss-ec')).toBe('0016-00000404')
    }
    // The streams of a Source… class stay Standard; a whole Cold Archive item's are frozen too.
    const streams = await call('GetPlayInfo', { VideoId: roles.archivedSource })
    const standardUrl = String((streams.PlayInfoList as { PlayInfo: Body[] }).PlayInfo[0]?.PlayURL)
    expect((await fetch(standardUrl)).status).toBe(200)
    const cold = await call('GetPlayInfo', { VideoId: roles.coldArchive })
    const coldUrl = String((cold.PlayInfoList as { PlayInfo: Body[] }).PlayInfo[0]?.PlayURL)
    expect((await fetch(coldUrl)).status).toBe(403)
  })
})

describe('RestoreMedia', () => {
  it('restores in Processing, then Success with RestoreExpiration, and serves the object', async () => {
    const id = emulator.library.roles.coldArchive
    const reply = await call('RestoreMedia', {
      MediaIds: id,
      RestoreDays: '3',
      RestoreTier: 'Expedited',
    })
    expect(reply).toMatchObject({
      Success: true,
      IgnoredList: { MediaId: [] },
      ForbiddenList: { MediaForbiddenReasonDTO: [] },
    })
    expect(reply.RequestId).toEqual(expect.any(String))
    expect(await mezzanine(id)).toMatchObject({ RestoreStatus: 'Processing' })
    expect((await mezzanine(id)).RestoreExpiration).toBeUndefined()
    const frozenUrl = String((await mezzanine(id)).FileURL)
    expect((await fetch(frozenUrl)).status).toBe(403)

    skipRestoreTime()
    const restored = await mezzanine(id)
    expect(restored.RestoreStatus).toBe('Success')
    const expiration = Date.parse(String(restored.RestoreExpiration))
    expect(expiration).toBeGreaterThan(Date.now() + 3 * dayMs - 60_000)
    expect(String(restored.RestoreExpiration)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect((await video(id)).RestoreStatus).toBe('Success')
    const readable = await fetch(String(restored.FileURL))
    expect(readable.status).toBe(200)
    const source = emulator.library.findMedia(id)?.source
    expect(Number(readable.headers.get('content-length'))).toBe(source?.size)
    expect(emulator.restoreOf(id)).toEqual({ status: 'Success', tier: 'Expedited', days: 3 })
  })

  it('lists unknown ids as ignored and items not in archive storage as forbidden', async () => {
    const { roles } = emulator.library
    const reply = await call('RestoreMedia', {
      MediaIds: `${roles.normalWithHdMp4},0123456789abcdef0123456789abcdef`,
    })
    expect(reply).toMatchObject({
      Success: true,
      IgnoredList: { MediaId: ['0123456789abcdef0123456789abcdef'] },
      ForbiddenList: {
        MediaForbiddenReasonDTO: [
          { MediaId: roles.normalWithHdMp4, Reason: 'Forbidden.RestoreMedia' },
        ],
      },
    })
  })

  it('answers a failed restore with RestoreStatus Failed, and a new request restores', async () => {
    const id = emulator.library.roles.archivedSource
    emulator.failRestore(id)
    await call('RestoreMedia', { MediaIds: id })
    skipRestoreTime()
    expect((await mezzanine(id)).RestoreStatus).toBe('Failed')
    expect((await fetch(String((await mezzanine(id)).FileURL))).status).toBe(403)
    await call('RestoreMedia', { MediaIds: id })
    expect((await mezzanine(id)).RestoreStatus).toBe('Processing')
    skipRestoreTime()
    expect((await mezzanine(id)).RestoreStatus).toBe('Success')
  })

  it('checks its parameters as the API does', async () => {
    const { roles } = emulator.library
    expect(await failure('RestoreMedia', {})).toMatchObject({
      code: 'MissingMediaIds',
      statusCode: 400,
    })
    // Archive keeps a restored copy for 7 days at most; Cold Archive for 365.
    expect(
      await failure('RestoreMedia', { MediaIds: roles.archivedSource, RestoreDays: '8' }),
    ).toMatchObject({ code: 'InvalidParameter', statusCode: 400 })
    expect(
      await failure('RestoreMedia', { MediaIds: roles.coldArchive, RestoreDays: '366' }),
    ).toMatchObject({ code: 'InvalidParameter', statusCode: 400 })
    expect(
      await failure('RestoreMedia', { MediaIds: roles.coldArchive, RestoreTier: 'Fast' }),
    ).toMatchObject({ code: 'InvalidParameter', statusCode: 400 })
    const many = Array.from({ length: 21 }, () => roles.coldArchive).join(',')
    expect(await failure('RestoreMedia', { MediaIds: many })).toMatchObject({
      code: 'ExceededMax',
      statusCode: 400,
    })
  })
})
