import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { JobSnapshot, JobState } from '../../../src/shared/jobs'
import type { DesktopFileActions } from '../../../src/main/services/desktop-file-actions'
import { FilesService, jobFilePath } from '../../../src/main/services/files-service'
import { capabilitiesOf } from '../../../src/main/services/app-info'

const folder = resolve('/downloads')

function job(id: number, state: JobState, fileName: string): JobSnapshot {
  return { id, state, directory: folder, fileName } as JobSnapshot
}

const jobs = new Map([
  [1, job(1, 'completed', 'Title/HD.mp4')],
  [2, job(2, 'downloading', 'Title/SD.mp4')],
  [3, job(3, 'completed', '../../etc/passwd')],
])

/** A desktop that records what it was asked to do. */
function recordingDesktop(): DesktopFileActions & { calls: string[] } {
  const calls: string[] = []
  return {
    calls,
    revealFile: (path) => Promise.resolve(calls.push(`reveal ${path}`) > 0),
    openFile: (path) => Promise.resolve(calls.push(`open ${path}`) > 0),
    startDrag: (paths) => {
      calls.push(`drag ${paths.join(',')}`)
      return Promise.resolve()
    },
    chooseDirectory: (defaultPath) => {
      calls.push(`choose ${defaultPath ?? ''}`)
      return Promise.resolve('/picked')
    },
    exportFiles: (jobIds, mode) => {
      calls.push(`export ${mode} ${jobIds.join(',')}`)
      return Promise.resolve({
        canceled: false,
        transferred: jobIds.length,
        skipped: 0,
        failed: 0,
        bytesWritten: 0,
        destination: '/exports',
      })
    },
    useDroppedFolder: (path) => {
      calls.push(`drop ${path}`)
      return Promise.resolve(path)
    },
  }
}

describe('files service', () => {
  it('answers the path without acting when there is no desktop', async () => {
    const service = new FilesService({ job: (id) => jobs.get(id), desktop: undefined })
    expect(await service.reveal(1)).toEqual({
      path: join(folder, 'Title', 'HD.mp4'),
      handled: false,
    })
    expect(await service.open(2)).toEqual({ path: join(folder, 'Title', 'SD.mp4'), handled: false })
    await expect(service.startDrag([1])).rejects.toMatchObject({ code: 'Unsupported' })
    await expect(service.chooseDirectory(undefined)).rejects.toMatchObject({ code: 'Unsupported' })
    await expect(service.reveal(99)).rejects.toMatchObject({ code: 'NotFound' })
  })

  it('lets a desktop act on finished files only', async () => {
    const desktop = recordingDesktop()
    const service = new FilesService({ job: (id) => jobs.get(id), desktop })
    expect(await service.open(1)).toMatchObject({ handled: true })
    await expect(service.open(2)).rejects.toMatchObject({ code: 'FileMissing' })
    await service.startDrag([1, 2])
    await expect(service.startDrag([2])).rejects.toMatchObject({ code: 'FileMissing' })
    expect(await service.chooseDirectory('/start')).toBe('/picked')
    expect(desktop.calls).toEqual([
      `open ${join(folder, 'Title', 'HD.mp4')}`,
      `drag ${join(folder, 'Title', 'HD.mp4')}`,
      'choose /start',
    ])
  })

  it('never resolves a stored name outside the job folder', () => {
    expect(() => jobFilePath(jobs.get(3)!)).toThrow(/escapes the download folder/)
    expect(() => jobFilePath(job(4, 'queued', ''))).toThrow(
      expect.objectContaining({ code: 'FileMissing' }),
    )
  })

  it('states what each shell can do', () => {
    expect(Object.values(capabilitiesOf('headless', false)).every((value) => !value)).toBe(true)
    expect(capabilitiesOf('electron', true)).toEqual({
      revealFiles: true,
      openFiles: true,
      dragFiles: true,
      chooseDirectory: true,
      tray: true,
      startAtLogin: true,
    })
    expect(capabilitiesOf('electron', false)).toMatchObject({ revealFiles: false, tray: true })
  })

  it('exports only finished files, through the desktop, and refuses without one', async () => {
    const desktop = recordingDesktop()
    const service = new FilesService({ job: (id) => jobs.get(id), desktop })
    expect((await service.exportFiles([1, 2], 'move')).transferred).toBe(1)
    expect(desktop.calls).toContain('export move 1')
    await expect(service.exportFiles([2], 'copy')).rejects.toMatchObject({ code: 'FileMissing' })
    expect(await service.useDroppedFolder('/media/editor/Masters')).toBe('/media/editor/Masters')
    const headless = new FilesService({ job: (id) => jobs.get(id), desktop: undefined })
    await expect(headless.exportFiles([1], 'copy')).rejects.toMatchObject({ code: 'Unsupported' })
    await expect(headless.useDroppedFolder('/x')).rejects.toMatchObject({ code: 'Unsupported' })
  })
})
