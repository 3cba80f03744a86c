import type { BridgeApi, Unsubscribe } from '../../../shared/contract'

/** Whether events can currently arrive. Only the HTTP bridge can drop; IPC is always open. */
export type ConnectionStatus = 'connecting' | 'open' | 'closed'

/**
 * How the renderer reaches main: the Electron preload bridge or the HTTP + WebSocket bridge of
 * the headless host. Requests answer `Result`s; the typed client above turns failures into errors.
 */
export interface ApiTransport extends BridgeApi {
  readonly kind: 'preload' | 'http'
  /** Current connection status of the event channel. */
  status(): ConnectionStatus
  /**
   * Reports status changes. After a drop, events were missed, so whoever holds a read model
   * refetches when the status returns to `open`.
   */
  onStatus(listener: (status: ConnectionStatus) => void): Unsubscribe
  /** Stops reconnecting and releases the event channel. */
  close(): void
}
