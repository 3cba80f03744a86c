import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  applyAutostartEntry,
  autostartDirectory,
} from '../../../../src/main/desktop/io/autostart-file'

let root: string

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'vod-autostart-'))
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('autostartDirectory', () => {
  it('follows XDG_CONFIG_HOME and falls back to ~/.config', () => {
    expect(autostartDirectory({ XDG_CONFIG_HOME: '/cfg' }, '/home/u')).toBe(
      path.join('/cfg', 'autostart'),
    )
    expect(autostartDirectory({ XDG_CONFIG_HOME: 'relative' }, '/home/u')).toBe(
      path.join('/home/u', '.config', 'autostart'),
    )
    expect(autostartDirectory({}, '/home/u')).toBe(path.join('/home/u', '.config', 'autostart'))
  })
})

describe('applyAutostartEntry', () => {
  it('writes and removes the entry', async () => {
    const directory = path.join(root, 'autostart')
    await applyAutostartEntry(directory, 'vod-downloader.desktop', '[Desktop Entry]\n')
    expect(await readFile(path.join(directory, 'vod-downloader.desktop'), 'utf8')).toBe(
      '[Desktop Entry]\n',
    )
    await applyAutostartEntry(directory, 'vod-downloader.desktop', null)
    expect(existsSync(path.join(directory, 'vod-downloader.desktop'))).toBe(false)
    await applyAutostartEntry(directory, 'vod-downloader.desktop', null)
  })
})
