/** A usage mistake: printed with the help hint, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

const rateUnits: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
}

/** Parses a byte rate or size such as `800K`, `8M`, `1.5MiB`, `1048576` (per second for rates). */
export function parseByteRate(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)(?:\/s)?\s*$/i.exec(text)
  const unit = match ? rateUnits[(match[2] ?? '').toLowerCase()] : undefined
  if (!match || unit === undefined)
    throw new UsageError(`not a byte rate: "${text}" (try 800K, 8M, 1G)`)
  return Math.round(Number(match[1]) * unit)
}

/** Parses `Name: value` header arguments. */
export function parseHeaders(values: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const value of values) {
    const index = value.indexOf(':')
    const name = index > 0 ? value.slice(0, index).trim() : ''
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new UsageError(`not a header: "${value}" (expected "Name: value")`)
    }
    headers[name.toLowerCase()] = value.slice(index + 1).trim()
  }
  return headers
}

export function parsePositiveInteger(
  text: string | undefined,
  name: string,
  max: number,
): number | undefined {
  if (text === undefined) return undefined
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new UsageError(`${name} must be a whole number from 1 to ${max}`)
  }
  return Number(text)
}

/** Job ids given on the command line. */
export function parseJobIds(values: readonly string[]): number[] {
  return values.map((value) => {
    if (!/^\d+$/.test(value)) throw new UsageError(`not a job id: "${value}"`)
    return Number(value)
  })
}

/**
 * A usage mistake, as a UsageError, when `error` is one: ours, or node:util parseArgs's
 * (`ERR_PARSE_ARGS_*`). Anything else (a locked database, a file that cannot be read) is not
 * the user's typing and keeps exit status 2 free for bad arguments: undefined.
 */
export function asUsageError(error: unknown): UsageError | undefined {
  if (error instanceof UsageError) return error
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    return new UsageError(error instanceof Error ? error.message : String(error))
  }
  return undefined
}
