import type { ErrorData } from '../errors'

/**
 * What every request answers across a process boundary: errors travel as data with a code the
 * receiver can act on, because Electron's `ipcMain.handle` and JSON keep only an error's message.
 */
export type Result<Value> = { ok: true; value: Value } | { ok: false; error: ErrorData }

/** Wraps a value as a successful result. */
export function success<Value>(value: Value): Result<Value> {
  return { ok: true, value }
}

/** Wraps error data as a failed result. */
export function failure(error: ErrorData): { ok: false; error: ErrorData } {
  return { ok: false, error }
}
