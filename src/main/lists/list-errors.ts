import { AppError, type ErrorCode } from '../../shared/errors'

/**
 * Errors that say nothing about one line or one item but about the whole run: the account, the
 * credentials, the clock, or the user stopping it. Going on would only repeat them for every
 * remaining item, so they end the export or import; any other error is recorded against its
 * item and the run continues.
 */
const runEndingCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'NotConfigured',
  'InvalidAccessKey',
  'SignatureMismatch',
  'SecurityTokenExpired',
  'SecurityTokenMismatch',
  'SecurityTokenMalformed',
  'CredentialsUnavailable',
  'ClockSkew',
  'ServiceNotOpened',
  'Canceled',
])

/** Whether an error ends the whole run rather than one item (anything not an AppError does). */
export function endsTheRun(error: unknown): boolean {
  return !(error instanceof AppError) || runEndingCodes.has(error.code)
}
