import { mkdtemp, readFile, readdir, rm, stat, utimes, writeFile, mkdir } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
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
