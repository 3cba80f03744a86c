import type { VodAction, VodQuery, VodTransport } from '../../../src/main/vod/transport'

export interface RecordedCall {
  action: VodAction
  query: VodQuery
}

type Handler = (query: VodQuery, call: number) => unknown

/**
 * A transport answering from handlers per action; a handler may throw to play an SDK error.
 * Records every call so tests can check what was asked.
 */
export class FakeTransport implements VodTransport {
  readonly calls: RecordedCall[] = []
  private readonly handlers = new Map<VodAction, Handler>()

  on(action: VodAction, handler: Handler): this {
    this.handlers.set(action, handler)
    return this
  }

  call(action: VodAction, query: VodQuery): Promise<unknown> {
    this.calls.push({ action, query })
    const handler = this.handlers.get(action)
    if (!handler) return Promise.reject(new Error(`no handler for ${action}`))
    const count = this.calls.filter((call) => call.action === action).length
    // A handler that throws becomes a rejected call, as an SDK failure would.
    return Promise.resolve().then(() => handler(query, count))
  }

  callsOf(action: VodAction): VodQuery[] {
    return this.calls.filter((call) => call.action === action).map((call) => call.query)
  }
}

/** The shape the Tea SDK throws for an HTTP 4xx/5xx reply. */
export function serverError(
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
): Error {
  return Object.assign(new Error(`${code}: code: ${status}`), {
    code,
    data: { RequestId: 'REQ-1', Code: code, Message: 'm', statusCode: status },
    statusCode: status,
    ...extra,
  })
}
