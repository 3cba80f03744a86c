import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { Dialogs } from '../../../src/main/desktop/adapters/dialogs'
import type { FileOpenerOptions } from '../../../src/main/desktop/file-opener'
import { hasExecuteBit, openDownloadedFile } from '../../../src/main/desktop/file-opener'
import { FakeDialog } from './fakes/electron'

/** The opener on a fake native dialog that answers `responses` in turn. */
function opener(platform: NodeJS.Platform, responses: number[], executable = false) {
  const dialog = new FakeDialog<string>()
  dialog.responses = responses
  const dialogs = new Dialogs(dialog, () => 'window')
  const opened: string[] = []
  const options: FileOpenerOptions = {
    platform,
    open: (filePath) => {
      opened.push(filePath)
      return Promise.resolve(null)
    },
    confirm: (confirmation) => dialogs.confirmOpen(confirmation),
    language: () => 'en',
    isExecutable: () => Promise.resolve(executable),
  }
  return { dialog, opened, options }
}

describe('openDownloadedFile', () => {
  it('opens media at once, without a dialog', async () => {
    const { dialog, opened, options } = opener('win32', [])
    expect(await openDownloadedFile('D:\\Media\\master.mov', options)).toBeNull()
    expect(opened).toEqual(['D:\\Media\\master.mov'])
    expect(dialog.messageBoxes).toEqual([])
  })

  it('asks before a program opens, and declining opens nothing', async () => {
    const { dialog, opened, options } = opener('win32', [1])
    expect(await openDownloadedFile('D:\\Media\\clip.mp4.exe', options)).toBeNull()
    expect(opened).toEqual([])
    expect(dialog.messageBoxes).toHaveLength(1)
    expect(dialog.messageBoxes[0]).toMatchObject({
      parent: 'window',
      options: {
        type: 'warning',
        message: '“clip.mp4.exe” is a program, script or installer.',
        buttons: ['Open anyway', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
      },
    })
  })

  it('opens the program once the user confirms', async () => {
    const { opened, options } = opener('darwin', [0])
    expect(await openDownloadedFile('/Users/a/Downloads/Tool.app', options)).toBeNull()
    expect(opened).toEqual(['/Users/a/Downloads/Tool.app'])
  })

  it('asks for any executable file on macOS and Linux, not on Windows', async () => {
    const linux = opener('linux', [1], true)
    await openDownloadedFile('/home/a/clip', linux.options)
    expect(linux.dialog.messageBoxes).toHaveLength(1)
    expect(linux.opened).toEqual([])
    const windows = opener('win32', [], true)
    await openDownloadedFile('D:\\clip.mp4', windows.options)
    expect(windows.dialog.messageBoxes).toEqual([])
    expect(windows.opened).toEqual(['D:\\clip.mp4'])
  })
})

describe('hasExecuteBit', () => {
  it.skipIf(process.platform === 'win32')('reads the permission bits of a real file', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'vod-open-'))
    try {
      const file = path.join(root, 'clip')
      await writeFile(file, 'bytes')
      await chmod(file, 0o644)
      expect(await hasExecuteBit(file)).toBe(false)
      await chmod(file, 0o744)
      expect(await hasExecuteBit(file)).toBe(true)
      expect(await hasExecuteBit(path.join(root, 'missing'))).toBe(false)
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})
