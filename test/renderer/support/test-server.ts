// A real HTTP + WebSocket server implementing the bridge protocol, for transport tests. It runs
// in the test process, so it may use Node's http module, which renderer code may not.
// eslint-disable-next-line no-restricted-imports
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'
import {
  dispatchRequest,
  wire,
  type EventMessage,
  type Handlers,
} from '../../../src/shared/contract'
import { toErrorData } from '../../../src/shared/errors'

export interface TestServer {
  origin: string
  token: string
  /** Sends one event to every connected client. */
  broadcast: (message: EventMessage) => void
  /** Sends raw text, to test that garbage is ignored. */
  broadcastRaw: (text: string) => void
  /** Drops every WebSocket connection (the host restarted, the network blinked). */
  dropClients: () => void
  connectedClients: () => number
  /** Resolves on the next WebSocket connection. */
  nextConnection: () => Promise<void>
  close: () => Promise<void>
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

/** Starts the server on 127.0.0.1 with an ephemeral port. */
export async function startTestServer(
  handlers: Handlers,
  token = 'test-token',
): Promise<TestServer> {
  const sockets = new Set<WebSocket>()
  const waiting: (() => void)[] = []
  const webSockets = new WebSocketServer({ noServer: true })
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      if (request.method !== 'POST' || !url.pathname.startsWith(wire.apiPathPrefix)) {
        response.writeHead(404).end()
        return
      }
      if (request.headers.authorization !== `Bearer ${token}`) {
        response.writeHead(401, { 'content-type': 'text/plain' }).end('unauthorized')
        return
      }
      let input: unknown
      try {
        input = (JSON.parse(await readBody(request)) as { input?: unknown }).input
      } catch {
        const body = JSON.stringify({
          ok: false,
          error: toErrorData('InvalidInput', 'body is not JSON'),
        })
        response.writeHead(400, { 'content-type': 'application/json' }).end(body)
        return
      }
      const name = decodeURIComponent(url.pathname.slice(wire.apiPathPrefix.length))
      const result = await dispatchRequest(handlers, name, input)
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result))
    })()
  })
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (url.pathname !== wire.eventsPath || url.searchParams.get('token') !== token) {
      socket.destroy()
      return
    }
    webSockets.handleUpgrade(request, socket, head, (client) => {
      sockets.add(client)
      client.on('close', () => sockets.delete(client))
      for (const resolve of waiting.splice(0)) resolve()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  const send = (text: string): void => {
    for (const client of sockets) client.send(text)
  }
  return {
    origin: `http://127.0.0.1:${address.port}`,
    token,
    broadcast: (message) => send(JSON.stringify(message)),
    broadcastRaw: send,
    dropClients: () => {
      for (const client of sockets) client.terminate()
    },
    connectedClients: () => sockets.size,
    nextConnection: () => new Promise((resolve) => waiting.push(resolve)),
    close: async () => {
      for (const client of sockets) client.terminate()
      webSockets.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
