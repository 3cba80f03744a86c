import { createCipheriv, randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decryptFile, decryptSegment, segmentIv } from '../../../src/main/hls/aes-decrypt'

function encrypt(data: Buffer, key: Buffer, iv: Buffer): Buffer {
  const cipher = createCipheriv('aes-128-cbc', key, iv)
  return Buffer.concat([cipher.update(data), cipher.final()])
}

describe('segmentIv', () => {
  it('is the media sequence number as 16 big-endian bytes when the playlist gives no IV', () => {
    expect(segmentIv(undefined, 0).toString('hex')).toBe('00000000000000000000000000000000')
    expect(segmentIv(undefined, 1).toString('hex')).toBe('00000000000000000000000000000001')
    expect(segmentIv(undefined, 0x0102030405).toString('hex')).toBe(
      '00000000000000000000000102030405',
    )
  })

  it('is the listed IV when there is one, and refuses one of another length', () => {
    const listed = Buffer.from('0f0e0d0c0b0a09080706050403020100', 'hex')
    expect(segmentIv(listed, 7)).toBe(listed)
    expect(() => segmentIv(Buffer.alloc(8), 7)).toThrow(/IV of 8 bytes/)
  })
})

describe('AES-128 decryption', () => {
  const key = randomBytes(16)
  const plain = randomBytes(188 * 50 + 11)

  it('decrypts a segment in memory and as a file', async () => {
    const iv = segmentIv(undefined, 12)
    const encrypted = encrypt(plain, key, iv)
    expect(decryptSegment(encrypted, key, iv).equals(plain)).toBe(true)
    const folder = await mkdtemp(join(tmpdir(), 'vod-aes-'))
    try {
      await fs.writeFile(join(folder, 'in'), encrypted)
      await decryptFile(join(folder, 'in'), join(folder, 'out'), key, iv)
      expect((await fs.readFile(join(folder, 'out'))).equals(plain)).toBe(true)
    } finally {
      await fs.rm(folder, { recursive: true, force: true })
    }
  })

  it('reports a key that does not fit as KeyUnavailable', async () => {
    const iv = segmentIv(undefined, 3)
    const folder = await mkdtemp(join(tmpdir(), 'vod-aes-'))
    try {
      await fs.writeFile(join(folder, 'in'), encrypt(plain, key, iv))
      await expect(
        decryptFile(join(folder, 'in'), join(folder, 'out'), randomBytes(16), iv),
      ).rejects.toMatchObject({ code: 'KeyUnavailable' })
    } finally {
      await fs.rm(folder, { recursive: true, force: true })
    }
  })
})
