import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ensureDataFolder } from '../../../src/main/runtime/data-folder'
import { createEngineRuntime } from '../../../src/main/runtime/engine-runtime'
import { createFileKeySecretBox } from '../../../src/main/runtime/secret-box'

const posix = process.platform !== 'win32'

function modeOf(path: string): number {
  return statSync(path).mode & 0o777
}

let root: string

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'vod-data-folder-'))
})

afterEach(() => {
  rmSync(root, { recursive: true, force: true })
})

describe.runIf(posix)('data folder permissions', () => {
  it('creates a missing folder readable only by its owner', () => {
    const folder = join(root, 'config', 'VOD Downloader')
    ensureDataFolder(folder)
    expect(modeOf(folder)).toBe(0o700)
  })

  it('narrows a folder that group or others can read back to 0700', () => {
    for (const loose of [0o755, 0o750, 0o707, 0o777]) {
      const folder = join(root, `loose-${loose.toString(8)}`)
      mkdirSync(folder)
      chmodSync(folder, loose)
      ensureDataFolder(folder)
      expect(modeOf(folder), loose.toString(8)).toBe(0o700)
    }
  })

  it('leaves a folder that is already private alone, and Windows folders to their ACL', () => {
    const narrow = join(root, 'narrow')
    mkdirSync(narrow)
    chmodSync(narrow, 0o700)
    ensureDataFolder(narrow)
    expect(modeOf(narrow)).toBe(0o700)
    const windows = join(root, 'windows')
    mkdirSync(windows)
    chmodSync(windows, 0o755)
    ensureDataFolder(windows, { platform: 'win32' })
    expect(modeOf(windows)).toBe(0o755)
  })

  it('is what the engine runtime (CLI, host, desktop) and the key file use', async () => {
    const engineFolder = join(root, 'engine')
    mkdirSync(engineFolder)
    chmodSync(engineFolder, 0o755)
    const runtime = createEngineRuntime({ dataFolder: engineFolder })
    await runtime.close()
    expect(modeOf(engineFolder)).toBe(0o700)

    const keyFolder = join(root, 'key')
    createFileKeySecretBox(keyFolder)
    expect(modeOf(keyFolder)).toBe(0o700)
    expect(modeOf(join(keyFolder, 'secret.key'))).toBe(0o600)
  })
})
