import type { EventMessage, Unsubscribe } from '../../shared/contract'

/** Where services send events; a bridge (IPC, WebSocket) forwards them to renderers. */
export type EventSink = (message: EventMessage) => void

/**
 * Fans events out to any number of subscribers (every window, every WebSocket). A subscriber
 * that throws is isolated: the others, and the service that emitted, never see its failure.
 */
export class EventHub {
  private readonly listeners = new Set<EventSink>()

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  /** Sends one event to every subscriber, in subscription order. */
  readonly emit: EventSink = (message) => {
    for (const listener of [...this.listeners]) {
      try {
        listener(message)
      } catch (error) {
        this.onListenerError(error)
      }
    }
  }

  subscribe(listener: EventSink): Unsubscribe {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  get subscriberCount(): number {
    return this.listeners.size
  }

  clear(): void {
    this.listeners.clear()
  }
}
