import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { referenceKey } from '../../../src/shared/contract'
import type { VodFileReference } from '../../../src/shared/vod'
import type { NewJob } from '../../../src/main/engine/job-manager'
import {
  conflictChoiceOf,
  decideNameConflicts,
  existsOnDisk,
  settleNameConflicts,
  type FreshJob,
} from '../../../src/main/services/name-conflict-settlement'
import type { NameHolder } from '../../../src/main/services/name-conflicts'
import { makeJob } from '../desktop/fakes/downloads'

let folder: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vod-conflicts-'))
})

afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

function vodReference(mediaId: string): VodFileReference {
  return { mediaId, mediaType: 'video', kind: 'source', outputType: 'cdn' }
}

function fresh(fileName: string | undefined, reference?: VodFileReference): FreshJob {
  const job: NewJob = {
    source: reference ? { kind: 'vod', reference } : { kind: 'url', url: 'https://x.test/a.mp4' },
    directory: folder,
    ...(fileName === undefined ? {} : { fileName }),
  }
  return { key: reference ? referenceKey(reference) : undefined, job }
}

describe('conflictChoiceOf', () => {
  it('prefers the request, then the remembered setting, and asks when it says so', () => {
    expect(conflictChoiceOf('replace', { nameConflicts: 'skip' })).toBe('replace')
    expect(conflictChoiceOf(undefined, { nameConflicts: 'skip' })).toBe('skip')
    expect(conflictChoiceOf(undefined, { nameConflicts: 'ask' })).toBeUndefined()
  })
})

describe('decideNameConflicts', () => {
  const items = [fresh('a.mp4'), fresh('b.mp4'), fresh('c.mp4'), fresh('d.mp4')]
  const holders: NameHolder[] = [
    { kind: 'none' },
    { kind: 'file' },
    { kind: 'download', jobIds: [7, 8] },
    { kind: 'request' },
  ]

  it('skip drops every taken name', () => {
    const decision = decideNameConflicts(items, holders, 'skip')
    expect(decision.kept).toEqual([items[0]])
    expect(decision.counts).toEqual({ skippedConflicts: 3, replaced: 0, renamed: 0 })
    expect(decision.replacing).toEqual([])
  })

  it('replace takes over only unfinished downloads of ours and keeps both for the rest', () => {
    const decision = decideNameConflicts(items, holders, 'replace')
    expect(decision.kept).toEqual(items)
    expect(decision.counts).toEqual({ skippedConflicts: 0, replaced: 1, renamed: 2 })
    expect(decision.replacing).toEqual([7, 8])
  })

  it('keep-both keeps every file under a numbered name', () => {
    const decision = decideNameConflicts(items, holders, 'keep-both')
    expect(decision.kept).toEqual(items)
    expect(decision.counts).toEqual({ skippedConflicts: 0, replaced: 0, renamed: 3 })
  })
})

describe('settleNameConflicts', () => {
  it('asks without touching anything; a job without a name yet is not checked', async () => {
    await writeFile(join(folder, 'taken.mp4'), 'mine')
    const removed: number[][] = []
    const items = [fresh('taken.mp4'), fresh(undefined), fresh('free.mp4')]
    const outcome = await settleNameConflicts(items, [], undefined, {
      exists: existsOnDisk,
      remove: (ids) => {
        removed.push([...ids])
        return Promise.resolve()
      },
    })
    expect(outcome).toEqual({
      kind: 'ask',
      conflicts: {
        count: 1,
        replaceable: 0,
        examples: [{ fileName: 'taken.mp4', holder: 'file' }],
      },
    })
    expect(removed).toEqual([])
  })

  it('replaces a paused download once its part file is gone, and lets a canceled row of the same file go', async () => {
    const again = vodReference('again')
    const paused = makeJob({ id: 1, state: 'paused', directory: folder, fileName: 'held.mp4' })
    const canceled = makeJob({
      id: 2,
      state: 'canceled',
      directory: folder,
      fileName: 'again.mp4',
      source: { kind: 'vod', reference: again },
    })
    await writeFile(join(folder, 'held.mp4.part'), 'partial')
    const removed: number[][] = []
    const items = [fresh('held.mp4', vodReference('other')), fresh('again.mp4', again)]
    const outcome = await settleNameConflicts(items, [paused, canceled], 'replace', {
      exists: existsOnDisk,
      remove: (ids) => {
        removed.push([...ids])
        // As the engine does, after the job is gone: its part file goes in the background.
        if (ids.includes(1)) setTimeout(() => void rm(join(folder, 'held.mp4.part')), 50)
        return Promise.resolve()
      },
    })
    // The canceled row held no bytes: it is no conflict, and it goes with the new job.
    expect(outcome).toEqual({
      kind: 'settled',
      kept: items,
      counts: { skippedConflicts: 0, replaced: 1, renamed: 0 },
    })
    expect(removed).toEqual([[1], [2]])
    expect(await existsOnDisk({ directory: folder, fileName: 'held.mp4.part' })).toBe(false)
  })
})
