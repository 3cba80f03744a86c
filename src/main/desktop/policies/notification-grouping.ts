import type { ErrorData, Language } from '../../../shared/errors'
import { formatErrorMessage } from '../../../shared/errors'
import type { NotificationChoice } from '../../../shared/settings'
import { desktopStrings } from '../strings'

/**
 * `each`: one notification per job; `batch`: one per batch; `none`: silent. The app setting's
 * own type (`notifications` in src/shared/settings.ts), under the name this policy uses.
 */
export type NotificationMode = NotificationChoice

/** A job that reached the end of the road. */
export interface FinishedJob {
  id: number
  /** Base name of the file: never a URL, which could carry a signature. */
  fileName: string
  outcome: 'completed' | 'failed'
  error: ErrorData | null
}

/** What to show. `jobIds` lets a click open the window on those jobs. */
export interface NotificationModel {
  title: string
  body: string
  outcome: 'completed' | 'failed' | 'mixed'
  jobIds: number[]
}

export interface NotificationBatchState {
  pending: readonly FinishedJob[]
  /** When the first pending job finished (the batch opened). */
  openedAt: number | null
  /** When the last pending job finished. */
  lastAt: number | null
}

export const emptyNotificationBatch: NotificationBatchState = {
  pending: [],
  openedAt: null,
  lastAt: null,
}

export interface NotificationGroupingOptions {
  mode: NotificationMode
  language: Language
  /**
   * Once nothing is running or queued, wait this long for stragglers before announcing the batch
   * (several small files often finish within the same second).
   */
  settleMs: number
  /**
   * A batch never waits longer than this while downloads keep running, so a 500-file queue that
   * takes an hour still reports from time to time.
   */
  maximumDelayMs: number
}

export const defaultNotificationTiming = { settleMs: 2_000, maximumDelayMs: 10 * 60_000 } as const

export type NotificationInput =
  | { kind: 'finished'; job: FinishedJob; now: number; idle: boolean }
  /** The timer asked for by the previous step fired, or the engine became idle or busy. */
  | { kind: 'tick'; now: number; idle: boolean }

export interface NotificationStep {
  state: NotificationBatchState
  deliver: NotificationModel[]
  /** When to send the next `tick`, or `null` when nothing is pending. */
  wakeAt: number | null
}

/**
 * The grouping policy as a pure step function. Users of batch downloaders ask for "each / all
 * done / none" (NickvisionApps/Parabolic#272) because one notification per file is spam.
 * In `batch` mode finished and failed jobs collect until the engine has been idle for `settleMs`
 * ("12 files downloaded"), or until the batch is `maximumDelayMs` old. Failures name the files.
 */
export function stepNotifications(
  state: NotificationBatchState,
  input: NotificationInput,
  options: NotificationGroupingOptions,
): NotificationStep {
  if (options.mode === 'none') return { state: emptyNotificationBatch, deliver: [], wakeAt: null }
  if (options.mode === 'each') {
    const deliver = state.pending.map((job) => summarizeFinishedJobs([job], options.language))
    if (input.kind === 'finished')
      deliver.push(summarizeFinishedJobs([input.job], options.language))
    return { state: emptyNotificationBatch, deliver, wakeAt: null }
  }
  let next = state
  if (input.kind === 'finished') {
    // The engine may report the same terminal state twice; a job is announced once per batch.
    const pending = state.pending.filter((job) => job.id !== input.job.id)
    next = {
      pending: [...pending, input.job],
      openedAt: state.openedAt ?? input.now,
      lastAt: input.now,
    }
  }
  if (next.pending.length === 0) return { state: emptyNotificationBatch, deliver: [], wakeAt: null }
  const dueAt = batchDueAt(next, input.idle, options)
  if (input.now >= dueAt) {
    return {
      state: emptyNotificationBatch,
      deliver: [summarizeFinishedJobs(next.pending, options.language)],
      wakeAt: null,
    }
  }
  return { state: next, deliver: [], wakeAt: dueAt }
}

function batchDueAt(
  state: NotificationBatchState,
  idle: boolean,
  options: NotificationGroupingOptions,
): number {
  const openedAt = state.openedAt ?? 0
  const ceiling = openedAt + options.maximumDelayMs
  return idle ? Math.min(ceiling, (state.lastAt ?? openedAt) + options.settleMs) : ceiling
}

/** How many failed file names a notification spells out before "and N more". */
export const namedFailureLimit = 3

/** Turns one or more finished jobs into a single notification. */
export function summarizeFinishedJobs(
  jobs: readonly FinishedJob[],
  language: Language,
): NotificationModel {
  const strings = desktopStrings(language)
  const done = jobs.filter((job) => job.outcome === 'completed')
  const failed = jobs.filter((job) => job.outcome === 'failed')
  const jobIds = jobs.map((job) => job.id)
  const failedNames = (): string =>
    strings.listNames(
      failed.slice(0, namedFailureLimit).map((job) => job.fileName),
      Math.max(0, failed.length - namedFailureLimit),
    )
  if (failed.length === 0) {
    const [only] = done
    return {
      title: strings.notificationDoneTitle,
      body:
        done.length === 1 && only
          ? strings.notificationOneDone(only.fileName)
          : strings.notificationManyDone(done.length),
      outcome: 'completed',
      jobIds,
    }
  }
  if (done.length === 0) {
    const [only] = failed
    return {
      title: strings.notificationFailedTitle,
      body:
        failed.length === 1 && only
          ? strings.notificationOneFailed(only.fileName, failureReason(only, language))
          : strings.notificationManyFailed(failed.length, failedNames()),
      outcome: 'failed',
      jobIds,
    }
  }
  return {
    title: strings.notificationFailedTitle,
    body: strings.notificationMixed(done.length, failed.length, failedNames()),
    outcome: 'mixed',
    jobIds,
  }
}

/**
 * The reason shown for a failure: the localized message for the error code, without the engine's
 * detail, which may quote a server response or a signed URL.
 */
function failureReason(job: FinishedJob, language: Language): string {
  return formatErrorMessage(job.error?.code ?? 'Internal', undefined, language)
}
