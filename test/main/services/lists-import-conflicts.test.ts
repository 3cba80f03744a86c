import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { JobSnapshot } from '../../../src/shared/jobs'
import { startAppHarness, type AppHarness } from './harness'

let harness: AppHarness | undefined

afterEach(async () => {
  await harness?.cleanup()
  harness = undefined
})

function mediaIdOf(job: JobSnapshot): string | null {
  return job.source.kind === 'vod' ? job.source.reference.mediaId : null
}

/**
 * An app whose download folder holds `finished.mp4` (a completed download) and whose list holds
 * a paused download that has claimed `unfinished.mp4`; and a list of three lines: two under
 * those names, one under a free name.
 */
async function withTakenNames(): Promise<{ test: AppHarness; list: string; paused: JobSnapshot }> {
  harness = await startAppHarness({ emulator: { largeSourceBytes: 8 * 1024 * 1024 } })
  const test = harness
  const { roles } = test.emulator.library
  const first = await test.call('lists.import', {
    fileName: 'first.csv',
    text: `mediaId,fileName,kind\r\n${roles.normalWithHdMp4},finished.mp4,source`,
  })
  expect(first.added).toBe(1)
  const [finished] = test.runtime.engine.manager.list()
  expect((await test.waitForJob(finished!.id, ['completed', 'failed'])).state).toBe('completed')

  // A slow large source holds its name while it downloads; paused, it stays unfinished.
  await test.call('settings.update', { speedLimitBytesPerSecond: 512 * 1024 })
  await test.call('lists.import', {
    fileName: 'second.csv',
    text: `mediaId,fileName,kind\r\n${roles.largeSources[0]},unfinished.mp4,source`,
  })
  const running = test.runtime.engine.manager.list().find((job) => job.id !== finished!.id)
  await test.waitForJob(running!.id, ['downloading'])
  await test.call('downloads.pause', { ids: [running!.id] })
  const paused = await test.waitForJob(running!.id, ['paused'])

  const list = [
    'mediaId,fileName,kind',
    `${roles.largeSources[1]},finished.mp4,source`,
    `${roles.largeSources[2]},unfinished.mp4,source`,
    `${roles.dashAndHdr},free.mp4,source`,
  ].join('\r\n')
  return { test, list, paused }
}

describe('lists.import: names already taken', () => {
  it('asks once and adds nothing, then skips the taken names and adds the free one', async () => {
    const { test, list } = await withTakenNames()
    const before = test.runtime.engine.manager.list()

    const asked = await test.call('lists.import', { fileName: 'pulls.csv', text: list })
    expect(asked).toMatchObject({ added: 0, skippedConflicts: 0, badLineCount: 0 })
    expect(asked.conflicts).toEqual({
      count: 2,
      replaceable: 1,
      examples: [
        { fileName: 'finished.mp4', holder: 'file' },
        { fileName: 'unfinished.mp4', holder: 'download' },
      ],
    })
    expect(test.runtime.engine.manager.list()).toEqual(before)

    const skipped = await test.call('lists.import', {
      fileName: 'pulls.csv',
      text: list,
      conflicts: 'skip',
    })
    expect(skipped).toMatchObject({
      added: 1,
      skippedConflicts: 2,
      replaced: 0,
      renamed: 0,
      conflicts: null,
    })
    const added = test.runtime.engine.manager
      .list()
      .filter((job) => !before.some((old) => old.id === job.id))
    expect(added.map((job) => [mediaIdOf(job), job.fileName])).toEqual([
      [test.emulator.library.roles.dashAndHdr, 'free.mp4'],
    ])
  })

  it('keeps both: every line is added, the taken names get numbered names, nothing is overwritten', async () => {
    const { test, list, paused } = await withTakenNames()
    const result = await test.call('lists.import', {
      fileName: 'pulls.csv',
      text: list,
      conflicts: 'keep-both',
    })
    expect(result).toMatchObject({ added: 3, renamed: 2, replaced: 0, skippedConflicts: 0 })
    // The paused download is still there, holding its name.
    expect(test.runtime.engine.manager.get(paused.id)).toMatchObject({
      state: 'paused',
      fileName: 'unfinished.mp4',
    })
    await test.call('settings.update', { speedLimitBytesPerSecond: 0 })
    const { roles } = test.emulator.library
    const renamed = test.runtime.engine.manager
      .list()
      .find((job) => mediaIdOf(job) === roles.largeSources[1])
    const done = await test.waitForJob(renamed!.id, ['completed', 'failed'])
    expect(done).toMatchObject({ state: 'completed', fileName: 'finished (1).mp4' })
    const master = test.emulator.library.findMedia(roles.normalWithHdMp4)
    expect(await readFile(join(test.downloadFolder, 'finished.mp4'))).toEqual(
      await readFile(join(test.emulator.library.mediaDirectory, master?.source.file ?? '')),
    )
  })

  it('replaces only the unfinished download of ours; the finished file keeps its name', async () => {
    const { test, list, paused } = await withTakenNames()
    const result = await test.call('lists.import', {
      fileName: 'pulls.csv',
      text: list,
      conflicts: 'replace',
    })
    expect(result).toMatchObject({ added: 3, replaced: 1, renamed: 1, skippedConflicts: 0 })
    const { roles } = test.emulator.library
    const jobs = test.runtime.engine.manager.list()
    // The paused download is gone (SQLite may give its id to a new job): one job holds its name.
    expect(jobs.some((job) => mediaIdOf(job) === roles.largeSources[0])).toBe(false)
    expect(
      jobs.filter((job) => job.fileName === paused.fileName).map((job) => mediaIdOf(job)),
    ).toEqual([roles.largeSources[2]])
    await test.call('settings.update', { speedLimitBytesPerSecond: 0 })
    const taker = jobs.find((job) => mediaIdOf(job) === roles.largeSources[2])
    expect(await test.waitForJob(taker!.id, ['completed', 'failed'])).toMatchObject({
      state: 'completed',
      fileName: 'unfinished.mp4',
    })
    const keeper = jobs.find((job) => mediaIdOf(job) === roles.largeSources[1])
    expect(await test.waitForJob(keeper!.id, ['completed', 'failed'])).toMatchObject({
      state: 'completed',
      fileName: 'finished (1).mp4',
    })
  })

  it('uses the remembered choice without asking, and refuses an unknown choice', async () => {
    const { test, list } = await withTakenNames()
    await test.call('settings.update', { nameConflicts: 'skip' })
    const result = await test.call('lists.import', { fileName: 'pulls.csv', text: list })
    expect(result).toMatchObject({ added: 1, skippedConflicts: 2, conflicts: null })

    const unknown = await test.failure('lists.import', {
      fileName: 'pulls.csv',
      text: list,
      // @ts-expect-error: not a choice the contract knows
      conflicts: 'overwrite',
    })
    expect(unknown.code).toBe('InvalidInput')
  })
})
