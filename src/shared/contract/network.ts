import { z } from 'zod'

/** `network.saveProxyPassword`: the manual proxy's password; it goes one way, into sealed storage. */
export const proxyPasswordInputSchema = z.strictObject({
  password: z.string().min(1).max(1024),
})

/** What the Settings screen may know about the proxy beyond the settings themselves. */
export interface NetworkStatus {
  /** A password for the manual proxy is saved (sealed like the account's secret). */
  proxyPasswordSaved: boolean
}

/** Where `diagnostics.export` wrote the bundle, and where the logs are. */
export interface DiagnosticsExportResult {
  path: string
}

/** The log folder, and whether the shell opened it (the headless host shows the path). */
export interface LogFolderResult {
  path: string
  opened: boolean
}
