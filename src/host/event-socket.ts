import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { Unsubscribe } from '../shared/contract'
import type { EventSink } from '../main/services/event-hub'

/** A socket that falls this far behind is dropped; the renderer reconnects and reloads. */
const maximumBufferedBytes = 16 * 1024 * 1024

/** Where events come from and who may receive them. */
export interface EventSocketOptions {
  subscribe: (listener: EventSink) => Unsubscribe
  /** Decides whether an upgrade may proceed; answers the HTTP status to refuse with. */
  authorize: (request: IncomingMessage) => { ok: true } | { ok: false; status: 401 | 403 }
}

/**
 * The event channel: one WebSocket per window, each receiving every event as JSON
 * `{ event, payload }`. Clients only listen; anything they send is ignored.
 */
export class EventSocket {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: 1024 })

  constructor(private readonly options: EventSocketOptions) {
    this.server.on('connection', (socket) => this.attach(socket))
  }

  /** Handles an HTTP upgrade for the events path: refuses it or hands it to the WebSocket server. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const verdict = this.options.authorize(request)
    if (!verdict.ok) {
      const reason = verdict.status === 401 ? 'Unauthorized' : 'Forbidden'
      socket.end(
        `HTTP/1.1 ${verdict.status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      )
      return
    }
    this.server.handleUpgrade(request, socket, head, (client) =>
      this.server.emit('connection', client, request),
    )
  }

  get clientCount(): number {
    return this.server.clients.size
  }

  close(): void {
    for (const client of this.server.clients) client.terminate()
    this.server.close()
  }

  private attach(socket: WebSocket): void {
    const unsubscribe = this.options.subscribe((message) => {
      if (socket.readyState !== socket.OPEN) return
      if (socket.bufferedAmount > maximumBufferedBytes) {
        socket.terminate()
        return
      }
      socket.send(JSON.stringify(message))
    })
    socket.on('close', unsubscribe)
    socket.on('error', () => socket.terminate())
  }
}
