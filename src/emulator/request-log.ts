/**
 * What the emulator served, for tests to assert on ("the client refreshed the URL once", "no
 * request used V1"). Paths only: no query strings, so no signatures or tokens are kept.
 */
export interface RequestLogEntry {
  /** `credentials`: the credentials URI issued an STS session. */
  kind: 'api' | 'media' | 'credentials'
  action?: string
  path: string
  status: number
  signature?: 'v1' | 'v3'
  /** API calls signed with STS credentials: which session (1 for the first issued, …). */
  session?: number
}

/** Oldest entries are dropped past this many, so a long-running emulator stays bounded. */
const maximumEntries = 100_000

export function appendLogEntry(log: RequestLogEntry[], entry: RequestLogEntry): void {
  log.push(entry)
  if (log.length > maximumEntries) log.splice(0, log.length - maximumEntries)
}
