import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyLoginItem } from '../../../../src/main/desktop/adapters/login-item'
import { FakeApp } from '../fakes/electron'

let root: string
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'vod-login-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('applyLoginItem', () => {
  it('calls setLoginItemSettings on Windows and macOS', async () => {
    const app = new FakeApp()
    expect(
      await applyLoginItem(
        { kind: 'electron', settings: { openAtLogin: true, args: ['--hidden'] } },
        app,
        root,
      ),
    ).toBe(true)
    expect(app.loginItemSettings).toEqual([{ openAtLogin: true, args: ['--hidden'] }])
  })

  it('writes the XDG entry on Linux and reports unsupported builds', async () => {
    const app = new FakeApp()
    expect(
      await applyLoginItem(
        { kind: 'xdg-autostart', fileName: 'vod-downloader.desktop', contents: 'x' },
        app,
        root,
      ),
    ).toBe(true)
    expect(await readFile(path.join(root, 'vod-downloader.desktop'), 'utf8')).toBe('x')
    expect(await applyLoginItem({ kind: 'unsupported', reason: 'development' }, app, root)).toBe(
      false,
    )
    expect(app.loginItemSettings).toEqual([])
  })
})
