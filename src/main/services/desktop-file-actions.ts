import type { ExportResult } from '../../shared/contract'

/**
 * What only a desktop shell can do with files. The Electron shell implements it (shell,
 * dialog and webContents.startDrag); the headless host leaves it out, and the services then
 * answer with the path (`handled: false`) or `Unsupported`.
 */
export interface DesktopFileActions {
  /** Shows the file selected in the system file manager; false when it could not. */
  revealFile(path: string): Promise<boolean>
  /** Opens the file with its default application; false when it could not. */
  openFile(path: string): Promise<boolean>
  /**
   * Starts a native drag of these finished files out of the window that asked. The shell binds
   * this to the window whose request it is handling.
   */
  startDrag(paths: readonly string[]): Promise<void>
  /** A native folder picker; null when the user canceled. */
  chooseDirectory(defaultPath: string | undefined): Promise<string | null>
  /** Copies or moves finished files into a folder the user picks, asking once about conflicts. */
  exportFiles(jobIds: readonly number[], mode: 'copy' | 'move'): Promise<ExportResult>
  /**
   * Validates a dropped folder (a writable directory) and, once the user confirms, makes it the
   * download folder; null when the user declined.
   */
  useDroppedFolder(path: string): Promise<string | null>
}
