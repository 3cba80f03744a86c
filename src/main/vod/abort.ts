import { AppError } from '../../shared/errors'

/** Throws `Canceled` when the signal has fired; called before each step of a multi-call operation. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('Canceled')
}

/**
 * Settles with `work`, or rejects with `Canceled` as soon as the signal fires. The SDK has no
 * cancellation, so an abandoned request still finishes in the background (bounded by the
 * read timeout); its result is dropped.
 */
export function raceWithSignal<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work
  throwIfAborted(signal)
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new AppError('Canceled'))
    signal.addEventListener('abort', onAbort, { once: true })
    // A failure is passed on untouched: the client maps SDK errors by their own fields.
    void work.finally(() => signal.removeEventListener('abort', onAbort)).then(resolve, reject)
  })
}

/** Waits `ms`, ending early with `Canceled` when the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return raceWithSignal(
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms)
      signal?.addEventListener('abort', () => clearTimeout(timer), { once: true })
    }),
    signal,
  )
}
