import type { Language } from '../../../shared/errors'
import { desktopStrings } from '../strings'

/**
 * Who asked to quit: the user (tray, app menu, Cmd+Q, a second close) or the system (logout,
 * shutdown, restart), which must not be held up by a dialog nobody will see.
 */
export type QuitSource = 'user' | 'system'

export interface QuitInput {
  source: QuitSource
  /** Jobs running or waiting for a slot. */
  runningJobs: number
  /** The quit was already confirmed and the jobs paused: let it through. */
  approved: boolean
}

export type QuitDecision =
  | { kind: 'proceed' }
  /** Ask the user first; on yes, pause and quit. */
  | { kind: 'confirm'; runningJobs: number }
  /** Pause everything, wait at most `timeoutMs` for the jobs to settle, then quit. */
  | { kind: 'pause-then-quit'; timeoutMs: number }

/** How long a user-approved quit waits for jobs to flush their progress and close files. */
export const userQuitTimeoutMs = 10_000
/** The OS gives a few seconds at shutdown; stay well inside them. */
export const systemQuitTimeoutMs = 3_000

/**
 * Decides what a quit request does. Quitting with downloads running asks first (closing a laptop
 * lid is not a reason to lose a 90 GB transfer's place), then pauses them cleanly so the engine
 * records where every segment stands.
 */
export function decideQuit(input: QuitInput): QuitDecision {
  if (input.approved || input.runningJobs === 0) return { kind: 'proceed' }
  if (input.source === 'system') return { kind: 'pause-then-quit', timeoutMs: systemQuitTimeoutMs }
  return { kind: 'confirm', runningJobs: input.runningJobs }
}

/** The confirmation dialog's content; button 0 confirms, button 1 cancels. */
export interface QuitConfirmation {
  message: string
  detail: string
  buttons: [confirm: string, cancel: string]
  defaultId: 0
  cancelId: 1
}

export function quitConfirmation(runningJobs: number, language: Language): QuitConfirmation {
  const strings = desktopStrings(language)
  return {
    message: strings.quitConfirmMessage(runningJobs),
    detail: strings.quitConfirmDetail,
    buttons: [strings.quitConfirmPause, strings.quitConfirmCancel],
    defaultId: 0,
    cancelId: 1,
  }
}
