import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { FolderProbe, PathKind } from '../../../../src/main/desktop/policies/drop-folder'
import {
  dropFolderConfirmation,
  validateDownloadFolder,
} from '../../../../src/main/desktop/policies/drop-folder'

function probe(kinds: Record<string, PathKind>, writable: readonly string[] = []): FolderProbe {
  return {
    kind: (candidate) => Promise.resolve(kinds[candidate] ?? 'missing'),
    canWrite: (directory) => Promise.resolve(writable.includes(directory)),
  }
}

describe('validateDownloadFolder', () => {
  it('accepts a writable directory', async () => {
    expect(
      await validateDownloadFolder(
        ['/media/in'],
        probe({ '/media/in': 'directory' }, ['/media/in']),
        path.posix,
      ),
    ).toEqual({
      ok: true,
      path: '/media/in',
    })
  })

  it('takes the first usable folder among several dropped items', async () => {
    const result = await validateDownloadFolder(
      ['/media/clip.mp4', '/media/ro', '/media/ok'],
      probe({ '/media/clip.mp4': 'file', '/media/ro': 'directory', '/media/ok': 'directory' }, [
        '/media/ok',
      ]),
      path.posix,
    )
    expect(result).toEqual({ ok: true, path: '/media/ok' })
  })

  it('explains why a drop was refused', async () => {
    const file = await validateDownloadFolder(
      ['/media/clip.mp4'],
      probe({ '/media/clip.mp4': 'file' }),
      path.posix,
    )
    expect(file).toMatchObject({ ok: false, error: { code: 'InvalidInput' } })
    const readOnly = await validateDownloadFolder(
      ['/media/ro'],
      probe({ '/media/ro': 'directory' }),
      path.posix,
    )
    expect(readOnly).toMatchObject({
      ok: false,
      error: { code: 'FilePermission', detail: '/media/ro' },
    })
    const missing = await validateDownloadFolder(['/gone'], probe({}), path.posix)
    expect(missing).toMatchObject({ ok: false, error: { code: 'FileMissing' } })
    const denied = await validateDownloadFolder(
      ['/secret'],
      probe({ '/secret': 'inaccessible' }),
      path.posix,
    )
    expect(denied).toMatchObject({ ok: false, error: { code: 'FilePermission' } })
    const relative = await validateDownloadFolder(['media'], probe({}), path.posix)
    expect(relative).toMatchObject({ ok: false, error: { code: 'InvalidInput' } })
    expect(await validateDownloadFolder([], probe({}), path.posix)).toMatchObject({
      ok: false,
      error: { code: 'InvalidInput' },
    })
  })
})

describe('validateDownloadFolder on Windows', () => {
  it('refuses a network path before anything looks at it', async () => {
    const looked: string[] = []
    const recording: FolderProbe = {
      kind: (candidate) => {
        looked.push(candidate)
        return Promise.resolve('directory')
      },
      canWrite: () => Promise.resolve(true),
    }
    for (const share of ['\\\\attacker\\share', '//attacker/share', '\\\\?\\UNC\\attacker\\x']) {
      const result = await validateDownloadFolder([share], recording, path.win32, 'win32')
      expect(result, share).toMatchObject({ ok: false, error: { code: 'FolderNotAllowed' } })
    }
    expect(looked).toEqual([])
    expect(await validateDownloadFolder(['D:\\Media'], recording, path.win32, 'win32')).toEqual({
      ok: true,
      path: 'D:\\Media',
    })
  })
})

describe('dropFolderConfirmation', () => {
  it('shows the folder and offers to use it or cancel', () => {
    expect(dropFolderConfirmation('D:\\Media', 'en')).toEqual({
      message: 'Download into this folder from now on?',
      detail: 'D:\\Media',
      buttons: ['Use this folder', 'Cancel'],
      useId: 0,
      cancelId: 1,
      defaultId: 0,
    })
    expect(dropFolderConfirmation('D:\\Media', 'zh-CN').buttons).toEqual(['使用此文件夹', '取消'])
  })
})
