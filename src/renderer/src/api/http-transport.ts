import {
  failure,
  isEventName,
  wire,
  type EventName,
  type RequestInput,
  type RequestName,
  type RequestOutput,
  type Result,
  type Unsubscribe,
} from '../../../shared/contract'
import { isErrorCode, toErrorData, type ErrorData } from '../../../shared/errors'
import type { ApiTransport, ConnectionStatus } from './transport'

export interface HttpTransportOptions {
  /** Where the headless host listens, e.g. `http://127.0.0.1:4567`. */
  origin: string
  /** The bridge token the host printed in the URL fragment. */
  token: string
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch
  /** Defaults to the global `WebSocket`. */
  WebSocket?: typeof WebSocket
  /** Waits between reconnect attempts; the last one repeats. */
  reconnectDelaysMs?: readonly number[]
}

const defaultReconnectDelaysMs = [250, 1000, 2000, 5000, 10_000] as const

function isErrorData(value: unknown): value is ErrorData {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Record<string, unknown>
  return (
    isErrorCode(candidate.code) &&
    typeof candidate.message === 'string' &&
    typeof candidate.messageZh === 'string'
  )
}

/** Accepts only the two result shapes; anything else is a bridge bug or a foreign server. */
function readResult(body: unknown): Result<unknown> | null {
  if (typeof body !== 'object' || body === null) return null
  const candidate = body as Record<string, unknown>
  if (candidate.ok === true) return { ok: true, value: candidate.value ?? null }
  if (candidate.ok === false && isErrorData(candidate.error)) return failure(candidate.error)
  return null
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Builds the WebSocket address of the event channel from the host's HTTP origin. */
export function eventsUrl(origin: string, token: string): string {
  const url = new URL(wire.eventsPath, origin)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  url.searchParams.set('token', token)
  return url.toString()
}

/**
 * The bridge to the headless host: requests are `POST /api/<name>` with a bearer token and a
 * JSON `{ input }` body answering `{ ok, … }`; events arrive as JSON `{ event, payload }` on one
 * WebSocket, which reconnects with backoff when it drops.
 */
export function createHttpTransport(options: HttpTransportOptions): ApiTransport {
  const fetchFunction = options.fetch ?? globalThis.fetch.bind(globalThis)
  const WebSocketClass = options.WebSocket ?? globalThis.WebSocket
  const delays = options.reconnectDelaysMs ?? defaultReconnectDelaysMs
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const statusListeners = new Set<(status: ConnectionStatus) => void>()
  let socket: WebSocket | null = null
  let status: ConnectionStatus = 'closed'
  let attempt = 0
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null
  let closed = false

  function setStatus(next: ConnectionStatus): void {
    if (next === status) return
    status = next
    for (const listener of [...statusListeners]) listener(next)
  }

  function deliver(data: unknown): void {
    if (typeof data !== 'string') return
    let message: unknown
    try {
      message = JSON.parse(data)
    } catch {
      return
    }
    if (typeof message !== 'object' || message === null) return
    const { event, payload } = message as { event?: unknown; payload?: unknown }
    if (!isEventName(event)) return
    for (const listener of [...(listeners.get(event) ?? [])]) listener(payload)
  }

  function scheduleReconnect(): void {
    setStatus('connecting')
    const delay = delays[Math.min(attempt, delays.length - 1)] ?? 1000
    attempt += 1
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null
      connect()
    }, delay)
  }

  function connect(): void {
    if (closed || socket) return
    setStatus('connecting')
    let current: WebSocket
    try {
      current = new WebSocketClass(eventsUrl(options.origin, options.token))
    } catch {
      scheduleReconnect()
      return
    }
    socket = current
    current.onopen = () => {
      attempt = 0
      setStatus('open')
    }
    current.onmessage = (event: MessageEvent) => deliver(event.data)
    current.onclose = () => {
      if (socket !== current) return
      socket = null
      if (closed) setStatus('closed')
      else scheduleReconnect()
    }
  }

  return {
    kind: 'http',
    async request<Name extends RequestName>(
      name: Name,
      input: RequestInput<Name>,
    ): Promise<Result<RequestOutput<Name>>> {
      let response: Response
      try {
        response = await fetchFunction(new URL(`${wire.apiPathPrefix}${name}`, options.origin), {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${options.token}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({ input }),
        })
      } catch (error) {
        return failure(toErrorData('NetworkError', describe(error)))
      }
      let body: unknown
      try {
        body = await response.json()
      } catch {
        body = undefined
      }
      const result = readResult(body)
      // The contract's types are the bridge's promise; the shape check above is what we can verify.
      if (result) return result as Result<RequestOutput<Name>>
      if (response.status === 401 || response.status === 403) {
        return failure(
          toErrorData('Forbidden', `the host refused the bridge token (HTTP ${response.status})`),
        )
      }
      return failure(
        toErrorData(response.ok ? 'MalformedResponse' : 'HttpError', `HTTP ${response.status}`),
      )
    },
    subscribe(event, listener) {
      let set = listeners.get(event)
      if (!set) {
        set = new Set()
        listeners.set(event, set)
      }
      const untyped = listener as (payload: unknown) => void
      set.add(untyped)
      connect()
      return () => {
        set.delete(untyped)
      }
    },
    status: () => status,
    onStatus(listener): Unsubscribe {
      statusListeners.add(listener)
      return () => {
        statusListeners.delete(listener)
      }
    },
    close() {
      closed = true
      if (reconnectTimer !== null) clearTimeout(reconnectTimer)
      reconnectTimer = null
      const current = socket
      socket = null
      current?.close()
      setStatus('closed')
    },
  }
}
