import { afterEach, describe, expect, it } from 'vitest'
import type { BackupDownloads } from '../../../src/main/backup/run-context'
import { startBackupHarness, type BackupHarness } from './backup-harness'

/**
 * What a run keeps while it downloads, counted (not timed, not in bytes): the engine holds at
 * most one slice of the run's jobs, each job is dropped once the manifest records its file (as
 * the CLI does), and the run waits for at most one slice at a time.
 */

let harness: BackupHarness | undefined

afterEach(async () => {
  await harness?.close()
  harness = undefined
})

describe('vod sync downloads a slice at a time', () => {
  it('never holds more than a slice of jobs, and drops each one it recorded', async () => {
    harness = await startBackupHarness()
    const { engine } = harness
    const slice = 8
    let heldAtMost = 0
    let waitedAtMost = 0
    const counting = (port: BackupDownloads): BackupDownloads => ({
      ...port,
      add(jobs, label) {
        const added = port.add(jobs, label)
        heldAtMost = Math.max(heldAtMost, engine.manager.list().length)
        return added
      },
      run(ids, onEnded) {
        waitedAtMost = Math.max(waitedAtMost, ids.length)
        return port.run(ids, onEnded)
      },
      // The CLI's engine port: the manifest is the record of a finished file.
      forget(ids) {
        for (const id of ids) engine.manager.remove(id)
      },
    })
    const report = await harness.sync({}, { downloadSlice: slice, downloads: counting })
    expect(report.failures).toEqual([])
    // Many slices' worth of files, each downloaded and recorded.
    expect(report.outcome?.downloaded).toBeGreaterThan(slice * 5)
    expect(report.outcome?.downloaded).toBe(report.download.files)
    expect(heldAtMost).toBeGreaterThan(0)
    expect(heldAtMost).toBeLessThanOrEqual(slice)
    expect(waitedAtMost).toBeLessThanOrEqual(slice)
    expect(engine.manager.list()).toEqual([])
  })
})
