import { describe, expect, it } from 'vitest'
import { Dialogs } from '../../../../src/main/desktop/adapters/dialogs'
import { dropFolderConfirmation } from '../../../../src/main/desktop/policies/drop-folder'
import { openConfirmation } from '../../../../src/main/desktop/policies/open-file'
import { quitConfirmation } from '../../../../src/main/desktop/policies/quit'
import { restartConfirmation } from '../../../../src/main/desktop/policies/update'
import { FakeDialog } from '../fakes/electron'

describe('Dialogs', () => {
  it('attaches to the window only while it is visible', async () => {
    const dialog = new FakeDialog<string>()
    let parent: string | null = 'window'
    const dialogs = new Dialogs(dialog, () => parent)
    dialog.responses = [0, 1]
    expect(await dialogs.confirmQuit(quitConfirmation(2, 'en'))).toBe(true)
    parent = null
    expect(await dialogs.confirmQuit(quitConfirmation(2, 'en'))).toBe(false)
    expect(dialog.messageBoxes.map((box) => box.parent)).toEqual(['window', null])
    expect(dialog.messageBoxes[0]?.options).toMatchObject({
      buttons: ['Stop and quit', 'Keep downloading'],
      cancelId: 1,
    })
  })

  it('asks the conflict policy once, with cancel as an answer', async () => {
    const dialog = new FakeDialog<string>()
    const dialogs = new Dialogs(dialog, () => null)
    dialog.responses = [0, 1, 2, 3]
    expect(await dialogs.askConflictPolicy(3, 'zh-CN')).toBe('rename')
    expect(await dialogs.askConflictPolicy(3, 'zh-CN')).toBe('skip')
    expect(await dialogs.askConflictPolicy(3, 'zh-CN')).toBe('overwrite')
    expect(await dialogs.askConflictPolicy(3, 'zh-CN')).toBeNull()
    expect(dialog.messageBoxes[0]?.options.message).toBe('目标文件夹中已有 3 个同名文件。')
  })

  it('asks before a restart would cut downloads off: wait, stop or cancel', async () => {
    const dialog = new FakeDialog<string>()
    const dialogs = new Dialogs(dialog, () => 'window')
    dialog.responses = [0, 1, 2]
    const confirmation = restartConfirmation(3, '0.2.0', 'en')
    expect(await dialogs.askRestart(confirmation)).toBe('wait')
    expect(await dialogs.askRestart(confirmation)).toBe('stop')
    expect(await dialogs.askRestart(confirmation)).toBe('cancel')
    expect(dialog.messageBoxes[0]?.options).toMatchObject({
      message: 'Restart to install VOD Downloader 0.2.0?',
      buttons: ['Restart when downloads finish', 'Stop downloads and restart', 'Cancel'],
      cancelId: 2,
    })
  })

  it('returns the chosen folder or null', async () => {
    const dialog = new FakeDialog<string>()
    const dialogs = new Dialogs(dialog, () => 'window')
    expect(await dialogs.chooseFolder('Pick', 'Choose')).toBeNull()
    dialog.openResult = { canceled: false, filePaths: ['/media/in'] }
    expect(await dialogs.chooseFolder('Pick', 'Choose', '/media')).toBe('/media/in')
    expect(dialog.openDialogs[1]?.options).toMatchObject({
      defaultPath: '/media',
      properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'],
    })
  })
})

describe('Dialogs confirmations', () => {
  it('opens a program only on the explicit answer', async () => {
    const dialog = new FakeDialog<string>()
    const dialogs = new Dialogs(dialog, () => null)
    dialog.responses = [1, 0]
    const confirmation = openConfirmation('setup.exe', 'en')
    expect(await dialogs.confirmOpen(confirmation)).toBe(false)
    expect(await dialogs.confirmOpen(confirmation)).toBe(true)
    expect(dialog.messageBoxes[0]?.options).toMatchObject({
      message: '“setup.exe” is a program, script or installer.',
      buttons: ['Open anyway', 'Cancel'],
      cancelId: 1,
    })
  })

  it('uses a dropped folder only on the explicit answer', async () => {
    const dialog = new FakeDialog<string>()
    const dialogs = new Dialogs(dialog, () => 'window')
    dialog.responses = [1, 0]
    const confirmation = dropFolderConfirmation('/media/in', 'en')
    expect(await dialogs.confirmDroppedFolder(confirmation)).toBe(false)
    expect(await dialogs.confirmDroppedFolder(confirmation)).toBe(true)
    expect(dialog.messageBoxes[1]).toMatchObject({
      parent: 'window',
      options: { message: 'Download into this folder from now on?', cancelId: 1 },
    })
  })
})
