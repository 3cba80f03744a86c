import { createHash, timingSafeEqual } from 'node:crypto'
import type { AccessKeyRecord, CredentialStore } from '../credentials'
import { v1Signature, v1StringToSign } from '../signing/v1'
import {
  parseV3Authorization,
  v3Algorithm,
  v3CanonicalRequest,
  v3Signature,
  v3StringToSign,
} from '../signing/v3'
import { ApiError, missingParameter } from './errors'
import type { NonceCache } from './nonce-cache'

/**
 * The POP gateway in front of the actions: picks the signature scheme, checks action, version,
 * timestamp, AccessKey, STS token, signature and nonce, in that order, and throws the error the
 * real gateway would. Pure apart from the nonce cache it is given.
 */

export const apiVersion = '2017-03-21'

/** The gateway's accepted clock skew, both ways. */
export const timestampWindowMs = 15 * 60 * 1000

export type SignatureScheme = 'v1' | 'v3'

export interface IncomingCall {
  method: string
  /** The URL path, e.g. `/`. */
  path: string
  /** Decoded query params. */
  query: ReadonlyMap<string, string>
  /** Header values by lower-case name. */
  headers: ReadonlyMap<string, string>
  body: Buffer
}

export interface AuthenticatedCall {
  action: string
  scheme: SignatureScheme
  /** Every request param (query ∪ form body), decoded. */
  params: ReadonlyMap<string, string>
  accessKeyId: string
  /** The STS session's ordinal when the call was signed with temporary credentials. */
  session?: number
}

export interface GatewayDependencies {
  now: () => number
  credentials: CredentialStore
  nonces: NonceCache
  isKnownAction: (action: string) => boolean
}

/** V3 when an ACS3 Authorization header is present, else V1 (as the real gateway decides). */
export function signatureSchemeOf(call: IncomingCall): SignatureScheme {
  return call.headers.get('authorization')?.startsWith(v3Algorithm) ? 'v3' : 'v1'
}

/** Query ∪ form body. Form values win, although no SDK sends a name in both. */
export function requestParams(call: IncomingCall): Map<string, string> {
  const params = new Map(call.query)
  const contentType = call.headers.get('content-type') ?? ''
  if (contentType.includes('application/x-www-form-urlencoded') && call.body.length > 0) {
    for (const [name, value] of new URLSearchParams(call.body.toString('utf8'))) {
      params.set(name, value)
    }
  }
  return params
}

export function authenticate(
  call: IncomingCall,
  dependencies: GatewayDependencies,
): AuthenticatedCall {
  return signatureSchemeOf(call) === 'v3'
    ? authenticateV3(call, dependencies)
    : authenticateV1(call, dependencies)
}

function authenticateV1(call: IncomingCall, dependencies: GatewayDependencies): AuthenticatedCall {
  const params = requestParams(call)
  const required = (name: string): string => {
    const value = params.get(name)
    if (value === undefined || value === '') throw missingParameter(name)
    return value
  }
  const action = required('Action')
  checkAction(action, dependencies)
  checkVersion(required('Version'))
  checkTimestamp(required('Timestamp'), dependencies.now())
  const signatureMethod = required('SignatureMethod')
  if (signatureMethod.toUpperCase() !== 'HMAC-SHA1') {
    throw new ApiError('InvalidSignatureMethod', 400, 'Specified signature method is not valid.')
  }
  if (required('SignatureVersion') !== '1.0') {
    throw new ApiError('InvalidSignatureVersion', 400, 'Specified signature version is not valid.')
  }
  const nonce = required('SignatureNonce')
  const key = findKey(required('AccessKeyId'), dependencies)
  checkSecurityToken(key, params.get('SecurityToken'), dependencies.now())
  const provided = required('Signature')
  const stringToSign = v1StringToSign(call.method, params)
  if (!sameText(provided, v1Signature(stringToSign, key.accessKeySecret))) {
    throw new ApiError(
      'SignatureDoesNotMatch',
      400,
      `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
    )
  }
  checkNonce(nonce, dependencies)
  return { action, scheme: 'v1', params, ...identityOf(key) }
}

/** V3 headers that must be present and covered by the signature. */
const requiredSignedHeaders = [
  'host',
  'x-acs-action',
  'x-acs-version',
  'x-acs-date',
  'x-acs-signature-nonce',
]

function authenticateV3(call: IncomingCall, dependencies: GatewayDependencies): AuthenticatedCall {
  const authorization = parseV3Authorization(call.headers.get('authorization') ?? '')
  if (!authorization) {
    throw new ApiError(
      'IncompleteSignature',
      400,
      'The request signature does not conform to Aliyun standards.',
    )
  }
  const header = (name: string): string => {
    const value = call.headers.get(name)
    if (value === undefined || value === '') {
      throw new ApiError(
        'MissingParameter',
        400,
        `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
      )
    }
    return value
  }
  const action = header('x-acs-action')
  checkAction(action, dependencies)
  checkVersion(header('x-acs-version'))
  checkTimestamp(header('x-acs-date'), dependencies.now())
  const nonce = header('x-acs-signature-nonce')
  const unsigned = requiredSignedHeaders.filter(
    (name) => !authorization.signedHeaders.includes(name),
  )
  if (unsigned.length > 0) {
    throw new ApiError(
      'IncompleteSignature',
      400,
      `The request signature does not conform to Aliyun standards. Unsigned headers: ${unsigned.join(', ')}.`,
    )
  }
  const headerKeyId = call.headers.get('x-acs-accesskey-id')
  if (headerKeyId !== undefined && headerKeyId !== authorization.accessKeyId) {
    throw new ApiError(
      'InvalidAccessKeyId.Mismatch',
      400,
      'The x-acs-accesskey-id header does not match the Credential.',
    )
  }
  const key = findKey(authorization.accessKeyId, dependencies)
  checkSecurityToken(key, call.headers.get('x-acs-security-token'), dependencies.now())
  const canonicalRequest = v3CanonicalRequest({
    method: call.method,
    path: call.path,
    query: call.query,
    headers: call.headers,
    signedHeaders: authorization.signedHeaders,
    payloadHash: createHash('sha256').update(call.body).digest('hex'),
  })
  const stringToSign = v3StringToSign(canonicalRequest)
  if (!sameText(authorization.signature, v3Signature(stringToSign, key.accessKeySecret))) {
    throw new ApiError(
      'SignatureDoesNotMatch',
      400,
      `Specified signature does not match our calculation. server StringToSign is [${stringToSign}], server CanonicalRequest is [${canonicalRequest}]`,
    )
  }
  checkNonce(nonce, dependencies)
  return { action, scheme: 'v3', params: requestParams(call), ...identityOf(key) }
}

function checkAction(action: string, dependencies: GatewayDependencies): void {
  if (!dependencies.isKnownAction(action)) {
    throw new ApiError(
      'InvalidAction.NotFound',
      404,
      'Specified api is not found, please check your url and method.',
    )
  }
}

function checkVersion(version: string): void {
  if (version !== apiVersion) {
    throw new ApiError('InvalidVersion', 400, 'Specified parameter Version is not valid.')
  }
}

const timestampPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/

function checkTimestamp(timestamp: string, now: number): void {
  const parsed = timestampPattern.test(timestamp) ? Date.parse(timestamp) : Number.NaN
  if (Number.isNaN(parsed)) {
    throw new ApiError(
      'InvalidTimeStamp.Format',
      400,
      'Specified time stamp or date value is not well formatted.',
    )
  }
  if (Math.abs(now - parsed) > timestampWindowMs) {
    throw new ApiError(
      'InvalidTimeStamp.Expired',
      400,
      'Specified time stamp or date value is expired.',
    )
  }
}

function findKey(accessKeyId: string, dependencies: GatewayDependencies): AccessKeyRecord {
  const key = dependencies.credentials.find(accessKeyId)
  if (!key) {
    throw new ApiError('InvalidAccessKeyId.NotFound', 404, 'Specified access key is not found.')
  }
  return key
}

function identityOf(key: AccessKeyRecord): { accessKeyId: string; session?: number } {
  return key.session === undefined
    ? { accessKeyId: key.accessKeyId }
    : { accessKeyId: key.accessKeyId, session: key.session }
}

/** What an STS token looks like: base64 text starting with `CAIS`, as STS issues them. */
const securityTokenPattern = /^CAIS[A-Za-z0-9+/]+={0,2}$/

/**
 * The token checks of STS keys, in the gateway's order: present, well formed, issued with this
 * AccessKey id, not expired. All answer HTTP 400 with the POP gateway's common codes.
 */
function checkSecurityToken(key: AccessKeyRecord, token: string | undefined, now: number): void {
  if (key.securityToken === undefined) return
  if (token === undefined || token === '') {
    throw new ApiError(
      'MissingSecurityToken',
      400,
      'The input parameter "SecurityToken" that is mandatory for processing this request is not supplied.',
    )
  }
  if (!securityTokenPattern.test(token)) {
    throw new ApiError(
      'InvalidSecurityToken.Malformed',
      400,
      'Specified SecurityToken is malformed.',
    )
  }
  if (!sameText(token, key.securityToken)) {
    throw new ApiError(
      'InvalidSecurityToken.MismatchWithAccessKey',
      400,
      'Specified SecurityToken mismatch with the AccessKey.',
    )
  }
  if (key.expiresAt !== undefined && now >= key.expiresAt) {
    throw new ApiError('InvalidSecurityToken.Expired', 400, 'Specified SecurityToken is expired.')
  }
}

function checkNonce(nonce: string, dependencies: GatewayDependencies): void {
  if (!dependencies.nonces.register(nonce, dependencies.now())) {
    throw new ApiError('SignatureNonceUsed', 400, 'Specified signature nonce was used already.')
  }
}

/** Constant-time comparison, so the emulator does not model a timing oracle. */
function sameText(left: string, right: string): boolean {
  const a = Buffer.from(left, 'utf8')
  const b = Buffer.from(right, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}
