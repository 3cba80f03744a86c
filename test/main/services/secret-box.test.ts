import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFileKeySecretBox, secretKeyFileName } from '../../../src/main/runtime/secret-box'

let folder: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vod-secret-'))
})

afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe('file-key secret box', () => {
  it('round-trips text and never stores it in the clear', () => {
    const box = createFileKeySecretBox(join(folder, 'data'))
    const blob = box.encrypt('VodEmulatorDemoSecret0NotReal0 密钥')
    expect(blob.toString('latin1')).not.toContain('VodEmulatorDemoSecret0NotReal0')
    expect(box.decrypt(blob)).toBe('VodEmulatorDemoSecret0NotReal0 密钥')
    // A fresh IV each time: equal secrets do not produce equal blobs.
    expect(box.encrypt('same').equals(box.encrypt('same'))).toBe(false)
    expect(box.description).toContain(secretKeyFileName)
  })

  it('creates a 32-byte key readable only by its owner and reuses it', async () => {
    const first = createFileKeySecretBox(folder)
    const keyPath = join(folder, secretKeyFileName)
    expect((await readFile(keyPath)).length).toBe(32)
    if (process.platform !== 'win32') expect((await stat(keyPath)).mode & 0o777).toBe(0o600)
    const second = createFileKeySecretBox(folder)
    expect(second.decrypt(first.encrypt('kept'))).toBe('kept')
  })

  it('narrows a key file whose mode was loosened', async () => {
    createFileKeySecretBox(folder)
    const keyPath = join(folder, secretKeyFileName)
    await chmod(keyPath, 0o644)
    createFileKeySecretBox(folder)
    if (process.platform !== 'win32') expect((await stat(keyPath)).mode & 0o777).toBe(0o600)
  })

  it('says KeyUnavailable for a blob from another key, a tampered blob or a bad key file', async () => {
    const blob = createFileKeySecretBox(join(folder, 'a')).encrypt('secret')
    const other = createFileKeySecretBox(join(folder, 'b'))
    expect(() => other.decrypt(blob)).toThrow(expect.objectContaining({ code: 'KeyUnavailable' }))
    const own = createFileKeySecretBox(join(folder, 'a'))
    const tampered = Buffer.from(blob)
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1
    expect(() => own.decrypt(tampered)).toThrow(expect.objectContaining({ code: 'KeyUnavailable' }))
    expect(() => own.decrypt(Buffer.from('short'))).toThrow(
      expect.objectContaining({ code: 'KeyUnavailable' }),
    )
    await writeFile(join(folder, secretKeyFileName), 'too short')
    expect(() => createFileKeySecretBox(folder)).toThrow(
      expect.objectContaining({ code: 'KeyUnavailable' }),
    )
  })
})
