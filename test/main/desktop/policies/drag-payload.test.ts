import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildDragPayload, jobFilePath } from '../../../../src/main/desktop/policies/drag-payload'
import { makeJob } from '../fakes/downloads'

describe('buildDragPayload', () => {
  const onDisk = new Set(['/media/a.mp4', '/media/sub/b.mp4'])
  const exists = (file: string): boolean => onDisk.has(file)

  it('includes only completed jobs whose final file exists', () => {
    const payload = buildDragPayload(
      [
        makeJob({ state: 'completed', directory: '/media', fileName: 'a.mp4' }),
        makeJob({ state: 'completed', directory: '/media', fileName: 'sub/b.mp4' }),
        makeJob({ state: 'completed', directory: '/media', fileName: 'deleted.mp4' }),
        makeJob({ state: 'downloading', directory: '/media', fileName: 'a.mp4' }),
      ],
      exists,
      'darwin',
    )
    expect(payload).toEqual({
      file: '/media/a.mp4',
      files: ['/media/a.mp4', '/media/sub/b.mp4'],
      icon: 'drag-files',
      windowsMultipleFileCaveat: false,
    })
  })

  it('returns null rather than an empty drag', () => {
    expect(
      buildDragPayload(
        [makeJob({ state: 'verifying', directory: '/media', fileName: 'a.mp4' })],
        exists,
        'linux',
      ),
    ).toBeNull()
    expect(buildDragPayload([], exists, 'linux')).toBeNull()
  })

  it('uses the single-file icon and de-duplicates selections', () => {
    const job = makeJob({ state: 'completed', directory: '/media', fileName: 'a.mp4' })
    expect(buildDragPayload([job, job], exists, 'linux')).toMatchObject({
      files: ['/media/a.mp4'],
      icon: 'drag-file',
    })
  })

  it('flags multi-file drags on Windows (electron/electron#9019)', () => {
    const jobs = [
      makeJob({ state: 'completed', directory: 'C:\\Media', fileName: 'a.mp4' }),
      makeJob({ state: 'completed', directory: 'C:\\Media', fileName: 'B.mp4' }),
      makeJob({ state: 'completed', directory: 'C:\\media', fileName: 'b.MP4' }),
    ]
    const payload = buildDragPayload(jobs, () => true, 'win32', path.win32)
    expect(payload).toMatchObject({
      files: ['C:\\Media\\a.mp4', 'C:\\Media\\B.mp4'],
      windowsMultipleFileCaveat: true,
    })
  })
})

describe('jobFilePath', () => {
  it('joins the directory and the templated file name', () => {
    expect(jobFilePath({ directory: '/media', fileName: 'show/ep1.mp4' }, path.posix)).toBe(
      '/media/show/ep1.mp4',
    )
  })
})
