import type { IncomingMessage, ServerResponse } from 'node:http'
import { formatUtc } from './clock'
import type { CredentialStore } from './credentials'

/**
 * A credentials URI (`ALIBABA_CLOUD_CREDENTIALS_URI`) as a sidecar or metadata service serves
 * it: every GET issues a fresh STS session and answers it in the JSON shape the official
 * `@alicloud/credentials` URI provider reads (HTTP 200 with `AccessKeyId`, `AccessKeySecret`,
 * `SecurityToken` and `Expiration`, plus the `Code`/`LastUpdated` the ECS metadata service
 * also sends). The API then accepts the session until it expires.
 */

export const credentialsUriPath = '/sts/credentials'

/** Longest session a request may ask for with `?DurationSeconds=` (STS AssumeRole's maximum). */
const maximumSessionSeconds = 43_200

export interface CredentialsUriDependencies {
  credentials: CredentialStore
  now: () => number
  /** Lifetime of each session unless the request asks for another. */
  sessionSeconds: number
}

/** Answers one request to the credentials URI; returns the HTTP status sent. */
export function handleCredentialsUriRequest(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  dependencies: CredentialsUriDependencies,
): number {
  if (request.method !== 'GET') {
    response.writeHead(405, { allow: 'GET', 'content-type': 'text/plain' })
    response.end('only GET')
    return 405
  }
  const asked = url.searchParams.get('DurationSeconds')
  const seconds = asked === null ? dependencies.sessionSeconds : Number(asked)
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > maximumSessionSeconds) {
    response.writeHead(400, { 'content-type': 'application/json' })
    response.end(
      JSON.stringify({
        Code: 'InvalidParameter.DurationSeconds',
        Message: `DurationSeconds must be an integer from 1 to ${maximumSessionSeconds}.`,
      }),
    )
    return 400
  }
  const session = dependencies.credentials.issueSts(seconds)
  response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
  response.end(
    JSON.stringify({
      Code: 'Success',
      AccessKeyId: session.accessKeyId,
      AccessKeySecret: session.accessKeySecret,
      SecurityToken: session.securityToken,
      Expiration: session.expiration,
      LastUpdated: formatUtc(dependencies.now()),
    }),
  )
  return 200
}
