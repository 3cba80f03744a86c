import type { ErrorCode } from '../../../shared/errors'

/** What the UI offers next to an error. */
export type ErrorAction = 'retry' | 'settings' | 'none'

/**
 * Maps an error code to the one action that can fix it: credentials, folders, Referer and HLS
 * token problems are fixed in Settings; transient and file problems by trying again; the rest
 * (encryption, missing streams) by nothing the user can do here.
 */
export function errorActionFor(code: ErrorCode): ErrorAction {
  switch (code) {
    case 'NotConfigured':
    case 'InvalidAccessKey':
    case 'SignatureMismatch':
    case 'SecurityTokenExpired':
    case 'SecurityTokenMismatch':
    case 'SecurityTokenMalformed':
    case 'CredentialsUnavailable':
    case 'Forbidden':
    case 'InsecureEndpoint':
    case 'FilePermission':
    case 'FolderNotAllowed':
    case 'KeyUnavailable':
    case 'ProxyAuthFailed':
    case 'ProxyRefused':
      return 'settings'
    case 'ClockSkew':
    case 'Throttled':
    case 'NonceReused':
    case 'NetworkError':
    case 'Timeout':
    case 'ServerError':
    case 'HttpError':
    case 'UrlExpired':
    case 'RangeNotSupported':
    case 'ContentChanged':
    case 'SegmentRefused':
    case 'ErrorPage':
    case 'SizeMismatch':
    case 'ChecksumMismatch':
    case 'DiskFull':
    case 'FileMissing':
    case 'RestoreFailed':
    case 'MalformedResponse':
    case 'Busy':
    case 'DatabaseBusy':
    case 'NotFound':
    case 'ServiceNotOpened':
    case 'Internal':
      return 'retry'
    case 'InvalidInput':
    case 'Unauthorized':
    case 'ForeignRequest':
    case 'IllegalStatus':
    case 'NoStream':
    case 'ProprietaryEncryption':
    case 'DashUnsupported':
    case 'SearchWindowFull':
    case 'InsecureKey':
    case 'BodyTooLarge':
    case 'Canceled':
    case 'Unsupported':
    case 'ToolMissing':
    case 'Archived':
    case 'RestorePending':
      // Archived: "Restore and download" in Details is the fix; RestorePending waits by itself.
      return 'none'
  }
}
