import { redactText } from '../../shared/redact'

/**
 * Facts a log line may carry besides its message: the job and the VOD API request it is about
 * (a line that starts `job N:` names its job already), the component that wrote it.
 */
export interface LogFields {
  jobId?: number
  requestId?: string
  [name: string]: unknown
}

/**
 * The app's log sink (engine, services, CLI, host). Lines must never contain secrets (URLs are
 * logged redacted).
 */
export interface Logger {
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
  /** Details written only when asked for (`--verbose`, `VOD_DL_LOG_LEVEL=debug`). */
  debug?(message: string, fields?: LogFields): void
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
    info: (message, fields) => inner.info(redactText(message), redactFields(fields)),
    warn: (message, fields) => inner.warn(redactText(message), redactFields(fields)),
    error: (message, fields) => inner.error(redactText(message), redactFields(fields)),
    debug: (message, fields) => inner.debug?.(redactText(message), redactFields(fields)),
  }
}

/** Every field that is text, or holds text, passed through the redactor. */
export function redactFields(fields: LogFields | undefined): LogFields | undefined {
  if (fields === undefined) return undefined
  const redacted: LogFields = {}
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue
    redacted[name] =
      typeof value === 'string'
        ? redactText(value)
        : typeof value === 'number' || typeof value === 'boolean' || value === null
          ? value
          : redactText(JSON.stringify(value) ?? 'undefined')
  }
  return redacted
}

/** One logger that writes to every logger given, in order. */
export function teeLogger(...loggers: readonly Logger[]): Logger {
  return {
    info: (message, fields) => loggers.forEach((logger) => logger.info(message, fields)),
    warn: (message, fields) => loggers.forEach((logger) => logger.warn(message, fields)),
    error: (message, fields) => loggers.forEach((logger) => logger.error(message, fields)),
    debug: (message, fields) => loggers.forEach((logger) => logger.debug?.(message, fields)),
  }
}
