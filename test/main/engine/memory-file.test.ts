import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BufferPool, MemoryFile } from '../../../src/main/engine/memory-file'

let folder: string
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vod-memory-file-'))
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe('MemoryFile', () => {
  it('writes exactly its bytes into the claimed part file, whatever the pooled buffer held', async () => {
    const pool = new BufferPool(1024 * 1024)
    const earlier = new MemoryFile(60_000, pool)
    await earlier.write([Buffer.alloc(60_000, 0x61)], 0)
    earlier.release()
    // The next file reuses that buffer (rounded up to 64 KiB): none of the old bytes leak in.
    const file = new MemoryFile(5, pool)
    await file.write([Buffer.from('he'), Buffer.from('llo!!')], 0)
    const path = join(folder, 'cover.jpg.part')
    await writeFile(path, '')
    await file.writeTo(path)
    expect(await readFile(path, 'utf8')).toBe('hello')
  })

  it('refuses to be read or written once its buffer was given back', async () => {
    const pool = new BufferPool(1024 * 1024)
    const file = new MemoryFile(10, pool)
    file.release()
    expect(() => file.contents).toThrow(/given back/)
    expect(() => file.write([Buffer.from('x')], 0)).toThrow(/given back/)
    await expect(file.writeTo(join(folder, 'x.part'))).rejects.toThrow(/given back/)
  })
})

describe('BufferPool', () => {
  it('hands a given-back buffer to the next file of the same size class', () => {
    const pool = new BufferPool(1024 * 1024)
    const first = pool.take(50_000)
    expect(first.length).toBe(65_536)
    pool.give(first)
    expect(pool.bytes).toBe(65_536)
    expect(pool.take(65_536)).toBe(first)
    expect(pool.bytes).toBe(0)
    // Another size class gets a buffer of its own.
    expect(pool.take(100_000).length).toBe(131_072)
  })

  it('keeps at most its limit and drops buffers that are not its own sizes', () => {
    const pool = new BufferPool(128 * 1024)
    for (let index = 0; index < 4; index++) pool.give(pool.take(64 * 1024))
    const held = [pool.take(64 * 1024), pool.take(64 * 1024), pool.take(64 * 1024)]
    for (const buffer of held) pool.give(buffer)
    expect(pool.bytes).toBe(128 * 1024)
    pool.give(Buffer.alloc(1000))
    expect(pool.bytes).toBe(128 * 1024)
  })
})
