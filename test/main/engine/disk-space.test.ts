import { mkdtemp, rm, statfs, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { freeBytes } from '../../../src/main/engine/disk-space'

describe('freeBytes', () => {
  let directory: string

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'disk-space-'))
  })

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  /** What statfs says right now; other processes write too, so compare with some slack. */
  async function expectedFree(): Promise<number> {
    const stats = await statfs(directory)
    return stats.bavail * stats.bsize
  }

  const slack = 256 * 1024 * 1024

  it('reports the space available in an existing folder', async () => {
    const free = await freeBytes(directory)
    expect(free).toBeGreaterThan(0)
    expect(Number.isSafeInteger(free)).toBe(true)
    expect(Math.abs(free - (await expectedFree()))).toBeLessThan(slack)
  })

  it('asks the nearest existing ancestor for a folder not created yet', async () => {
    const free = await freeBytes(join(directory, 'not', 'yet', 'made'))
    expect(Math.abs(free - (await expectedFree()))).toBeLessThan(slack)
  })

  it('walks past a file that stands where a folder should be', async () => {
    await writeFile(join(directory, 'file'), 'x')
    const free = await freeBytes(join(directory, 'file', 'sub'))
    expect(free).toBeGreaterThan(0)
  })

  it('accepts a relative path', async () => {
    expect(await freeBytes('.')).toBeGreaterThan(0)
  })
})
