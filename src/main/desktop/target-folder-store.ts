import type { TargetFolderCheck } from '../services/target-folders'
import {
  checkTargetFolder,
  folderKey,
  isNetworkPath,
  requireTargetFolder,
} from '../services/target-folders'

export interface TargetFolderStoreOptions {
  platform: NodeJS.Platform
  /** The download folder in effect now (Settings); always allowed. */
  configured: () => string | null
}

/** Enough for every folder a person picks in one session; the oldest are forgotten first. */
const grantLimit = 64

/**
 * The folders requests from the window may name as a place to write: the configured download
 * folder, plus every folder the user picked in one of main's native folder dialogs or confirmed
 * after dropping it on the window, for as long as the app runs. Everything else the window names
 * is refused (services/target-folders.ts).
 */
export class TargetFolderStore {
  private readonly granted: string[] = []

  constructor(private readonly options: TargetFolderStoreOptions) {}

  /** Records a folder the user chose in main (native dialog, confirmed drop). */
  grant(folder: string): void {
    const { platform } = this.options
    if (platform === 'win32' && isNetworkPath(folder)) return
    const key = folderKey(folder, platform)
    const existing = this.granted.findIndex((entry) => folderKey(entry, platform) === key)
    if (existing !== -1) this.granted.splice(existing, 1)
    this.granted.push(folder)
    if (this.granted.length > grantLimit) this.granted.shift()
  }

  /** The configured folder first, then the granted ones. */
  allowed(): string[] {
    const configured = this.options.configured()
    return configured === null ? [...this.granted] : [configured, ...this.granted]
  }

  check(folder: string): TargetFolderCheck {
    return checkTargetFolder(folder, this.allowed(), this.options.platform)
  }

  /** Throws `FolderNotAllowed` (or `InvalidInput` for a relative path) unless allowed. */
  require(folder: string): void {
    requireTargetFolder(folder, this.allowed(), this.options.platform)
  }
}
