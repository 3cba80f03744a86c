import { describe, expect, it } from 'vitest'
import { AppError, type ErrorCode } from '../../../src/shared/errors'
import type { JobState } from '../../../src/shared/jobs'
import {
  attemptOutcome,
  completedOutcome,
  finalizeErrorOutcome,
  isDatabaseBusy,
  releasePatch,
  startOverPatch,
  stoppedBeforeVerifyingOutcome,
  unexpectedErrorOutcome,
  type AttemptOutcome,
  type OutcomeContext,
  type StopReason,
} from '../../../src/main/engine/attempt-outcome'
import type { AttemptResult } from '../../../src/main/engine/job-transfer'
import { canTransition } from '../../../src/main/engine/job-state'
import { SourceNotReady } from '../../../src/main/engine/source'

const now = 1_700_000_000_000
const settings = { maxAttempts: 4, jobRetryBaseMs: 2_000, maxContentRestarts: 2 }

function context(fields: Partial<OutcomeContext> & { attempts?: number; restarts?: number } = {}) {
  const { attempts = 0, restarts = 0, ...rest } = fields
  return {
    record: { attempts, contentRestarts: restarts },
    settings,
    progressed: false,
    stopReason: undefined,
    now,
    // No jitter: the delay is the exponential value itself.
    random: () => 0,
    ...rest,
  } satisfies OutcomeContext
}

const networkError = new AppError('NetworkError', 'connection reset')
const stopReasons: Array<StopReason | undefined> = ['pause', 'cancel', 'shutdown', undefined]

/** The states an attempt can be in when it ends: every outcome must be a legal change from each. */
const attemptStates: readonly JobState[] = ['probing', 'downloading', 'refreshing']

function expectReleased(outcome: AttemptOutcome): void {
  expect(outcome.patch).toMatchObject(releasePatch)
}

describe('attemptOutcome: retry', () => {
  it('waits with a doubling delay while attempts are left, counting each one', () => {
    for (const attempts of [0, 1, 2]) {
      const outcome = attemptOutcome({ kind: 'retry', error: networkError }, context({ attempts }))
      const delay = 2_000 * 2 ** attempts
      expect(outcome).toEqual({
        state: 'retrying',
        patch: {
          errorCode: 'NetworkError',
          errorDetail: 'connection reset',
          attempts: attempts + 1,
          nextAttemptAt: now + delay,
          ...releasePatch,
        },
        retryAt: now + delay,
        log: {
          level: 'info',
          message: `${networkError.message}; retrying in ${delay / 1000} s`,
        },
      })
    }
  })

  it('fails the job once the attempts are spent, keeping the count and releasing it', () => {
    const outcome = attemptOutcome({ kind: 'retry', error: networkError }, context({ attempts: 3 }))
    expect(outcome).toEqual({
      state: 'failed',
      patch: {
        errorCode: 'NetworkError',
        errorDetail: 'connection reset',
        attempts: 4,
        ...releasePatch,
      },
    })
  })

  it('starts counting again after an attempt that made progress', () => {
    const outcome = attemptOutcome(
      { kind: 'retry', error: networkError },
      context({ attempts: 3, progressed: true }),
    )
    expect(outcome.state).toBe('retrying')
    expect(outcome.patch.attempts).toBe(1)
    expect(outcome.retryAt).toBe(now + 2_000)
  })

  it('never waits longer than five minutes, and jitter only shortens the wait', () => {
    const many = { ...settings, maxAttempts: 100 }
    const capped = attemptOutcome(
      { kind: 'retry', error: networkError },
      context({ attempts: 40, settings: many }),
    )
    expect(capped.retryAt).toBe(now + 5 * 60_000)
    const jittered = attemptOutcome(
      { kind: 'retry', error: networkError },
      context({ attempts: 1, random: () => 0.5 }),
    )
    // 4 s lowered by half of the 0.5 jitter.
    expect(jittered.retryAt).toBe(now + 3_000)
    expect(jittered.log?.message).toMatch(/retrying in 3 s$/)
  })

  it('waits for a source that is not ready without spending an attempt or arming a timer', () => {
    const checkAt = now + 90 * 60_000
    const error = new SourceNotReady('RestorePending', 'Archive, restoring', checkAt)
    for (const attempts of [0, 3, 10]) {
      const outcome = attemptOutcome({ kind: 'retry', error }, context({ attempts }))
      expect(outcome).toEqual({
        state: 'retrying',
        patch: {
          errorCode: 'RestorePending',
          errorDetail: 'Archive, restoring',
          nextAttemptAt: checkAt,
          ...releasePatch,
        },
        log: {
          level: 'info',
          message: `${error.message}; next check at ${new Date(checkAt).toISOString()}`,
        },
      })
      expect(outcome.retryAt).toBeUndefined()
      expect(outcome.patch).not.toHaveProperty('attempts')
    }
  })
})

describe('attemptOutcome: restart', () => {
  const changed = new AppError('ContentChanged', 'ETag differs')

  it('starts the file over, dropping its bytes and what was learned about it', () => {
    for (const restarts of [0, 1]) {
      const outcome = attemptOutcome(
        { kind: 'restart', error: changed },
        context({ restarts, attempts: 2 }),
      )
      expect(outcome).toEqual({
        state: 'queued',
        patch: { errorCode: 'ContentChanged', errorDetail: 'ETag differs', ...releasePatch },
        discardPartFile: true,
        startOver: startOverPatch(restarts + 1),
        log: { level: 'warn', message: `${changed.message}; starting the file over` },
      })
    }
  })

  it('fails the job past the restart limit, still deleting the partial file', () => {
    const outcome = attemptOutcome({ kind: 'restart', error: changed }, context({ restarts: 2 }))
    expect(outcome).toEqual({
      state: 'failed',
      patch: {
        errorCode: 'ContentChanged',
        errorDetail: 'ETag differs',
        contentRestarts: 3,
        ...releasePatch,
      },
      discardPartFile: true,
    })
    expect(outcome.startOver).toBeUndefined()
  })
})

describe('attemptOutcome: paused, failed and stopped', () => {
  it('pauses on a condition the user must fix, keeping the bytes', () => {
    const outcome = attemptOutcome(
      { kind: 'paused', error: new AppError('DiskFull', '/downloads') },
      context({ attempts: 3 }),
    )
    expect(outcome).toEqual({
      state: 'paused',
      patch: { errorCode: 'DiskFull', errorDetail: '/downloads', ...releasePatch },
    })
  })

  it('fails with the reason, keeping the bytes', () => {
    const outcome = attemptOutcome({ kind: 'failed', error: new AppError('Forbidden') }, context())
    expect(outcome).toEqual({
      state: 'failed',
      patch: { errorCode: 'Forbidden', errorDetail: null, ...releasePatch },
    })
  })

  it('follows the reason it was stopped for; only a cancel deletes the partial file', () => {
    const expected: Record<string, AttemptOutcome> = {
      pause: { state: 'paused', patch: releasePatch },
      cancel: { state: 'canceled', patch: releasePatch, discardPartFile: true },
      shutdown: { state: 'queued', patch: releasePatch },
      // Stopped with no reason recorded: treated as a shutdown (the bytes stay, it runs again).
      none: { state: 'queued', patch: releasePatch },
    }
    for (const stopReason of stopReasons) {
      for (const attempts of [0, 3]) {
        expect(attemptOutcome({ kind: 'stopped' }, context({ stopReason, attempts }))).toEqual(
          expected[stopReason ?? 'none'],
        )
      }
    }
  })

  it('leaves the error columns alone when stopped (a paused job keeps why it last failed)', () => {
    const outcome = attemptOutcome({ kind: 'stopped' }, context({ stopReason: 'pause' }))
    expect(outcome.patch).not.toHaveProperty('errorCode')
  })
})

describe('every attempt ending', () => {
  const results: Array<Exclude<AttemptResult, { kind: 'finished' }>> = [
    { kind: 'retry', error: networkError },
    { kind: 'retry', error: new SourceNotReady('RestorePending', undefined, now + 1) },
    { kind: 'restart', error: new AppError('ChecksumMismatch') },
    { kind: 'paused', error: new AppError('DiskFull') },
    { kind: 'failed', error: new AppError('Forbidden') },
    { kind: 'stopped' },
  ]

  it('releases the job and is a legal change from any state an attempt ends in', () => {
    for (const result of results) {
      for (const stopReason of stopReasons) {
        for (const [attempts, restarts, progressed] of [
          [0, 0, false],
          [3, 2, false],
          [3, 2, true],
        ] as const) {
          const outcome = attemptOutcome(
            result,
            context({ attempts, restarts, progressed, stopReason }),
          )
          expectReleased(outcome)
          for (const from of attemptStates) {
            expect(canTransition(from, outcome.state), `${from} → ${outcome.state}`).toBe(true)
          }
          // A retry timer exactly when the job waits for one it armed itself.
          if (outcome.retryAt !== undefined) {
            expect(outcome.state).toBe('retrying')
            expect(outcome.patch.nextAttemptAt).toBe(outcome.retryAt)
            expect(outcome.retryAt).toBeGreaterThan(now)
          }
          if (outcome.startOver) expect(outcome.discardPartFile).toBe(true)
        }
      }
    }
  })
})

describe('finalizeErrorOutcome', () => {
  it('starts over a file that does not match or vanished, within the restart limit', () => {
    for (const code of ['ChecksumMismatch', 'SizeMismatch', 'FileMissing'] as const) {
      const error = new AppError(code, 'part file')
      const again = finalizeErrorOutcome(error, context({ restarts: 1 }))
      expect(again).toEqual({
        state: 'queued',
        patch: { errorCode: code, errorDetail: 'part file', ...releasePatch },
        discardPartFile: true,
        startOver: startOverPatch(2),
        log: { level: 'warn', message: `${error.message}; starting the file over` },
      })
      const spent = finalizeErrorOutcome(error, context({ restarts: 2 }))
      expect(spent).toEqual({
        state: 'failed',
        patch: { errorCode: code, errorDetail: 'part file', contentRestarts: 3, ...releasePatch },
        discardPartFile: true,
      })
    }
  })

  it('pauses on a full disk with the bytes kept', () => {
    expect(finalizeErrorOutcome(new AppError('DiskFull'), context({ restarts: 5 }))).toEqual({
      state: 'paused',
      patch: { errorCode: 'DiskFull', errorDetail: null, ...releasePatch },
    })
  })

  it('fails on anything else, a thrown non-AppError as Internal', () => {
    const codes: ErrorCode[] = [
      'FilePermission',
      'FolderNotAllowed',
      'NetworkError',
      'ContentChanged',
    ]
    for (const code of codes) {
      expect(finalizeErrorOutcome(new AppError(code), context())).toEqual({
        state: 'failed',
        patch: { errorCode: code, errorDetail: null, ...releasePatch },
      })
    }
    expect(finalizeErrorOutcome(new Error('rename: EXDEV'), context())).toEqual({
      state: 'failed',
      patch: { errorCode: 'Internal', errorDetail: 'Error: rename: EXDEV', ...releasePatch },
    })
  })

  it('is a legal change from verifying', () => {
    for (const code of ['ChecksumMismatch', 'DiskFull', 'Forbidden'] as const) {
      for (const restarts of [0, 2]) {
        const outcome = finalizeErrorOutcome(new AppError(code), context({ restarts }))
        expect(canTransition('verifying', outcome.state)).toBe(true)
      }
    }
  })
})

describe('stoppedBeforeVerifyingOutcome', () => {
  it('keeps a paused job paused and puts anything else back in the queue', () => {
    expect(stoppedBeforeVerifyingOutcome('pause')).toEqual({ state: 'paused', patch: releasePatch })
    for (const reason of ['cancel', 'shutdown', undefined] as const) {
      expect(stoppedBeforeVerifyingOutcome(reason)).toEqual({
        state: 'queued',
        patch: releasePatch,
      })
    }
  })
})

describe('completedOutcome', () => {
  it('stores the final name and size, resets the attempts and writes what probing learned', () => {
    const outcome = completedOutcome(
      { fileName: 'clip (1).mp4', totalBytes: 5_000, checks: 'size 5000' },
      { etag: '"abc"', totalBytes: 4_999 },
      now,
    )
    expect(outcome).toEqual({
      state: 'completed',
      patch: {
        etag: '"abc"',
        fileName: 'clip (1).mp4',
        completedAt: now,
        doneBytes: 5_000,
        totalBytes: 5_000,
        attempts: 0,
        ...releasePatch,
      },
    })
    expect(canTransition('verifying', outcome.state)).toBe(true)
  })
})

describe('unexpectedErrorOutcome', () => {
  it('puts the job back in the queue when the database stayed busy', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED']) {
      const error = Object.assign(new Error('database is locked'), { code })
      expect(isDatabaseBusy(error)).toBe(true)
      expect(unexpectedErrorOutcome(error)).toEqual({ state: 'queued', patch: releasePatch })
    }
  })

  it('fails the job on anything else, with the error kept', () => {
    const constraint = Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT' })
    expect(isDatabaseBusy(constraint)).toBe(false)
    expect(unexpectedErrorOutcome(constraint)).toEqual({
      state: 'failed',
      patch: { errorCode: 'Internal', errorDetail: 'Error: constraint', ...releasePatch },
    })
    expect(unexpectedErrorOutcome(new AppError('FilePermission', 'a.mp4'))).toEqual({
      state: 'failed',
      patch: { errorCode: 'FilePermission', errorDetail: 'a.mp4', ...releasePatch },
    })
    expect(isDatabaseBusy(null)).toBe(false)
    expect(isDatabaseBusy('SQLITE_BUSY')).toBe(false)
  })
})

describe('startOverPatch', () => {
  it('forgets the size, the identity and the range support, and counts the restart', () => {
    expect(startOverPatch(0)).toEqual({
      totalBytes: null,
      doneBytes: 0,
      etag: null,
      lastModified: null,
      serverCrc64: null,
      serverMd5: null,
      rangesSupported: null,
      contentRestarts: 0,
    })
    expect(startOverPatch(3).contentRestarts).toBe(3)
  })
})
