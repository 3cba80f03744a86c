import { AppError, type ErrorCode } from '../../shared/errors'
import { redactText } from './redact'

/**
 * An AppError raised by a VOD API call. Besides our closed code it keeps the server's own
 * `Code` (callers sometimes need to tell `NoSuchResource` from `InvalidVideo.NotFound`), the
 * RequestId support asks for, and the throttling hint.
 */
export class VodServiceError extends AppError {
  readonly action: string
  readonly serverCode: string | undefined
  readonly requestId: string | undefined
  readonly httpStatus: number | undefined
  /** Wait the server asked for (x-acs-retry-after), in milliseconds. */
  readonly retryAfterMs: number | undefined

  constructor(
    code: ErrorCode,
    facts: {
      action: string
      serverCode?: string
      requestId?: string
      httpStatus?: number
      retryAfterMs?: number
      detail?: string
    },
    options?: { cause?: unknown },
  ) {
    super(code, facts.detail, options)
    this.name = 'VodServiceError'
    this.action = facts.action
    this.serverCode = facts.serverCode
    this.requestId = facts.requestId
    this.httpStatus = facts.httpStatus
    this.retryAfterMs = facts.retryAfterMs
  }
}

/** Exact server codes whose meaning for us is fixed. */
const exactCodes: ReadonlyMap<string, ErrorCode> = new Map<string, ErrorCode>([
  ['SignatureDoesNotMatch', 'SignatureMismatch'],
  ['IncompleteSignature', 'SignatureMismatch'],
  ['SignatureNonceUsed', 'NonceReused'],
  ['InvalidSecurityToken.Expired', 'SecurityTokenExpired'],
  ['InvalidSecurityToken.MismatchWithAccessKey', 'SecurityTokenMismatch'],
  ['InvalidSecurityToken.Malformed', 'SecurityTokenMalformed'],
  ['MissingSecurityToken', 'SecurityTokenMalformed'],
  ['Forbidden.IllegalStatus', 'IllegalStatus'],
  ['InvalidVideo.NoneStream', 'NoStream'],
  ['Forbidden.AliyunVoDEncryption', 'ProprietaryEncryption'],
  ['NoSuchResource', 'NotFound'],
  ['InvalidAction.NotFound', 'Unsupported'],
  ['InvalidApi.NotFound', 'Unsupported'],
  ['UnsupportedOperation', 'Unsupported'],
  ['InternalError', 'ServerError'],
  ['ServiceUnAvailable', 'ServerError'],
  ['ServiceUnavailable', 'ServerError'],
  ['ErrorMatchSyntax', 'InvalidInput'],
  ['SortByExceededMax', 'InvalidInput'],
  ['VideoListExceededMax', 'InvalidInput'],
  ['ExceededMax', 'InvalidInput'],
])

/** Code families, matched in order on `<prefix>` or `<prefix>.<anything>`. */
const codeFamilies: ReadonlyArray<readonly [string, ErrorCode]> = [
  ['InvalidAccessKeyId', 'InvalidAccessKey'],
  ['InvalidSecurityToken', 'SecurityTokenExpired'],
  ['InvalidTimeStamp', 'ClockSkew'],
  ['RequestTimeTooSkewed', 'ClockSkew'],
  ['Throttling', 'Throttled'],
  ['OperationDenied', 'ServiceNotOpened'],
  ['Forbidden', 'Forbidden'],
  ['NoPermission', 'Forbidden'],
  ['MissingParameter', 'InvalidInput'],
  ['InvalidParameter', 'InvalidInput'],
  ['InvalidScrollToken', 'InvalidInput'],
]

/** Server messages worth showing: they state a fact (a status, a parameter) and echo no request. */
const codesWithUsefulMessages: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'IllegalStatus',
  'NoStream',
  'InvalidInput',
])

const networkErrorCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EPROTO',
  'ERR_SOCKET_CLOSED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
])

/** Maps a VOD server error code (e.g. `InvalidVideo.NotFound`) to our closed set. */
export function errorCodeForServerCode(serverCode: string, httpStatus?: number): ErrorCode {
  const exact = exactCodes.get(serverCode)
  if (exact) return exact
  for (const [prefix, code] of codeFamilies) {
    if (serverCode === prefix || serverCode.startsWith(`${prefix}.`)) return code
  }
  if (serverCode.endsWith('.NotFound')) return 'NotFound'
  if (httpStatus !== undefined) return errorCodeForHttpStatus(httpStatus)
  return 'HttpError'
}

function errorCodeForHttpStatus(status: number): ErrorCode {
  if (status >= 500) return 'ServerError'
  if (status === 404) return 'NotFound'
  if (status === 403) return 'Forbidden'
  if (status === 429) return 'Throttled'
  return 'HttpError'
}

/**
 * Turns whatever a VOD call threw (an SDK response error, a socket error, a JSON parse error)
 * into a VodServiceError. Pure: it reads only the thrown value. The detail names the action,
 * the server's Code and RequestId; it never carries the request, a URL signature or a secret.
 * SDK errors are not kept as `cause`: their data can hold the echoed string-to-sign or the
 * signed request headers (security token included), and causes end up in logs.
 */
export function mapVodError(error: unknown, action: string): AppError {
  if (error instanceof AppError) return error
  const record = asRecord(error)
  const data = asRecord(record?.data)
  const serverCode = stringField(data, 'Code') ?? stringField(data, 'code')
  const httpStatus = numberField(record, 'statusCode') ?? numberField(data, 'statusCode')
  const requestId =
    stringField(data, 'RequestId') ??
    stringField(data, 'requestId') ??
    stringField(record, 'requestId')
  const retryAfterMs = positiveNumber(record?.retryAfter)

  if (serverCode !== undefined && serverCode !== '') {
    const code = errorCodeForServerCode(serverCode, httpStatus)
    const message = stringField(data, 'Message') ?? stringField(data, 'message')
    const parts = [`${action}: ${serverCode}`]
    if (httpStatus !== undefined) parts.push(`HTTP ${httpStatus}`)
    if (requestId !== undefined) parts.push(`RequestId ${requestId}`)
    if (message !== undefined && codesWithUsefulMessages.has(code)) parts.push(safeMessage(message))
    return new VodServiceError(code, {
      action,
      serverCode,
      requestId,
      httpStatus,
      retryAfterMs,
      detail: parts.join(', '),
    })
  }

  if (httpStatus !== undefined) {
    return new VodServiceError(errorCodeForHttpStatus(httpStatus), {
      action,
      httpStatus,
      requestId,
      retryAfterMs,
      detail: `${action}: HTTP ${httpStatus}`,
    })
  }

  const systemCode = stringField(record, 'code')
  const name = stringField(record, 'name') ?? ''
  if ((systemCode !== undefined && networkErrorCodes.has(systemCode)) || /Timeout/i.test(name)) {
    const reason = systemCode !== undefined && networkErrorCodes.has(systemCode) ? systemCode : name
    return new VodServiceError(
      'NetworkError',
      { action, detail: `${action}: ${reason}` },
      { cause: error },
    )
  }

  if (error instanceof SyntaxError) {
    return new VodServiceError(
      'MalformedResponse',
      { action, detail: `${action}: the body is not JSON` },
      { cause: error },
    )
  }

  const text = error instanceof Error ? error.message : String(error)
  return new VodServiceError('Internal', { action, detail: `${action}: ${safeMessage(text)}` })
}

/** Keeps the first sentence of a server or SDK message, with URLs and signatures redacted. */
function safeMessage(message: string): string {
  // Signature errors echo the string-to-sign, which can include the security token header.
  const cut =
    message.split(/server\s*(?:string\s*to\s*sign|StringToSign|CanonicalRequest)/i)[0] ?? ''
  const redacted = redactText(cut).trim()
  return redacted.length > 200 ? `${redacted.slice(0, 200)}…` : redacted
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : undefined
}

function stringField(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key]
  return typeof value === 'string' ? value : undefined
}

function numberField(record: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = record?.[key]
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value)
  return undefined
}

function positiveNumber(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value
  return typeof number === 'number' && Number.isFinite(number) && number > 0 ? number : undefined
}
