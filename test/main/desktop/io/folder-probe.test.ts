import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFolderProbe } from '../../../../src/main/desktop/io/folder-probe'
import { validateDownloadFolder } from '../../../../src/main/desktop/policies/drop-folder'

let root: string

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'vod-probe-'))
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('createFolderProbe', () => {
  it('tells directories, files and missing paths apart', async () => {
    const probe = createFolderProbe()
    const file = path.join(root, 'clip.mp4')
    await writeFile(file, 'x')
    expect(await probe.kind(root)).toBe('directory')
    expect(await probe.kind(file)).toBe('file')
    expect(await probe.kind(path.join(root, 'missing'))).toBe('missing')
    expect(await probe.kind(path.join(file, 'below-a-file'))).toBe('missing')
  })

  it('checks writability by writing, and cleans up after itself', async () => {
    const probe = createFolderProbe()
    expect(await probe.canWrite(root)).toBe(true)
    expect(await readdir(root)).toEqual([])
    expect(await probe.canWrite(path.join(root, 'missing'))).toBe(false)
    // A "folder" below a file cannot take a file, whatever the permissions (even for root).
    const file = path.join(root, 'clip.mp4')
    await writeFile(file, 'x')
    expect(await probe.canWrite(path.join(file, 'below'))).toBe(false)
  })

  it('accepts a dropped writable folder end to end', async () => {
    expect(await validateDownloadFolder([root], createFolderProbe())).toEqual({
      ok: true,
      path: root,
    })
  })
})
