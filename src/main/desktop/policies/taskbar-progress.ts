import type { DownloadsAggregate } from './aggregate'

/** `BrowserWindow.setProgressBar` arguments; `mode` is honoured on Windows only. */
export interface TaskbarProgress {
  value: number
  mode: 'none' | 'normal' | 'indeterminate' | 'error' | 'paused'
}

/** Removes the bar. */
export const noTaskbarProgress: TaskbarProgress = { value: -1, mode: 'none' }

/**
 * The taskbar (Windows), Dock (macOS) or launcher (Unity) progress bar:
 * - nothing in flight → removed (-1), except on Windows where failures leave a red bar;
 * - running with no known size anywhere → indeterminate (a value above 1, Electron's convention);
 * - running → the overall fraction, red on Windows when something failed;
 * - only paused jobs left → the fraction in Windows' paused (yellow) mode.
 */
export function taskbarProgress(
  aggregate: DownloadsAggregate,
  platform: NodeJS.Platform,
): TaskbarProgress {
  const running = aggregate.active + aggregate.queued
  const fraction = aggregate.progress === null ? null : Math.min(1, Math.max(0, aggregate.progress))
  if (running > 0) {
    if (fraction === null) return { value: 2, mode: 'indeterminate' }
    return {
      value: fraction,
      mode: aggregate.failed > 0 && platform === 'win32' ? 'error' : 'normal',
    }
  }
  if (aggregate.paused > 0) return { value: fraction ?? 0, mode: 'paused' }
  if (aggregate.failed > 0 && platform === 'win32') return { value: 1, mode: 'error' }
  return noTaskbarProgress
}

/** True when the bar would not change, so the adapter can skip the native call. */
export function sameTaskbarProgress(left: TaskbarProgress, right: TaskbarProgress): boolean {
  // Quantize to a per-mille so a 100 ms progress tick does not become a native call every time.
  return (
    left.mode === right.mode && Math.round(left.value * 1000) === Math.round(right.value * 1000)
  )
}
