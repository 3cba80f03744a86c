import { mkdtemp, readFile, readdir, rm, stat, utimes, writeFile, mkdir } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import type * as FsPromises from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ExportProgress } from '../../../../src/main/desktop/io/export-executor'
import { executeExportPlan, fileErrorData } from '../../../../src/main/desktop/io/export-executor'
import type {
  ConflictPolicy,
  ExportPlan,
  ExportSource,
  TransferMode,
} from '../../../../src/main/desktop/policies/export-plan'
import { planExport } from '../../../../src/main/desktop/policies/export-plan'
import { makeJob } from '../fakes/downloads'

/**
 * Volumes as the tests want them: with `from`, the download folder is another volume than the
 * export folder (a hard link or rename from one to the other fails with EXDEV, as across
 * devices); with `noHardLinks`, hard links fail with EPERM, as on FAT or exFAT.
 */
const crossDevice = vi.hoisted(() => ({ from: null as string | null, noHardLinks: false }))

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>()
  const guarded =
    <Args extends [string, string]>(operation: (...args: Args) => Promise<void>) =>
    (...args: Args): Promise<void> => {
      const from = crossDevice.from
      if (from !== null && args[0].startsWith(from) && !args[1].startsWith(from)) {
        const error = Object.assign(new Error(`EXDEV: cross-device link, ${args[0]}`), {
          code: 'EXDEV',
        })
        return Promise.reject(error)
      }
      return operation(...args)
    }
  return {
    ...actual,
    link: guarded((from: string, to: string) =>
      crossDevice.noHardLinks
        ? Promise.reject(Object.assign(new Error('EPERM: no hard links'), { code: 'EPERM' }))
        : actual.link(from, to),
    ),
    rename: guarded((from: string, to: string) => actual.rename(from, to)),
  }
})

let root: string
let downloads: string
let destination: string

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'vod-export-'))
  downloads = path.join(root, 'downloads')
  destination = path.join(root, 'export')
  await mkdir(downloads)
  await mkdir(destination)
})

afterEach(async () => {
  crossDevice.from = null
  crossDevice.noHardLinks = false
  await rm(root, { recursive: true, force: true })
})

async function finished(fileName: string, content: string): Promise<ExportSource> {
  const filePath = path.join(downloads, fileName)
  await mkdir(path.dirname(filePath), { recursive: true })
  await writeFile(filePath, content)
  const job = makeJob({
    state: 'completed',
    directory: downloads,
    fileName,
    totalBytes: content.length,
  })
  return { job, path: filePath, size: content.length }
}

function plan(
  sources: ExportSource[],
  mode: TransferMode,
  conflictPolicy: ConflictPolicy | null = null,
  name = (item: ExportSource) => item.job.fileName,
): ExportPlan {
  return planExport({
    sources,
    destination,
    mode,
    name,
    conflictPolicy,
    exists: existsSync,
    caseInsensitive: false,
  })
}

function ready(value: ExportPlan): Extract<ExportPlan, { kind: 'ready' }> {
  if (value.kind !== 'ready') throw new Error('plan needs a conflict policy')
  return value
}

describe('executeExportPlan', () => {
  it('copies files into sub-folders, keeping sources, modification times and reporting progress', async () => {
    const a = await finished('a.mp4', 'aaaa')
    const b = await finished('b.jpg', 'bb')
    const past = new Date('2024-01-02T03:04:05Z')
    await utimes(a.path, past, past)
    const progress: ExportProgress[] = []
    const summary = await executeExportPlan(
      ready(plan([a, b], 'copy', null, (item) => `Show/${item.job.fileName}`)),
      {
        onProgress: (update) => progress.push(update),
      },
    )
    expect(summary.failed).toEqual([])
    expect(summary.transferred.map((item) => path.relative(destination, item.target))).toEqual([
      path.join('Show', 'a.mp4'),
      path.join('Show', 'b.jpg'),
    ])
    expect(summary.bytesWritten).toBe(6)
    expect(await readFile(path.join(destination, 'Show', 'a.mp4'), 'utf8')).toBe('aaaa')
    expect(existsSync(a.path)).toBe(true)
    expect((await stat(path.join(destination, 'Show', 'a.mp4'))).mtime.getTime()).toBe(
      past.getTime(),
    )
    expect(progress.at(-1)).toMatchObject({ bytesDone: 6, totalBytes: 6, operationCount: 2 })
    // No temporary files are left behind.
    expect(await readdir(path.join(destination, 'Show'))).toEqual(['a.mp4', 'b.jpg'])
  })

  it('moves files out of the download folder', async () => {
    const a = await finished('a.mp4', 'data')
    const summary = await executeExportPlan(ready(plan([a], 'move')))
    expect(summary.transferred).toEqual([
      { jobId: a.job.id, mode: 'move', source: a.path, target: path.join(destination, 'a.mp4') },
    ])
    expect(existsSync(a.path)).toBe(false)
    expect(await readFile(path.join(destination, 'a.mp4'), 'utf8')).toBe('data')
  })

  it('applies the conflict policy asked once', async () => {
    const a = await finished('a.mp4', 'new')
    await writeFile(path.join(destination, 'a.mp4'), 'old')
    expect(plan([a], 'copy').kind).toBe('needs-conflict-policy')

    const skipped = await executeExportPlan(ready(plan([a], 'copy', 'skip')))
    expect(skipped.skipped).toMatchObject([{ reason: 'exists' }])
    expect(await readFile(path.join(destination, 'a.mp4'), 'utf8')).toBe('old')

    const renamed = await executeExportPlan(ready(plan([a], 'copy', 'rename')))
    expect(path.basename(renamed.transferred[0]?.target ?? '')).toBe('a (1).mp4')

    const replaced = await executeExportPlan(ready(plan([a], 'copy', 'overwrite')))
    expect(replaced.transferred).toHaveLength(1)
    expect(await readFile(path.join(destination, 'a.mp4'), 'utf8')).toBe('new')
  })

  it('re-applies the policy when a file appears between planning and running', async () => {
    const a = await finished('a.mp4', 'new')
    const planned = ready(plan([a], 'copy', 'rename'))
    await writeFile(path.join(destination, 'a.mp4'), 'sneaked in')
    const summary = await executeExportPlan(planned)
    expect(path.basename(summary.transferred[0]?.target ?? '')).toBe('a (1).mp4')
    expect(await readFile(path.join(destination, 'a.mp4'), 'utf8')).toBe('sneaked in')
  })

  it('never replaces a file that appears after the last look, whether copying or moving', async () => {
    // The executor believes the name is free (as if the file arrived right after it looked).
    const blind = { exists: () => false }
    for (const mode of ['copy', 'move'] as const) {
      for (const policy of ['rename', 'skip', 'overwrite'] as const) {
        const name = `${mode}-${policy}.mp4`
        const source = await finished(name, 'new')
        const planned = ready(plan([source], mode, policy))
        await writeFile(path.join(destination, name), 'sneaked in')
        const summary = await executeExportPlan(planned, blind)
        expect(await readFile(path.join(destination, name), 'utf8')).toBe('sneaked in')
        expect(summary.failed).toEqual([])
        if (policy === 'skip') {
          expect(summary.skipped).toMatchObject([{ reason: 'exists' }])
          expect(existsSync(source.path)).toBe(true)
        } else {
          // "Replace" was chosen for the files asked about; this one was not among them.
          const target = path.join(destination, `${mode}-${policy} (1).mp4`)
          expect(summary.transferred).toMatchObject([{ target }])
          expect(await readFile(target, 'utf8')).toBe('new')
          expect(existsSync(source.path)).toBe(mode === 'copy')
        }
      }
    }
    expect((await readdir(destination)).filter((entry) => entry.startsWith('.'))).toEqual([])
  })

  it('takes names by an exclusive create where the volume has no hard links', async () => {
    crossDevice.noHardLinks = true
    const copied = await finished('copied.mp4', 'one')
    const moved = await finished('moved.mp4', 'two')
    const planned = ready(plan([copied], 'copy', 'rename'))
    const plannedMove = ready(plan([moved], 'move', 'rename'))
    await writeFile(path.join(destination, 'copied.mp4'), 'sneaked in')
    await writeFile(path.join(destination, 'moved.mp4'), 'sneaked in too')
    const summary = await executeExportPlan(planned, { exists: () => false })
    const summaryMove = await executeExportPlan(plannedMove, { exists: () => false })
    expect([...summary.failed, ...summaryMove.failed]).toEqual([])
    expect(await readFile(path.join(destination, 'copied.mp4'), 'utf8')).toBe('sneaked in')
    expect(await readFile(path.join(destination, 'moved.mp4'), 'utf8')).toBe('sneaked in too')
    expect(await readFile(path.join(destination, 'copied (1).mp4'), 'utf8')).toBe('one')
    expect(await readFile(path.join(destination, 'moved (1).mp4'), 'utf8')).toBe('two')
    expect(existsSync(moved.path)).toBe(false)
    expect((await readdir(destination)).sort()).toEqual([
      'copied (1).mp4',
      'copied.mp4',
      'moved (1).mp4',
      'moved.mp4',
    ])
  })

  it('moves across volumes by an exclusive, flushed copy, then removes the source', async () => {
    crossDevice.from = downloads
    const a = await finished('a.mp4', 'alpha')
    const b = await finished('b.mp4', 'beta')
    const past = new Date('2024-01-02T03:04:05Z')
    await utimes(a.path, past, past)
    const inode = (await stat(a.path)).ino
    const planned = ready(plan([a, b], 'move', 'rename'))
    await writeFile(path.join(destination, 'b.mp4'), 'sneaked in')
    const summary = await executeExportPlan(planned, { exists: () => false })
    expect(summary.failed).toEqual([])
    expect(summary.transferred.map((item) => path.basename(item.target))).toEqual([
      'a.mp4',
      'b (1).mp4',
    ])
    expect(await readFile(path.join(destination, 'a.mp4'), 'utf8')).toBe('alpha')
    // A copy (a new file), not a rename: the simulated volumes held.
    expect((await stat(path.join(destination, 'a.mp4'))).ino).not.toBe(inode)
    expect((await stat(path.join(destination, 'a.mp4'))).mtime.getTime()).toBe(past.getTime())
    expect(await readFile(path.join(destination, 'b.mp4'), 'utf8')).toBe('sneaked in')
    expect(await readFile(path.join(destination, 'b (1).mp4'), 'utf8')).toBe('beta')
    expect(existsSync(a.path)).toBe(false)
    expect(existsSync(b.path)).toBe(false)
    expect(summary.bytesWritten).toBe(9)
    expect((await readdir(destination)).sort()).toEqual(['a.mp4', 'b (1).mp4', 'b.mp4'])
  })

  it('replaces across volumes only the file the user chose to replace', async () => {
    crossDevice.from = downloads
    const a = await finished('a.mp4', 'new')
    await writeFile(path.join(destination, 'a.mp4'), 'old')
    const summary = await executeExportPlan(ready(plan([a], 'move', 'overwrite')))
    expect(summary.transferred).toMatchObject([{ target: path.join(destination, 'a.mp4') }])
    expect(await readFile(path.join(destination, 'a.mp4'), 'utf8')).toBe('new')
    expect(existsSync(a.path)).toBe(false)
    expect(await readdir(destination)).toEqual(['a.mp4'])
  })

  it('moves a folder output without replacing a folder of the same name', async () => {
    const folder = path.join(downloads, 'lecture')
    await mkdir(folder)
    await writeFile(path.join(folder, 'index.m3u8'), '#EXTM3U\n')
    await writeFile(path.join(folder, '0.ts'), 'ts')
    const job = makeJob({ state: 'completed', directory: downloads, fileName: 'lecture' })
    const source: ExportSource = { job, path: folder, size: 2 }
    const planned = ready(plan([source], 'move', 'rename'))
    // An empty folder of the same name, made after the plan: it stays, empty, and the move is numbered.
    await mkdir(path.join(destination, 'lecture'))
    const summary = await executeExportPlan(planned, { exists: () => false })
    expect(summary.transferred).toMatchObject([{ target: path.join(destination, 'lecture (1)') }])
    expect(await readdir(path.join(destination, 'lecture'))).toEqual([])
    expect((await readdir(path.join(destination, 'lecture (1)'))).sort()).toEqual([
      '0.ts',
      'index.m3u8',
    ])
    expect(existsSync(folder)).toBe(false)
  })

  it('records a failure and carries on with the next file', async () => {
    const gone = await finished('gone.mp4', 'x')
    const kept = await finished('kept.mp4', 'y')
    const planned = ready(plan([gone, kept], 'copy'))
    await rm(gone.path)
    const summary = await executeExportPlan(planned)
    expect(summary.failed).toMatchObject([{ jobId: gone.job.id, error: { code: 'FileMissing' } }])
    expect(summary.transferred.map((item) => path.basename(item.target))).toEqual(['kept.mp4'])
    expect(await readdir(destination)).toEqual(['kept.mp4'])
  })

  it('stops when canceled and leaves no partial file', async () => {
    const a = await finished('a.mp4', 'x'.repeat(3 * 1024 * 1024))
    const b = await finished('b.mp4', 'y')
    const controller = new AbortController()
    const summary = await executeExportPlan(ready(plan([a, b], 'copy')), {
      signal: controller.signal,
      onProgress: (update) => {
        if (update.bytesDone > 0) controller.abort()
      },
    })
    expect(summary.canceled).toBe(true)
    expect(summary.transferred).toEqual([])
    expect(await readdir(destination)).toEqual([])
  })
})

describe('fileErrorData', () => {
  it('maps errno codes to the closed set', () => {
    const error = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code })
    expect(fileErrorData(error('ENOSPC'), '/x').code).toBe('DiskFull')
    expect(fileErrorData(error('EACCES'), '/x').code).toBe('FilePermission')
    expect(fileErrorData(error('EROFS'), '/x').code).toBe('FilePermission')
    expect(fileErrorData(error('ENOENT'), '/x')).toMatchObject({
      code: 'FileMissing',
      detail: '/x',
    })
    expect(fileErrorData(new Error('odd'), '/x')).toMatchObject({ code: 'Internal', detail: 'odd' })
  })
})
