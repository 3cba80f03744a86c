import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../../src/emulator/index'
import { startEmulator } from '../../src/emulator/index'
import type { Body, TeaError } from './helpers'
import { URICredentialsProvider } from '@alicloud/credentials'
import {
  anyArray,
  anyString,
  containing,
  matching,
  popCall,
  popClient,
  signedV1Url,
  teaCall,
  teaClient,
  v1CommonParams,
} from './helpers'

/**
 * The official SDK cores, unchanged, against the emulator: pop-core (V1 over GET and POST) and
 * the Tea OpenAPI core (V3 by default, V1 with signatureAlgorithm 'v2'), plus every gateway
 * rejection a client has to handle.
 */

let emulator: RunningEmulator

beforeAll(async () => {
  emulator = await startEmulator({ largeSourceBytes: 1024 * 1024 })
})

afterAll(async () => {
  await emulator.close()
})

function lastApiEntry() {
  return emulator.log.filter((entry) => entry.kind === 'api').at(-1)
}

async function teaFailure(promise: Promise<unknown>): Promise<TeaError> {
  const error: unknown = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  )
  expect(error, 'the call should have failed').toBeDefined()
  return error as TeaError
}

async function popFailure(promise: Promise<unknown>): Promise<{ code: string; data: Body }> {
  const error: unknown = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  )
  expect(error, 'the call should have failed').toBeDefined()
  return error as { code: string; data: Body }
}

describe('official SDK cores', () => {
  it('pop-core calls GetPlayInfo over GET (V1)', async () => {
    const body = await popCall(popClient(emulator), 'GetPlayInfo', {
      VideoId: emulator.library.roles.normalWithHdMp4,
    })
    expect(body.RequestId).toMatch(/^[0-9A-F-]{36}$/)
    expect(body).not.toHaveProperty('Code')
    expect(body).toMatchObject({ PlayInfoList: { PlayInfo: anyArray } })
    expect(lastApiEntry()).toMatchObject({ action: 'GetPlayInfo', status: 200, signature: 'v1' })
  })

  it('pop-core calls SearchMedia over POST with a form body (V1)', async () => {
    const body = await popCall(
      popClient(emulator),
      'SearchMedia',
      { SearchType: 'video', Fields: 'Title', Match: "Title = '西湖'", PageSize: 5 },
      'POST',
    )
    expect(body.Total).toBeGreaterThan(0)
    expect(body.MediaList).toEqual(anyArray)
    expect(lastApiEntry()).toMatchObject({ action: 'SearchMedia', status: 200, signature: 'v1' })
  })

  it('the Tea core signs with V3 by default', async () => {
    const response = await teaCall(teaClient(emulator), 'GetPlayInfo', {
      VideoId: emulator.library.roles.normalWithHdMp4,
      Formats: 'mp4',
    })
    expect(response.statusCode).toBe(200)
    expect(response.body).toMatchObject({ PlayInfoList: { PlayInfo: anyArray } })
    expect(lastApiEntry()).toMatchObject({ action: 'GetPlayInfo', status: 200, signature: 'v3' })
  })

  it('the Tea core signs with V1 when signatureAlgorithm is v2', async () => {
    const response = await teaCall(
      teaClient(emulator, { signatureAlgorithm: 'v2' }),
      'SearchMedia',
      {
        Fields: 'Title,CoverURL',
        Match: "Status in ('Normal','Checking')",
        PageSize: '3',
      },
    )
    expect(response.statusCode).toBe(200)
    expect(response.body.MediaList).toHaveLength(3)
    expect(lastApiEntry()).toMatchObject({ action: 'SearchMedia', status: 200, signature: 'v1' })
  })

  it('Tea and pop-core both work with STS credentials', async () => {
    const sts = emulator.issueStsCredentials(900)
    expect(sts.accessKeyId).toMatch(/^STS\./)
    expect(sts.expiration).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
    const tea = await teaCall(teaClient(emulator, sts), 'GetVideoInfo', {
      VideoId: emulator.library.roles.normalWithHdMp4,
    })
    expect(tea.statusCode).toBe(200)
    const pop = await popCall(popClient(emulator, sts), 'GetVideoInfo', {
      VideoId: emulator.library.roles.normalWithHdMp4,
    })
    expect(pop).toHaveProperty('Video')
  })
})

describe('gateway rejections', () => {
  it('rejects a wrong secret with SignatureDoesNotMatch (400), for V1 and V3', async () => {
    const v3 = await teaFailure(
      teaCall(teaClient(emulator, { accessKeySecret: 'wrong' }), 'GetPlayInfo', { VideoId: 'x' }),
    )
    expect(v3.code).toBe('SignatureDoesNotMatch')
    expect(v3.statusCode).toBe(400)
    expect(v3.data).toMatchObject({
      HostId: 'vod.cn-shanghai.aliyuncs.com',
      Recommend: containing('SignatureDoesNotMatch'),
      RequestId: anyString,
    })
    const v1 = await popFailure(
      popCall(popClient(emulator, { accessKeySecret: 'wrong' }), 'GetPlayInfo', { VideoId: 'x' }),
    )
    expect(v1.code).toBe('SignatureDoesNotMatch')
    expect(String(v1.data.Message)).toContain('server string to sign is:GET&%2F&')
    expect(lastApiEntry()).toMatchObject({ status: 400, signature: 'v1' })
  })

  it('rejects an unknown AccessKey with InvalidAccessKeyId.NotFound (404)', async () => {
    const error = await teaFailure(
      teaCall(teaClient(emulator, { accessKeyId: 'LTAI5tUnknownKey' }), 'GetPlayInfo', {}),
    )
    expect(error).toMatchObject({ code: 'InvalidAccessKeyId.NotFound', statusCode: 404 })
  })

  it('rejects an unknown action with InvalidAction.NotFound (404)', async () => {
    const error = await teaFailure(teaCall(teaClient(emulator), 'DeleteVideo', {}))
    expect(error).toMatchObject({ code: 'InvalidAction.NotFound', statusCode: 404 })
  })

  it('rejects a reused V3 nonce with SignatureNonceUsed', async () => {
    const client = teaClient(emulator)
    const headers = { 'x-acs-signature-nonce': `nonce-${Date.now()}-v3` }
    const query = { VideoId: emulator.library.roles.normalWithHdMp4 }
    await teaCall(client, 'GetVideoInfo', query, headers)
    const error = await teaFailure(teaCall(client, 'GetVideoInfo', query, headers))
    expect(error).toMatchObject({ code: 'SignatureNonceUsed', statusCode: 400 })
  })

  it('rejects a reused V1 nonce with SignatureNonceUsed', async () => {
    const client = teaClient(emulator, { signatureAlgorithm: 'v2' })
    const query = {
      VideoId: emulator.library.roles.normalWithHdMp4,
      SignatureNonce: `n-${Date.now()}`,
    }
    await teaCall(client, 'GetVideoInfo', query)
    const error = await teaFailure(teaCall(client, 'GetVideoInfo', query))
    expect(error).toMatchObject({ code: 'SignatureNonceUsed', statusCode: 400 })
  })

  it('rejects a timestamp more than 15 minutes off with InvalidTimeStamp.Expired', async () => {
    emulator.setClockOffsetMs(16 * 60 * 1000)
    try {
      const v3 = await teaFailure(teaCall(teaClient(emulator), 'GetVideoInfo', { VideoId: 'x' }))
      expect(v3).toMatchObject({ code: 'InvalidTimeStamp.Expired', statusCode: 400 })
      const v1 = await popFailure(popCall(popClient(emulator), 'GetVideoInfo', { VideoId: 'x' }))
      expect(v1.code).toBe('InvalidTimeStamp.Expired')
    } finally {
      emulator.setClockOffsetMs(0)
    }
  })

  it('rejects an expired STS token with InvalidSecurityToken.Expired', async () => {
    const sts = emulator.issueStsCredentials(60)
    emulator.setClockOffsetMs(61_000)
    try {
      const v3 = await teaFailure(
        teaCall(teaClient(emulator, sts), 'GetVideoInfo', { VideoId: 'x' }),
      )
      expect(v3).toMatchObject({ code: 'InvalidSecurityToken.Expired', statusCode: 400 })
      const v1 = await popFailure(
        popCall(popClient(emulator, sts), 'GetVideoInfo', { VideoId: 'x' }),
      )
      expect(v1.code).toBe('InvalidSecurityToken.Expired')
    } finally {
      emulator.setClockOffsetMs(0)
    }
  })

  it('rejects a missing or foreign STS token', async () => {
    const sts = emulator.issueStsCredentials(900)
    const other = emulator.issueStsCredentials(900)
    const missing = await popFailure(
      popCall(popClient(emulator, { ...sts, securityToken: '' }), 'GetVideoInfo', { VideoId: 'x' }),
    )
    expect(missing.code).toBe('MissingSecurityToken')
    const foreign = await teaFailure(
      teaCall(teaClient(emulator, { ...sts, securityToken: other.securityToken }), 'GetVideoInfo', {
        VideoId: 'x',
      }),
    )
    expect(foreign.code).toBe('InvalidSecurityToken.MismatchWithAccessKey')
  })

  it('rejects a malformed STS token with InvalidSecurityToken.Malformed (400), V1 and V3', async () => {
    const sts = emulator.issueStsCredentials(900)
    const cut = { ...sts, securityToken: `${sts.securityToken.slice(0, 40)}!` }
    const v3 = await teaFailure(teaCall(teaClient(emulator, cut), 'GetVideoInfo', { VideoId: 'x' }))
    expect(v3).toMatchObject({ code: 'InvalidSecurityToken.Malformed', statusCode: 400 })
    expect(v3.data?.Message).toBe('Specified SecurityToken is malformed.')
    const v1 = await popFailure(popCall(popClient(emulator, cut), 'GetVideoInfo', { VideoId: 'x' }))
    expect(v1.code).toBe('InvalidSecurityToken.Malformed')
  })

  it('injects errors with failNext, then recovers', async () => {
    emulator.failNext('GetPlayInfo', { code: 'Throttling', status: 400, count: 2 })
    const client = teaClient(emulator)
    const query = { VideoId: emulator.library.roles.normalWithHdMp4 }
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await teaFailure(teaCall(client, 'GetPlayInfo', query))
      expect(error).toMatchObject({ code: 'Throttling', statusCode: 400 })
      expect(error.data?.Message).toBe('Request was denied due to user flow control.')
    }
    // Other actions are unaffected, and the third call succeeds.
    expect((await teaCall(client, 'GetVideoInfo', query)).statusCode).toBe(200)
    expect((await teaCall(client, 'GetPlayInfo', query)).statusCode).toBe(200)
  })
})

describe('V1 Format', () => {
  it('answers XML when Format is omitted, JSON when asked', async () => {
    const params = {
      ...v1CommonParams(emulator, 'GetVideoInfo'),
      VideoId: emulator.library.roles.normalWithHdMp4,
    }
    const xml = await fetch(signedV1Url(emulator, params))
    expect(xml.status).toBe(200)
    expect(xml.headers.get('content-type')).toBe('text/xml;charset=utf-8')
    const text = await xml.text()
    expect(text).toMatch(
      /^<\?xml version='1.0' encoding='UTF-8'\?><GetVideoInfoResponse><RequestId>/,
    )
    expect(text).toContain('<Snapshots><Snapshot>')

    const json = await fetch(
      signedV1Url(emulator, {
        ...v1CommonParams(emulator, 'GetVideoInfo'),
        Format: 'JSON',
        VideoId: 'missing',
      }),
    )
    expect(json.status).toBe(404)
    expect(json.headers.get('content-type')).toBe('application/json;charset=utf-8')
    expect(await json.json()).toMatchObject({ Code: 'InvalidVideo.NotFound' })
  })

  it('answers an XML error body when XML is asked for', async () => {
    const response = await fetch(
      signedV1Url(emulator, {
        ...v1CommonParams(emulator, 'GetVideoInfo'),
        Format: 'XML',
        VideoId: 'missing',
      }),
    )
    expect(response.status).toBe(404)
    expect(await response.text()).toMatch(
      /<Error><RequestId>.*<Code>InvalidVideo\.NotFound<\/Code>/,
    )
  })
})

describe('the credentials URI', () => {
  it('issues STS sessions in the shape the official URI provider reads, each valid until it expires', async () => {
    const short = await startEmulator({ largeSourceBytes: 1024 * 1024, stsSessionSeconds: 2 })
    try {
      const provider = URICredentialsProvider.builder()
        .withCredentialsURI(short.credentialsUri)
        .build()
      const first = await provider.getCredentials()
      expect(first.accessKeyId).toMatch(/^STS\./)
      expect(first.securityToken).toMatch(/^CAIS/)
      const answer = (await (await fetch(short.credentialsUri)).json()) as Body
      expect(answer).toMatchObject({
        Code: 'Success',
        AccessKeyId: containing('STS.'),
        AccessKeySecret: anyString,
        SecurityToken: containing('CAIS'),
        Expiration: matching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      })
      const query = { VideoId: short.library.roles.normalWithHdMp4 }
      // The session signs V3 (x-acs-security-token) and V1 (SecurityToken) calls alike.
      await teaCall(teaClient(short, first), 'GetVideoInfo', query)
      await teaCall(teaClient(short, { ...first, signatureAlgorithm: 'v2' }), 'GetVideoInfo', query)
      await popCall(popClient(short, first), 'GetVideoInfo', query)
      const signed = short.log.filter((entry) => entry.kind === 'api')
      expect(signed.map((entry) => [entry.signature, entry.session])).toEqual([
        ['v3', 1],
        ['v1', 1],
        ['v1', 1],
      ])
      short.setClockOffsetMs(3_000)
      const expired = await teaFailure(teaCall(teaClient(short, first), 'GetVideoInfo', query))
      expect(expired).toMatchObject({ code: 'InvalidSecurityToken.Expired', statusCode: 400 })
      // The provider sees the session is stale and fetches the next one before signing.
      const next = await provider.getCredentials()
      expect(next.accessKeyId).not.toBe(first.accessKeyId)
      await teaCall(teaClient(short, next), 'GetVideoInfo', query)
      expect(short.log.filter((entry) => entry.kind === 'credentials')).toHaveLength(3)
      expect(short.log.filter((entry) => entry.kind === 'api').at(-1)?.session).toBe(3)
      expect((await fetch(`${short.credentialsUri}?DurationSeconds=0`)).status).toBe(400)
    } finally {
      await short.close()
    }
  })
})
