import { AppError, transientErrorCodes } from '../../shared/errors'
import { toNetworkError } from './http-client'
import type { AttemptResult } from './job-transfer'

/**
 * How an attempt that threw ends, for every kind of download alike: stopped from outside, paused
 * on a full disk (the bytes wait for room), started over when the object changed or failed
 * verification, retried after a temporary problem, else failed with the reason.
 */
export function classifyAttemptError(error: unknown, aborted: boolean): AttemptResult {
  if (aborted) return { kind: 'stopped' }
  const appError = error instanceof AppError ? error : toNetworkError(error)
  if (appError.code === 'DiskFull') return { kind: 'paused', error: appError }
  if (appError.code === 'ContentChanged' || appError.code === 'ChecksumMismatch') {
    return { kind: 'restart', error: appError }
  }
  if (transientErrorCodes.has(appError.code)) return { kind: 'retry', error: appError }
  return { kind: 'failed', error: appError }
}
