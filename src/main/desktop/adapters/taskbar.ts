import type { TaskbarProgress } from '../policies/taskbar-progress'
import { noTaskbarProgress, sameTaskbarProgress } from '../policies/taskbar-progress'

/** The part of `BrowserWindow` that owns the taskbar / Dock progress bar. */
export interface ProgressWindowLike {
  setProgressBar(progress: number, options?: { mode: TaskbarProgress['mode'] }): void
  isDestroyed(): boolean
}

/**
 * Applies taskbar progress to a window, skipping native calls that would change nothing. On
 * Linux the bar shows only in launchers that read the `.desktop` file named by package.json's
 * `desktopName` (Unity, KDE, Dash to Dock).
 */
export class TaskbarController {
  private shown: TaskbarProgress = noTaskbarProgress

  constructor(private readonly window: ProgressWindowLike) {}

  render(progress: TaskbarProgress): void {
    if (this.window.isDestroyed() || sameTaskbarProgress(this.shown, progress)) return
    this.window.setProgressBar(progress.value, { mode: progress.mode })
    this.shown = progress
  }
}
