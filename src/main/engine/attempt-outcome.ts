import { AppError } from '../../shared/errors'
import type { JobState } from '../../shared/jobs'
import type { JobPatch, JobRecord } from '../database/job-repository'
import { backoffDelay } from '../common/backoff'
import type { AttemptResult, FinishedOutput } from './job-transfer'
import { SourceNotReady } from './source'

/**
 * How an attempt at a job ends, decided without touching anything: from what the attempt
 * answered (or how its finalize step failed) and what the job's row says, the state it moves to,
 * the fields written with it, and whether a retry timer is armed or the partial file goes. The
 * job manager applies the answer; nothing else turns an attempt's ending into a state.
 */

/** Why a running attempt was stopped from outside. */
export type StopReason = 'pause' | 'cancel' | 'shutdown'

/** What a job's row says when no process holds it. */
export const releasePatch = {
  owner: null,
  ownerPid: null,
  ownerUntil: null,
} satisfies JobPatch

/**
 * A job that starts over from byte 0: nothing learned about the object (size, identity, range
 * support) is trusted any more. Written with its segments cleared (`saveProgress`).
 */
export function startOverPatch(contentRestarts: number): JobPatch {
  return {
    totalBytes: null,
    doneBytes: 0,
    etag: null,
    lastModified: null,
    serverCrc64: null,
    serverMd5: null,
    rangesSupported: null,
    contentRestarts,
  }
}

/** The settings that bound retries and restarts. */
export interface OutcomeSettings {
  /** Job-level attempts after temporary failures before a job is marked failed. */
  maxAttempts: number
  /** Delay before the first job-level retry (doubles each time, with jitter). */
  jobRetryBaseMs: number
  /** Times a job may start over after its content changed or failed verification. */
  maxContentRestarts: number
}

/** Longest wait between two job-level retries. */
export const maxJobRetryDelayMs = 5 * 60_000

/** What the manager does with a job whose attempt ended. */
export interface AttemptOutcome {
  state: Extract<JobState, 'retrying' | 'failed' | 'paused' | 'canceled' | 'queued' | 'completed'>
  /** Stored with the state (always releases the job). */
  patch: JobPatch
  /** When set, a retry timer fires at this time (epoch ms) and puts the job back in the queue. */
  retryAt?: number
  /** The partial file (or folder) goes, and the job's name is released, before the state is set. */
  discardPartFile?: boolean
  /** Stored progress is reset with this patch (segments cleared) before the state is set. */
  startOver?: JobPatch
  /** One line for the log. */
  log?: { level: 'info' | 'warn'; message: string }
}

/** The job as the decision needs it. */
export type OutcomeRecord = Pick<JobRecord, 'attempts' | 'contentRestarts'>

export interface OutcomeContext {
  record: OutcomeRecord
  settings: OutcomeSettings
  /** The attempt wrote bytes: a retry after progress starts the attempt count again. */
  progressed: boolean
  /** Why the attempt was stopped from outside, if it was. */
  stopReason: StopReason | undefined
  now: number
  /** For the retry delay's jitter; Math.random unless a test fixes it. */
  random?: () => number
}

/** The next state of a job whose attempt ended with anything but `finished`. */
export function attemptOutcome(
  result: Exclude<AttemptResult, { kind: 'finished' }>,
  context: OutcomeContext,
): AttemptOutcome {
  switch (result.kind) {
    case 'retry':
      return retryOutcome(result.error, context)
    case 'restart':
      return restartOutcome(result.error, context)
    case 'paused':
      return { state: 'paused', patch: { ...errorFields(result.error), ...releasePatch } }
    case 'failed':
      return { state: 'failed', patch: { ...errorFields(result.error), ...releasePatch } }
    case 'stopped':
      return stoppedOutcome(context.stopReason)
  }
}

function retryOutcome(error: AppError, context: OutcomeContext): AttemptOutcome {
  if (error instanceof SourceNotReady) {
    // Not a failure (an archived master being restored): no attempt is spent and no timer is
    // set. The next check is the stored `nextAttemptAt`, which the maintenance round compares
    // with the wall clock, so a restart, a sleep or another process taking over neither loses
    // nor stretches the wait.
    return {
      state: 'retrying',
      patch: { ...errorFields(error), nextAttemptAt: error.checkAt, ...releasePatch },
      log: {
        level: 'info',
        message: `${error.message}; next check at ${new Date(error.checkAt).toISOString()}`,
      },
    }
  }
  const attempts = (context.progressed ? 0 : context.record.attempts) + 1
  if (attempts >= context.settings.maxAttempts) {
    return { state: 'failed', patch: { ...errorFields(error), attempts, ...releasePatch } }
  }
  const delay = backoffDelay(attempts, {
    baseMs: context.settings.jobRetryBaseMs,
    maxMs: maxJobRetryDelayMs,
    random: context.random,
  })
  const retryAt = context.now + delay
  return {
    state: 'retrying',
    patch: { ...errorFields(error), attempts, nextAttemptAt: retryAt, ...releasePatch },
    retryAt,
    log: { level: 'info', message: `${error.message}; retrying in ${Math.round(delay / 1000)} s` },
  }
}

/** Content changed or failed verification: drop the bytes and start again, a bounded number of times. */
function restartOutcome(error: AppError, context: OutcomeContext): AttemptOutcome {
  const restarts = context.record.contentRestarts + 1
  if (restarts > context.settings.maxContentRestarts) {
    return {
      state: 'failed',
      patch: { ...errorFields(error), contentRestarts: restarts, ...releasePatch },
      discardPartFile: true,
    }
  }
  return {
    state: 'queued',
    patch: { ...errorFields(error), ...releasePatch },
    discardPartFile: true,
    startOver: startOverPatch(restarts),
    log: { level: 'warn', message: `${error.message}; starting the file over` },
  }
}

function stoppedOutcome(reason: StopReason | undefined): AttemptOutcome {
  switch (reason ?? 'shutdown') {
    case 'cancel':
      return { state: 'canceled', patch: releasePatch, discardPartFile: true }
    case 'pause':
      return { state: 'paused', patch: releasePatch }
    case 'shutdown':
      return { state: 'queued', patch: releasePatch }
  }
}

/**
 * An attempt that downloaded everything was stopped before its file was verified: it is verified
 * again when it runs next (a pause keeps it paused; anything else puts it back in the queue).
 */
export function stoppedBeforeVerifyingOutcome(reason: StopReason | undefined): AttemptOutcome {
  return { state: reason === 'pause' ? 'paused' : 'queued', patch: releasePatch }
}

/** The file was verified and published under its final name. */
export function completedOutcome(
  output: FinishedOutput,
  /** What probing learned that is not stored yet (a small file's identity). */
  unsavedPatch: JobPatch,
  now: number,
): AttemptOutcome {
  return {
    state: 'completed',
    patch: {
      ...unsavedPatch,
      fileName: output.fileName,
      completedAt: now,
      doneBytes: output.totalBytes,
      totalBytes: output.totalBytes,
      attempts: 0,
      ...releasePatch,
    },
  }
}

/**
 * Verifying or publishing the file failed: a file that does not match (or vanished) starts over,
 * a full disk pauses the job with its bytes, anything else fails it.
 */
export function finalizeErrorOutcome(error: unknown, context: OutcomeContext): AttemptOutcome {
  const appError = error instanceof AppError ? error : new AppError('Internal', String(error))
  if (
    appError.code === 'ChecksumMismatch' ||
    appError.code === 'SizeMismatch' ||
    appError.code === 'FileMissing'
  ) {
    return restartOutcome(appError, context)
  }
  if (appError.code === 'DiskFull') {
    return { state: 'paused', patch: { ...errorFields(appError), ...releasePatch } }
  }
  return { state: 'failed', patch: { ...errorFields(appError), ...releasePatch } }
}

/**
 * An attempt threw instead of ending with a result. A database that stayed busy is no fault of
 * the job: it goes back to the queue. Anything else fails the job with its bytes kept.
 */
export function unexpectedErrorOutcome(error: unknown): AttemptOutcome {
  if (isDatabaseBusy(error)) return { state: 'queued', patch: releasePatch }
  return { state: 'failed', patch: { ...errorFields(error), ...releasePatch } }
}

/** SQLite's "another connection holds the lock" (repeated here so the engine needs no driver). */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED')
}

/** The error columns of a job's row, from any error (non-AppErrors are Internal). */
export function errorFields(error: unknown): JobPatch {
  const appError = error instanceof AppError ? error : new AppError('Internal', String(error))
  return { errorCode: appError.code, errorDetail: appError.detail ?? null }
}
