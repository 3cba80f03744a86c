import type { DownloadsAggregate } from './aggregate'

/**
 * Whether the shell holds a `powerSaveBlocker('prevent-app-suspension')`. Only moving bytes
 * justify it: users ask for the machine to stay awake while downloading (subhra74/xdm#621), and a
 * blocker held while a job sat paused or failed drained a laptop battery
 * (inbasic/turbo-download-manager-v2#14).
 */
export interface PowerState {
  holding: boolean
  /** When the held blocker last saw bytes move; starts the stall grace. */
  lastMovingAt: number | null
}

export const initialPowerState: PowerState = { holding: false, lastMovingAt: null }

export interface PowerOptions {
  /**
   * A downloading job whose speed dips to 0 keeps the blocker this long before it is released,
   * so a momentary stall between progress samples does not toggle the OS assertion.
   */
  stallGraceMs: number
}

export const defaultPowerOptions: PowerOptions = { stallGraceMs: 60_000 }

export interface PowerDecision {
  state: PowerState
  /** Hold the blocker after this step. */
  hold: boolean
  /** Evaluate again at this time even if nothing changes (end of the stall grace). */
  recheckAt: number | null
}

/**
 * Re-evaluated on every engine change and at `recheckAt`:
 * - some job moves bytes (downloading at speed > 0, probing, refreshing) → hold;
 * - jobs are downloading but stalled → keep holding during the grace, never start holding;
 * - everything paused, failed, retrying, verifying or idle → release at once.
 */
export function decidePower(
  state: PowerState,
  aggregate: Pick<DownloadsAggregate, 'moving' | 'downloading'>,
  now: number,
  options: PowerOptions = defaultPowerOptions,
): PowerDecision {
  if (aggregate.moving > 0) {
    return { state: { holding: true, lastMovingAt: now }, hold: true, recheckAt: null }
  }
  if (state.holding && aggregate.downloading > 0 && state.lastMovingAt !== null) {
    const releaseAt = state.lastMovingAt + options.stallGraceMs
    if (now < releaseAt) return { state, hold: true, recheckAt: releaseAt }
  }
  return { state: initialPowerState, hold: false, recheckAt: null }
}
