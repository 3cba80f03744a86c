/** A ticking clock that runs only while someone listens (e.g. a row counting down to a retry). */
export interface Clock {
  subscribe: (listener: () => void) => () => void
  getNow: () => number
}

/** A clock on the real time, ticking every `intervalMs` while it has listeners. */
export function createClock(intervalMs = 1000): Clock {
  const listeners = new Set<() => void>()
  let now = Date.now()
  let timer: ReturnType<typeof setInterval> | null = null
  return {
    subscribe(listener) {
      listeners.add(listener)
      if (timer === null) {
        // The value may be old after an idle period; listeners read it right after subscribing.
        now = Date.now()
        timer = setInterval(() => {
          now = Date.now()
          for (const current of [...listeners]) current()
        }, intervalMs)
      }
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0 && timer !== null) {
          clearInterval(timer)
          timer = null
        }
      }
    },
    getNow: () => now,
  }
}
