import type { MessageBoxOptions, OpenDialogOptions } from 'electron'
import type { Language } from '../../../shared/errors'
import type { DropFolderConfirmation } from '../policies/drop-folder'
import type { ConflictPolicy } from '../policies/export-plan'
import type { OpenConfirmation } from '../policies/open-file'
import type { QuitConfirmation } from '../policies/quit'
import type { RestartChoice, RestartConfirmation } from '../policies/update'
import { restartChoiceOf } from '../policies/update'
import { desktopStrings } from '../strings'

/** The parts of Electron's `dialog` the shell uses. `Parent` is `BrowserWindow` in production. */
export interface DialogLike<Parent> {
  showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>
  showMessageBox(parent: Parent, options: MessageBoxOptions): Promise<{ response: number }>
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>
  showOpenDialog(
    parent: Parent,
    options: OpenDialogOptions,
  ): Promise<{ canceled: boolean; filePaths: string[] }>
}

/**
 * Dialogs attach to the window as a sheet only when it is visible: asked from the tray while the
 * window is hidden, an attached sheet would be invisible and the quit would hang on it.
 */
export class Dialogs<Parent> {
  constructor(
    private readonly dialog: DialogLike<Parent>,
    private readonly visibleParent: () => Parent | null,
  ) {}

  /** The quit confirmation; true to pause and quit. */
  async confirmQuit(confirmation: QuitConfirmation): Promise<boolean> {
    const { response } = await this.messageBox({
      type: 'question',
      message: confirmation.message,
      detail: confirmation.detail,
      buttons: [...confirmation.buttons],
      defaultId: confirmation.defaultId,
      cancelId: confirmation.cancelId,
      noLink: true,
    })
    return response === confirmation.defaultId
  }

  /** "Restart now" while downloads run: restart when they finish, stop them now, or cancel. */
  async askRestart(confirmation: RestartConfirmation): Promise<RestartChoice> {
    const { response } = await this.messageBox({
      type: 'question',
      message: confirmation.message,
      detail: confirmation.detail,
      buttons: [...confirmation.buttons],
      defaultId: confirmation.defaultId,
      cancelId: confirmation.cancelId,
      noLink: true,
    })
    return restartChoiceOf(response)
  }

  /** Asks once how to treat files that already exist; `null` cancels the export. */
  async askConflictPolicy(conflicts: number, language: Language): Promise<ConflictPolicy | null> {
    const strings = desktopStrings(language)
    const choices: (ConflictPolicy | null)[] = ['rename', 'skip', 'overwrite', null]
    const { response } = await this.messageBox({
      type: 'question',
      message: strings.conflictMessage(conflicts),
      detail: strings.conflictDetail,
      buttons: [
        strings.conflictRename,
        strings.conflictSkip,
        strings.conflictOverwrite,
        strings.conflictCancel,
      ],
      defaultId: 0,
      cancelId: 3,
      noLink: true,
    })
    return choices[response] ?? null
  }

  /**
   * Asks before a program, script or installer opens; true only when the user picked "Open
   * anyway". Closing the box (Esc, the close button) is the cancel answer.
   */
  async confirmOpen(confirmation: OpenConfirmation): Promise<boolean> {
    const { response } = await this.messageBox({
      type: 'warning',
      message: confirmation.message,
      detail: confirmation.detail,
      buttons: [...confirmation.buttons],
      defaultId: confirmation.defaultId,
      cancelId: confirmation.cancelId,
      noLink: true,
    })
    return response === confirmation.openId
  }

  /** Asks before a dropped folder becomes the download folder; true to use it. */
  async confirmDroppedFolder(confirmation: DropFolderConfirmation): Promise<boolean> {
    const { response } = await this.messageBox({
      type: 'question',
      message: confirmation.message,
      detail: confirmation.detail,
      buttons: [...confirmation.buttons],
      defaultId: confirmation.defaultId,
      cancelId: confirmation.cancelId,
      noLink: true,
    })
    return response === confirmation.useId
  }

  /** A folder picker; `null` when canceled. */
  async chooseFolder(
    title: string,
    buttonLabel: string,
    defaultPath?: string,
  ): Promise<string | null> {
    const options: OpenDialogOptions = {
      title,
      buttonLabel,
      properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'],
    }
    if (defaultPath) options.defaultPath = defaultPath
    const parent = this.visibleParent()
    const result = parent
      ? await this.dialog.showOpenDialog(parent, options)
      : await this.dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  }

  private messageBox(options: MessageBoxOptions): Promise<{ response: number }> {
    const parent = this.visibleParent()
    return parent
      ? this.dialog.showMessageBox(parent, options)
      : this.dialog.showMessageBox(options)
  }
}
