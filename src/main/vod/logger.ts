/**
 * The logging the VOD module needs. Fields must already be safe: no secrets, no tokens, and
 * URLs only after `redactUrl`.
 */
export interface VodLogger {
  debug(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
}

/** For callers that do not log (tests, one-off scripts). */
export const silentLogger: VodLogger = {
  debug() {},
  warn() {},
}
