import type { Disposable } from './disposable'

/**
 * A minimal event emitter typed by an event map, so a listener's payload type follows the event
 * name and a renamed event breaks the compile. A throwing listener cannot break the emitter.
 */
export class TypedEmitter<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>()

  on<Name extends keyof Events>(name: Name, listener: (payload: Events[Name]) => void): Disposable {
    let set = this.listeners.get(name)
    if (!set) {
      set = new Set()
      this.listeners.set(name, set)
    }
    set.add(listener)
    return { dispose: () => set.delete(listener) }
  }

  emit<Name extends keyof Events>(name: Name, payload: Events[Name]): void {
    const set = this.listeners.get(name)
    if (!set) return
    for (const listener of [...set]) {
      try {
        ;(listener as (payload: Events[Name]) => void)(payload)
      } catch {
        // A broken subscriber must not stop the engine.
      }
    }
  }
}
