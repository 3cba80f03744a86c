/** Levels of the diagnostic log, most detailed first. */
export const logLevels = ['debug', 'info', 'warn', 'error'] as const
export type LogLevel = (typeof logLevels)[number]

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (logLevels as readonly string[]).includes(value)
}

/** True when a line of `level` is written at the threshold `threshold`. */
export function levelEnabled(level: LogLevel, threshold: LogLevel): boolean {
  return logLevels.indexOf(level) >= logLevels.indexOf(threshold)
}

/**
 * The diagnostic log's level: `VOD_DL_LOG_LEVEL` (debug, info, warn, error) when set, else
 * `debug` with `--verbose`, else `info`. An unknown value is reported and ignored.
 */
export function logLevelFrom(
  environment: Readonly<Record<string, string | undefined>>,
  verbose = false,
): { level: LogLevel; problem?: string } {
  const named = environment.VOD_DL_LOG_LEVEL?.trim().toLowerCase()
  if (named && isLogLevel(named)) return { level: named }
  const level: LogLevel = verbose ? 'debug' : 'info'
  if (named) {
    return { level, problem: `VOD_DL_LOG_LEVEL="${named}" is not one of ${logLevels.join(', ')}` }
  }
  return { level }
}
