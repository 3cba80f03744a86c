import { describe, expect, it } from 'vitest'
import { AppError, type ErrorCode } from '../../../src/shared/errors'
import { errorCodeForServerCode, mapVodError, VodServiceError } from '../../../src/main/vod/errors'

/** The shape the Tea SDK throws for an HTTP 4xx/5xx reply. */
function sdkError(
  status: number,
  body: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  const code = typeof body.Code === 'string' ? body.Code : ''
  return Object.assign(
    new Error(`${code}: code: ${status}, ${String(body.Message)} request id: x`),
    {
      name: 'ResponseError',
      code,
      data: { ...body, statusCode: status },
      statusCode: status,
      ...extra,
    },
  )
}

describe('errorCodeForServerCode', () => {
  it.each<[string, number | undefined, ErrorCode]>([
    ['InvalidAccessKeyId.NotFound', 404, 'InvalidAccessKey'],
    ['InvalidAccessKeyId', 404, 'InvalidAccessKey'],
    ['InvalidAccessKeyId.Inactive', 400, 'InvalidAccessKey'],
    ['SignatureDoesNotMatch', 400, 'SignatureMismatch'],
    ['IncompleteSignature', 400, 'SignatureMismatch'],
    ['InvalidSecurityToken.Expired', 400, 'SecurityTokenExpired'],
    ['InvalidSecurityToken.Malformed', 400, 'SecurityTokenMalformed'],
    ['InvalidSecurityToken.MismatchWithAccessKey', 400, 'SecurityTokenMismatch'],
    ['MissingSecurityToken', 400, 'SecurityTokenMalformed'],
    ['InvalidSecurityToken.Other', 400, 'SecurityTokenExpired'],
    ['InvalidTimeStamp.Expired', 400, 'ClockSkew'],
    ['InvalidTimeStamp.Format', 400, 'ClockSkew'],
    ['InvalidVideo.NotFound', 404, 'NotFound'],
    ['InvalidFile.NotFound', 404, 'NotFound'],
    ['NoSuchResource', 404, 'NotFound'],
    ['Forbidden.IllegalStatus', 403, 'IllegalStatus'],
    ['InvalidVideo.NoneStream', 404, 'NoStream'],
    ['Forbidden.AliyunVoDEncryption', 403, 'ProprietaryEncryption'],
    ['Throttling', 400, 'Throttled'],
    ['Throttling.User', 400, 'Throttled'],
    ['Throttling.Api', 503, 'Throttled'],
    ['OperationDenied', 403, 'ServiceNotOpened'],
    ['OperationDenied.Suspended', 403, 'ServiceNotOpened'],
    ['Forbidden', 403, 'Forbidden'],
    ['Forbidden.RAM', 403, 'Forbidden'],
    ['InvalidAction.NotFound', 404, 'Unsupported'],
    ['MissingParameter', 400, 'InvalidInput'],
    ['InvalidParameter', 400, 'InvalidInput'],
    ['InternalError', 500, 'ServerError'],
    ['ServiceUnAvailable', 503, 'ServerError'],
    ['SomethingNew', 503, 'ServerError'],
    ['SomethingNew', 400, 'HttpError'],
    ['SomethingNew', undefined, 'HttpError'],
  ])('%s (HTTP %s) → %s', (serverCode, status, expected) => {
    expect(errorCodeForServerCode(serverCode, status)).toBe(expected)
  })
})

describe('mapVodError', () => {
  it('keeps the action, server code, status and RequestId, and nothing from the request', () => {
    const error = mapVodError(
      sdkError(400, {
        RequestId: 'A1B2C3D4-0000-0000-0000-000000000001',
        HostId: 'vod.cn-shanghai.aliyuncs.com',
        Code: 'SignatureDoesNotMatch',
        Message:
          'Specified signature does not match our calculation. server StringToSign is [ACS3-HMAC-SHA256\nabc], server CanonicalRequest is [POST\n/\n\nx-acs-security-token:CAISsecret\n]',
      }),
      'GetPlayInfo',
    )
    expect(error).toBeInstanceOf(VodServiceError)
    expect(error.code).toBe('SignatureMismatch')
    expect(error.detail).toBe(
      'GetPlayInfo: SignatureDoesNotMatch, HTTP 400, RequestId A1B2C3D4-0000-0000-0000-000000000001',
    )
    expect(error.message).not.toContain('CAISsecret')
    // The SDK error (with the echoed request) is not kept where a logger could print it.
    expect(error.cause).toBeUndefined()
    const service = error as VodServiceError
    expect(service.serverCode).toBe('SignatureDoesNotMatch')
    expect(service.httpStatus).toBe(400)
    expect(service.action).toBe('GetPlayInfo')
  })

  it('says in both languages what an expired, foreign or malformed STS token means', () => {
    const messages = (serverCode: string, message: string) => {
      const data = mapVodError(
        sdkError(400, { Code: serverCode, Message: message, RequestId: 'R' }),
        'GetPlayInfo',
      ).toData()
      return [data.code, data.message, data.messageZh]
    }
    expect(messages('InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.')).toEqual(
      [
        'SecurityTokenExpired',
        expect.stringMatching(/^The STS credentials have expired: update them in Settings\./),
        expect.stringMatching(/^STS 临时凭证已过期，请在“设置”中更新凭证/),
      ],
    )
    expect(
      messages(
        'InvalidSecurityToken.MismatchWithAccessKey',
        'Specified SecurityToken mismatch with the AccessKey.',
      ),
    ).toEqual([
      'SecurityTokenMismatch',
      expect.stringMatching(/does not belong to this AccessKey ID/),
      expect.stringMatching(/不匹配/),
    ])
    expect(
      messages('InvalidSecurityToken.Malformed', 'Specified SecurityToken is malformed.'),
    ).toEqual([
      'SecurityTokenMalformed',
      expect.stringMatching(/missing or malformed/),
      expect.stringMatching(/格式错误/),
    ])
  })

  it('adds the server message where it states a useful fact', () => {
    const error = mapVodError(
      sdkError(403, {
        RequestId: 'R',
        Code: 'Forbidden.IllegalStatus',
        Message: 'Status of the video is illegal. Current Status is Transcoding.',
      }),
      'GetPlayInfo',
    )
    expect(error.code).toBe('IllegalStatus')
    expect(error.detail).toContain('Current Status is Transcoding')
  })

  it('carries the retry-after hint an SDK exposes', () => {
    const error = mapVodError(
      sdkError(400, { RequestId: 'R', Code: 'Throttling.User' }, { retryAfter: 1200 }),
      'SearchMedia',
    )
    expect(error.code).toBe('Throttled')
    expect((error as VodServiceError).retryAfterMs).toBe(1200)
  })

  it('maps an error status without a body code by its status', () => {
    const error = mapVodError(sdkError(502, {}), 'GetVideoInfo')
    expect(error.code).toBe('ServerError')
    expect(error.detail).toBe('GetVideoInfo: HTTP 502')
  })

  it.each(['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN'])(
    'maps socket error %s to NetworkError',
    (code) => {
      const error = mapVodError(
        Object.assign(new Error(`connect ${code}`), { code }),
        'GetVideoInfo',
      )
      expect(error.code).toBe('NetworkError')
      expect(error.detail).toBe(`GetVideoInfo: ${code}`)
    },
  )

  it('maps the SDK read timeout to NetworkError', () => {
    const timeout = Object.assign(new Error('ReadTimeout: 20000. POST / failed.'), {
      name: 'RequestTimeoutError',
    })
    expect(mapVodError(timeout, 'GetPlayInfo').code).toBe('NetworkError')
  })

  it('maps a body that is not JSON to MalformedResponse', () => {
    expect(mapVodError(new SyntaxError('Unexpected token <'), 'GetPlayInfo').code).toBe(
      'MalformedResponse',
    )
  })

  it('passes our own errors through and wraps anything else as Internal', () => {
    const own = new AppError('Canceled')
    expect(mapVodError(own, 'GetPlayInfo')).toBe(own)
    const other = mapVodError(
      new Error('boom at https://x.example/a?Signature=s3cret'),
      'GetPlayInfo',
    )
    expect(other.code).toBe('Internal')
    expect(other.detail).not.toContain('s3cret')
  })
})
