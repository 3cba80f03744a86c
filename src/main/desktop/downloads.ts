import type { JobProgress, JobSnapshot } from '../../shared/jobs'
import type { Disposable } from '../common/disposable'
import { DisposableStore, toDisposable } from '../common/disposable'

/** One change pushed by the engine. */
export type DownloadsChange =
  | { kind: 'state'; snapshot: JobSnapshot }
  | { kind: 'progress'; progress: readonly JobProgress[] }
  | { kind: 'removed'; ids: readonly number[] }

/**
 * What the desktop shell needs from the download engine, and nothing more. It maps one to one onto
 * the engine's `JobManager` (see `downloadsFromJobManager`).
 */
export interface DownloadsFacade {
  /** Every job the engine knows, including finished ones. */
  list(): readonly JobSnapshot[]
  pauseAll(): void | Promise<void>
  resumeAll(): void | Promise<void>
  /**
   * Stops every running job for quitting, flushing progress, without marking them paused, so they
   * carry on at the next start. Optional: without it, quitting pauses the jobs instead.
   */
  shutdown?(): Promise<void>
  /**
   * Records that a finished job's file was moved (by an export), so every later file action,
   * "Remove with files" included, acts on the new place and never on whatever takes the old name.
   */
  relocate?(id: number, directory: string, fileName: string): void | Promise<void>
  onChange(listener: (change: DownloadsChange) => void): Disposable
}

/** The engine events the shell listens to, with their payloads. */
export interface JobManagerEventMap {
  state: JobSnapshot
  progress: JobProgress[]
  removed: number[]
}

/** The shape of the engine's `JobManager` the facade reads (its typed `events` emitter included). */
export interface JobManagerLike {
  list(): readonly JobSnapshot[]
  pauseAll(): unknown
  resumeAll(): unknown
  stop(): Promise<void>
  relocate?(id: number, directory: string, fileName: string): void
  readonly events: {
    on<Name extends keyof JobManagerEventMap>(
      name: Name,
      listener: (payload: JobManagerEventMap[Name]) => void,
    ): Disposable
  }
}

/**
 * Adapts the engine's `JobManager`: `list`, `pauseAll`, `resumeAll`, `stop`, `relocate` and its
 * three events.
 */
export function downloadsFromJobManager(manager: JobManagerLike): DownloadsFacade {
  return {
    list: () => manager.list(),
    pauseAll: async () => {
      await manager.pauseAll()
    },
    resumeAll: async () => {
      await manager.resumeAll()
    },
    shutdown: () => manager.stop(),
    relocate: (id, directory, fileName) => {
      if (!manager.relocate) throw new Error('this engine cannot record a moved file')
      manager.relocate(id, directory, fileName)
    },
    onChange(listener) {
      const store = new DisposableStore()
      store.add(manager.events.on('state', (snapshot) => listener({ kind: 'state', snapshot })))
      store.add(
        manager.events.on('progress', (progress) => listener({ kind: 'progress', progress })),
      )
      store.add(manager.events.on('removed', (ids) => listener({ kind: 'removed', ids })))
      return store
    },
  }
}

/**
 * A facade with no jobs. The shell runs on it until the engine is plugged in (integration point
 * `DesktopIntegration.createDownloads` in app.ts), so the window, tray and settings work on their own.
 */
export function createIdleDownloads(): DownloadsFacade {
  return {
    list: () => [],
    pauseAll: () => undefined,
    resumeAll: () => undefined,
    onChange: () => toDisposable(() => undefined),
  }
}
