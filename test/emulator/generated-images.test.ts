import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../../src/emulator/index'
import { startEmulator } from '../../src/emulator/index'
import type { Body } from './helpers'
import { bytesOf, teaCall, teaClient } from './helpers'

/** Generated images: the library the many-small-files benchmark downloads. */

const imageBytes = 5000
let emulator: RunningEmulator
let call: (action: string, query?: Record<string, string>) => Promise<Body>

beforeAll(async () => {
  emulator = await startEmulator({ extraImages: 3, extraImageBytes: imageBytes })
  const client = teaClient(emulator)
  call = async (action, query = {}) => (await teaCall(client, action, query)).body
})

afterAll(async () => {
  await emulator.close()
})

describe('generated images', () => {
  it('adds the asked number of images after the demo ones, with stable ids', async () => {
    const generated = emulator.library.images.filter((image) => image.tags.includes('generated'))
    expect(generated).toHaveLength(3)
    expect(new Set(generated.map((image) => image.id)).size).toBe(3)
    const again = await startEmulator({ extraImages: 3, extraImageBytes: imageBytes })
    try {
      const ids = again.library.images.filter((image) => image.tags.includes('generated'))
      expect(ids.map((image) => image.id)).toEqual(generated.map((image) => image.id))
    } finally {
      await again.close()
    }
  })

  it('serves each one through a signed address with the asked size', async () => {
    const generated = emulator.library.images.filter((image) => image.tags.includes('generated'))
    const body = await call('GetImageInfos', { ImageIds: generated.map((i) => i.id).join(',') })
    const infos = body.ImageInfo as Body[]
    expect(infos).toHaveLength(3)
    const first = await bytesOf(await fetch(String(infos[0]?.URL)))
    const second = await bytesOf(await fetch(String(infos[1]?.URL)))
    expect(first.length).toBe(imageBytes)
    expect(second.length).toBe(imageBytes)
    // Synthetic bytes are seeded per image: two files are not copies of each other.
    expect(first.equals(second)).toBe(false)
  })

  it('rejects a negative count or a zero size', async () => {
    await expect(startEmulator({ extraImages: -1 })).rejects.toThrow('extraImages')
    await expect(startEmulator({ extraImageBytes: 0 })).rejects.toThrow('extraImageBytes')
  })
})
