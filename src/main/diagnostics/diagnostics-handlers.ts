import { join } from 'node:path'
import type { DomainHandlers } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import {
  buildDiagnosticsBundle,
  bundleFileName,
  writeDiagnosticsBundle,
  type BundleFacts,
} from './bundle'

export interface DiagnosticsDependencies {
  logFolder: string
  /** Where bundles are written: the download folder (the folder the user already looks in). */
  bundleFolder: () => string
  facts: () => BundleFacts
  /** Waits until the log has written what it holds. */
  flushLog: () => Promise<void>
  /** Opens a folder in the OS file manager (desktop); absent in the headless host. */
  openFolder?: (path: string) => Promise<void>
}

/** The `diagnostics.*` requests. */
export function diagnosticsHandlers(
  dependencies: DiagnosticsDependencies,
): DomainHandlers<'diagnostics'> {
  return {
    'diagnostics.export': async () => {
      await dependencies.flushLog()
      const now = new Date()
      const path = join(dependencies.bundleFolder(), bundleFileName(now))
      const bytes = await buildDiagnosticsBundle(dependencies.facts(), dependencies.logFolder, now)
      try {
        await writeDiagnosticsBundle(path, bytes)
      } catch (error) {
        throw new AppError('FilePermission', `${path}: ${String(error)}`, { cause: error })
      }
      return { path }
    },
    'diagnostics.openLogFolder': async () => {
      const { openFolder, logFolder } = dependencies
      if (!openFolder) return { path: logFolder, opened: false }
      await openFolder(logFolder)
      return { path: logFolder, opened: true }
    },
  }
}
