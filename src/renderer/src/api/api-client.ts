import type { ApiClient, BridgeApi, RequestInput, RequestName } from '../../../shared/contract'
import { toErrorData, type ErrorData } from '../../../shared/errors'

/** A failed request, rebuilt on the renderer side with the error data main sent. */
export class ApiError extends Error {
  readonly data: ErrorData

  constructor(data: ErrorData) {
    super(data.message)
    this.name = 'ApiError'
    this.data = data
  }
}

/** Error data for anything caught in the renderer, so every failure can be shown the same way. */
export function errorDataOf(error: unknown): ErrorData {
  if (error instanceof ApiError) return error.data
  return toErrorData('Internal', error instanceof Error ? error.message : String(error))
}

/** The typed client the UI uses: results become values, failures become `ApiError`s. */
export function createApiClient(transport: BridgeApi): ApiClient {
  return {
    async request(name, ...args) {
      const input = (args[0] ?? {}) as RequestInput<typeof name & RequestName>
      const result = await transport.request(name, input)
      if (result.ok) return result.value
      throw new ApiError(result.error)
    },
    subscribe(event, listener) {
      return transport.subscribe(event, listener)
    },
  }
}
