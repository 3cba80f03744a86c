import { redactText } from '../../shared/redact'

/** The engine's log sink. Lines must never contain secrets (URLs are logged redacted). */
export interface Logger {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
}

/** A URL fit for logs: the app's one redactor (src/shared/redact.ts). */
export { redactUrl } from '../../shared/redact'

/**
 * A logger that passes every line through the redactor before `inner` sees it, so a URL or
 * token that reaches a message by any path (an error detail, a server's text) is still hidden.
 * Every sink the app writes to (CLI, headless host, engine runtime) is wrapped in one.
 */
export function redactingLogger(inner: Logger): Logger {
  return {
    info: (message) => inner.info(redactText(message)),
    warn: (message) => inner.warn(redactText(message)),
    error: (message) => inner.error(redactText(message)),
  }
}
