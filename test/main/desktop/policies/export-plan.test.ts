import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type {
  ExportPlanInput,
  ExportSource,
} from '../../../../src/main/desktop/policies/export-plan'
import {
  firstFreeName,
  planExport,
  safeRelativeName,
} from '../../../../src/main/desktop/policies/export-plan'
import { makeJob } from '../fakes/downloads'

function source(
  fileName: string,
  size: number | null = 100,
  directory = '/downloads',
): ExportSource {
  const job = makeJob({ state: 'completed', directory, fileName, totalBytes: size })
  return { job, path: path.posix.join(directory, fileName), size }
}

function input(patch: Partial<ExportPlanInput>): ExportPlanInput {
  return {
    sources: [],
    destination: '/export',
    mode: 'copy',
    name: (item) => item.job.fileName,
    conflictPolicy: null,
    exists: () => false,
    caseInsensitive: false,
    pathApi: path.posix,
    ...patch,
  }
}

describe('planExport', () => {
  it('plans one transfer per file with the template name and total size', () => {
    const plan = planExport(
      input({
        sources: [source('a.mp4', 100), source('b.jpg', null)],
        mode: 'move',
        name: (item) => `Show/${item.job.fileName}`,
      }),
    )
    expect(plan).toMatchObject({
      kind: 'ready',
      totalBytes: 100,
      operations: [
        {
          kind: 'transfer',
          mode: 'move',
          source: '/downloads/a.mp4',
          target: '/export/Show/a.mp4',
          replace: false,
        },
        {
          kind: 'transfer',
          mode: 'move',
          source: '/downloads/b.jpg',
          target: '/export/Show/b.jpg',
          bytes: null,
        },
      ],
    })
  })

  it('asks once when files already exist, listing every conflict', () => {
    const existing = new Set(['/export/a.mp4', '/export/b.mp4'])
    const plan = planExport(
      input({
        sources: [source('a.mp4'), source('b.mp4'), source('c.mp4')],
        exists: (file) => existing.has(file),
      }),
    )
    expect(plan).toEqual({
      kind: 'needs-conflict-policy',
      conflicts: ['/export/a.mp4', '/export/b.mp4'],
    })
  })

  it('applies skip, rename and overwrite', () => {
    const existing = new Set(['/export/a.mp4', '/export/a (1).mp4'])
    const base = input({ sources: [source('a.mp4')], exists: (file) => existing.has(file) })
    expect(planExport({ ...base, conflictPolicy: 'skip' })).toMatchObject({
      operations: [{ kind: 'skip', reason: 'exists', target: '/export/a.mp4' }],
      totalBytes: 0,
    })
    expect(planExport({ ...base, conflictPolicy: 'rename' })).toMatchObject({
      operations: [
        { kind: 'transfer', target: '/export/a (2).mp4', replace: false, onConflict: 'rename' },
      ],
    })
    expect(planExport({ ...base, conflictPolicy: 'overwrite' })).toMatchObject({
      operations: [
        // Replacing covers the files asked about; one that appears later is kept (numbered).
        { kind: 'transfer', target: '/export/a.mp4', replace: true, onConflict: 'rename' },
      ],
    })
  })

  it('keeps two selections with the same target name apart without asking', () => {
    const plan = planExport(
      input({
        sources: [source('x.mp4', 1, '/one'), source('x.mp4', 1, '/two')],
        name: () => 'clip.mp4',
      }),
    )
    expect(plan).toMatchObject({
      kind: 'ready',
      operations: [{ target: '/export/clip.mp4' }, { target: '/export/clip (1).mp4' }],
    })
  })

  it('treats names that differ only by case as the same file on case-insensitive systems', () => {
    const plan = planExport(
      input({
        sources: [source('A.mp4', 1, '/one'), source('a.mp4', 1, '/two')],
        caseInsensitive: true,
      }),
    )
    expect(plan).toMatchObject({
      operations: [{ target: '/export/A.mp4' }, { target: '/export/a (1).mp4' }],
    })
  })

  it('skips duplicates, files already in place and names that escape the folder', () => {
    const same = source('a.mp4', 1, '/export')
    const plan = planExport(
      input({
        sources: [source('a.mp4'), source('a.mp4'), same, source('evil.mp4')],
        name: (item) =>
          item.job.fileName === 'evil.mp4' ? '../../etc/evil.mp4' : item.job.fileName,
      }),
    )
    expect(plan).toMatchObject({
      kind: 'ready',
      operations: [
        { kind: 'transfer', target: '/export/a.mp4' },
        { kind: 'skip', reason: 'duplicate-source' },
        { kind: 'skip', reason: 'same-file' },
        { kind: 'skip', reason: 'invalid-name' },
      ],
    })
  })

  it('works with Windows paths', () => {
    const job = makeJob({ state: 'completed', directory: 'C:\\Downloads', fileName: 'a.mp4' })
    const plan = planExport(
      input({
        sources: [{ job, path: 'C:\\Downloads\\a.mp4', size: 5 }],
        destination: 'D:\\Edit',
        name: () => 'Show/a.mp4',
        pathApi: path.win32,
        caseInsensitive: true,
      }),
    )
    expect(plan).toMatchObject({ operations: [{ target: 'D:\\Edit\\Show\\a.mp4' }] })
  })
})

describe('safeRelativeName', () => {
  it('normalizes and refuses escapes', () => {
    expect(safeRelativeName('Show//./ep1.mp4', path.posix)).toBe('Show/ep1.mp4')
    expect(safeRelativeName('a/../b.mp4', path.posix)).toBe('b.mp4')
    expect(safeRelativeName('../b.mp4', path.posix)).toBeNull()
    expect(safeRelativeName('/etc/passwd', path.posix)).toBeNull()
    expect(safeRelativeName('C:\\Windows\\x.dll', path.posix)).toBeNull()
    expect(safeRelativeName('  ', path.posix)).toBeNull()
    expect(safeRelativeName('a\0b', path.posix)).toBeNull()
    expect(safeRelativeName('..\\x.mp4', path.win32)).toBeNull()
  })
})

describe('firstFreeName', () => {
  it('numbers the stem and keeps the extension', () => {
    const taken = new Set(['/x/clip (1).mp4'])
    expect(firstFreeName('/x/clip.mp4', (file) => taken.has(file), path.posix)).toBe(
      '/x/clip (2).mp4',
    )
    expect(firstFreeName('/x/README', () => false, path.posix)).toBe('/x/README (1)')
  })
})
