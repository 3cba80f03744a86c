import type { Disposable } from '../../common/disposable'
import { toDisposable } from '../../common/disposable'
import { secondInstanceAction } from '../policies/launch'

/** The part of Electron's `app` that enforces a single instance. */
export interface SingleInstanceAppLike {
  requestSingleInstanceLock(): boolean
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown
  off(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown
}

/**
 * Takes the single-instance lock (scoped to the userData folder, so set any `--user-data-dir`
 * first). Returns `null` when another instance holds it: this one must quit at once. Otherwise a
 * later launch makes the first instance call `show`.
 */
export function acquireSingleInstance(
  app: SingleInstanceAppLike,
  show: () => void,
): Disposable | null {
  if (!app.requestSingleInstanceLock()) return null
  const onSecondInstance = (_event: unknown, argv: string[]): void => {
    if (secondInstanceAction(argv).show) show()
  }
  app.on('second-instance', onSecondInstance)
  return toDisposable(() => app.off('second-instance', onSecondInstance))
}
