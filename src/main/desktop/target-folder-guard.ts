import type { Handlers } from '../../shared/contract'

/** What the guard asks of the folder store (target-folder-store.ts). */
export interface TargetFolderGate {
  /** Throws unless the window may name this folder as a place to write. */
  require(folder: string): void
}

/**
 * Wraps the contract's handlers so that every request naming a folder to write into is checked
 * against the folders the user chose, in main, before the service runs: the download folder in
 * `settings.update`, the folder override of `downloads.enqueue` and
 * `downloads.enqueueSelection`, and the folder of a backup (`backups.save`). (`files.export`
 * names no folder: main asks for it in a native dialog; `dialog.useDroppedFolder` is confirmed in
 * a native box; `lists.import` writes into the download folder.)
 */
export function guardTargetFolders(handlers: Handlers, gate: TargetFolderGate): Handlers {
  return {
    ...handlers,
    'settings.update': async (patch) => {
      if (patch.downloadDirectory !== undefined) gate.require(patch.downloadDirectory)
      return handlers['settings.update'](patch)
    },
    'downloads.enqueue': async (input) => {
      if (input.directory !== undefined) gate.require(input.directory)
      return handlers['downloads.enqueue'](input)
    },
    'downloads.enqueueSelection': async (input) => {
      if (input.directory !== undefined) gate.require(input.directory)
      return handlers['downloads.enqueueSelection'](input)
    },
    // A backup writes into its folder on every run, with no window in the loop.
    'backups.save': async (input) => {
      gate.require(input.folder)
      return handlers['backups.save'](input)
    },
  }
}
