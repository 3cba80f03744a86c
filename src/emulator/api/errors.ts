/**
 * API errors with the codes, HTTP statuses and messages the real gateway and VOD use (see the
 * protocol reference). Handlers throw them; the API handler turns them into
 * `{RequestId, HostId, Code, Message, Recommend}` bodies.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** Messages for codes a test may inject with `failNext` without giving one. */
const knownMessages: Record<string, string> = {
  Throttling: 'Request was denied due to user flow control.',
  'Throttling.User': 'Request was denied due to user flow control.',
  'Throttling.Api': 'Request was denied due to api flow control.',
  InternalError: 'The request processing has failed due to some unknown error.',
  ServiceUnAvailable: 'The request has failed due to a temporary failure of the server.',
  ServiceUnavailable: 'The request has failed due to a temporary failure of the server.',
  SignatureNonceUsed: 'Specified signature nonce was used already.',
  Forbidden: 'User not authorized to operate on the specified resource.',
  'Forbidden.RAM': 'User not authorized to operate on the specified resource.',
  OperationDenied: 'Your account does not open VOD service yet.',
  'OperationDenied.Suspended': 'Your VOD service is suspended.',
  'InvalidVideo.NotFound': 'The video does not exist.',
  'InvalidFile.NotFound': 'The file does not exist.',
  NoSuchResource: 'The specified resource does not exist.',
}

export function defaultMessage(code: string): string {
  return knownMessages[code] ?? `The request failed with ${code}.`
}

export function missingParameter(name: string): ApiError {
  return new ApiError(
    `Missing${name}`,
    400,
    `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
  )
}

export function invalidParameter(name: string, detail?: string): ApiError {
  return new ApiError(
    'InvalidParameter',
    400,
    `The specified parameter "${name}" is not valid.${detail ? ` ${detail}` : ''}`,
  )
}

export function videoNotFound(): ApiError {
  return new ApiError('InvalidVideo.NotFound', 404, 'The video does not exist.')
}

export function illegalStatus(status: string, httpStatus = 403): ApiError {
  return new ApiError(
    'Forbidden.IllegalStatus',
    httpStatus,
    `Status of the video is illegal. Current Status is ${status}.`,
  )
}

/** GetMezzanineInfo of a video that keeps no source file. */
export function fileNotFound(): ApiError {
  return new ApiError('InvalidFile.NotFound', 404, 'The file does not exist.')
}

/** ListSnapshots of a snapshot type the video has no snapshot job for. */
export function noSuchResource(resource: string): ApiError {
  return new ApiError('NoSuchResource', 404, `The specified resource ${resource} does not exist.`)
}

export function exceededMax(name: string): ApiError {
  return new ApiError('ExceededMax', 400, `The input parameter '${name}' Exceed the limit.`)
}
