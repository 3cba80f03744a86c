import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { DesktopServices } from '../../../src/main/desktop/shell-contract'
import { desktopFileActionsFor } from '../../../src/main/desktop/desktop-file-actions'
import { openDownloadedFile } from '../../../src/main/desktop/file-opener'
import { FilesService, filesHandlers } from '../../../src/main/services/files-service'
import type { FolderCheck } from '../../../src/main/desktop/policies/drop-folder'
import { toErrorData } from '../../../src/shared/errors'
import type { JobSnapshot } from '../../../src/shared/jobs'

const folder = resolve('/downloads')
const jobs = new Map<number, JobSnapshot>([
  [1, { id: 1, state: 'completed', directory: folder, fileName: 'Show/master.mov' } as JobSnapshot],
  [
    2,
    { id: 2, state: 'completed', directory: folder, fileName: 'Show/clip.mp4.exe' } as JobSnapshot,
  ],
])

/** The `files.*` handlers over the desktop actions, over services whose dialog always says no. */
function setup() {
  const asked: string[] = []
  const opened: string[] = []
  const services = {
    openFile: (filePath: string) =>
      openDownloadedFile(filePath, {
        platform: 'win32',
        open: (file) => {
          opened.push(file)
          return Promise.resolve(null)
        },
        confirm: (confirmation) => {
          asked.push(confirmation.message)
          return Promise.resolve(false)
        },
        language: () => 'en',
      }),
  } as Partial<DesktopServices> as DesktopServices
  const files = new FilesService({
    job: (id) => jobs.get(id),
    desktop: desktopFileActionsFor(() => services),
  })
  return { handlers: filesHandlers(files), asked, opened }
}

describe('desktopFileActionsFor', () => {
  it('routes the window’s files.open through the shell’s confirming opener', async () => {
    const { handlers, asked, opened } = setup()
    expect(await handlers['files.open']({ jobId: 1 })).toEqual({
      path: resolve(folder, 'Show/master.mov'),
      handled: true,
    })
    // Declined in the native box: nothing opens, and the window shows no path instead.
    expect(await handlers['files.open']({ jobId: 2 })).toEqual({
      path: resolve(folder, 'Show/clip.mp4.exe'),
      handled: true,
    })
    expect(asked).toEqual(['“clip.mp4.exe” is a program, script or installer.'])
    expect(opened).toEqual([resolve(folder, 'Show/master.mov')])
  })

  it('refuses until the window is connected', async () => {
    const shell = desktopFileActionsFor(() => {
      throw new Error('the window is not connected yet')
    })
    await expect(shell.openFile('/downloads/a.mp4')).rejects.toThrow('not connected')
  })
})

describe('desktopFileActionsFor dropped folders', () => {
  it('answers null when the user declines, and the folder when confirmed', async () => {
    let answer: FolderCheck | null = null
    const services = {
      setDownloadFolder: () => Promise.resolve(answer),
    } as Partial<DesktopServices> as DesktopServices
    const shell = desktopFileActionsFor(() => services)
    expect(await shell.useDroppedFolder('/media/in')).toBeNull()
    answer = { ok: true, path: '/media/in' }
    expect(await shell.useDroppedFolder('/media/in')).toBe('/media/in')
    answer = { ok: false, error: toErrorData('FolderNotAllowed', '\\\\server\\share') }
    await expect(shell.useDroppedFolder('\\\\server\\share')).rejects.toMatchObject({
      code: 'FolderNotAllowed',
    })
  })
})
