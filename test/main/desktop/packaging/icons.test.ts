import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { trayIconFile, trayIconVariants } from '../../../../src/main/desktop/policies/tray-menu'

const resources = path.resolve(import.meta.dirname, '../../../../resources')

/** Width and height from a PNG's IHDR chunk, checking the signature on the way. */
function pngSize(relative: string): { width: number; height: number } {
  const bytes = readFileSync(path.join(resources, relative))
  expect(bytes.subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  )
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

describe('committed icons', () => {
  it('has the app icon in every size electron-builder and Linux need', () => {
    expect(pngSize('icon.png')).toEqual({ width: 1024, height: 1024 })
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(`icons/${size}x${size}.png`)).toEqual({ width: size, height: size })
    }
  })

  it('has every tray variant for every platform, with a @2x sibling', () => {
    for (const variant of trayIconVariants) {
      for (const platform of ['win32', 'darwin', 'linux'] as const) {
        const file = trayIconFile(variant, platform)
        expect(pngSize(file)).toEqual({ width: 16, height: 16 })
        expect(pngSize(file.replace(/\.png$/, '@2x.png'))).toEqual({ width: 32, height: 32 })
      }
    }
  })

  it('has the drag images', () => {
    for (const name of ['drag-file', 'drag-files']) {
      expect(pngSize(`drag/${name}.png`)).toEqual({ width: 64, height: 64 })
      expect(existsSync(path.join(resources, 'drag', `${name}@2x.png`))).toBe(true)
    }
  })

  it('draws macOS template images in black only, so the menu bar can tint them', async () => {
    const { inflateSync } = await import('node:zlib')
    const bytes = readFileSync(path.join(resources, trayIconFile('progress-50', 'darwin')))
    const chunks: Buffer[] = []
    for (let offset = 8; offset < bytes.length;) {
      const length = bytes.readUInt32BE(offset)
      if (bytes.toString('ascii', offset + 4, offset + 8) === 'IDAT')
        chunks.push(bytes.subarray(offset + 8, offset + 8 + length))
      offset += 12 + length
    }
    const raw = inflateSync(Buffer.concat(chunks))
    for (let row = 0; row < 16; row++) {
      for (let column = 0; column < 16; column++) {
        const index = row * (16 * 4 + 1) + 1 + column * 4
        if (raw[index + 3] === 0) continue
        expect([raw[index], raw[index + 1], raw[index + 2]]).toEqual([0, 0, 0])
      }
    }
  })
})
