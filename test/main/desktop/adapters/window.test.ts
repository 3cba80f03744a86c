import { describe, expect, it } from 'vitest'
import {
  captureWindowState,
  guardWindowClose,
  loadRenderer,
  mainWindowOptions,
  revealWindow,
  trackWindowState,
} from '../../../../src/main/desktop/adapters/window'
import type { WindowCloseDecision } from '../../../../src/main/desktop/policies/window-close'
import type { WindowState } from '../../../../src/main/desktop/policies/window-state'
import { secureWebPreferences } from '../../../../src/main/desktop/policies/security'
import { FakeBrowserWindow } from '../fakes/electron'
import { FakeScheduler } from '../fakes/scheduler'

describe('mainWindowOptions', () => {
  it('starts hidden with the secure preferences and the placement', () => {
    const options = mainWindowOptions({
      placement: { bounds: { x: 1, y: 2, width: 900, height: 600 }, maximized: false },
      webPreferences: secureWebPreferences('/p.cjs'),
      title: 'VOD Downloader',
      icon: undefined,
      backgroundColor: '#000000',
    })
    expect(options).toMatchObject({
      x: 1,
      y: 2,
      width: 900,
      height: 600,
      show: false,
      title: 'VOD Downloader',
    })
    expect(options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true })
    expect(options).not.toHaveProperty('icon')
  })
})

describe('loadRenderer', () => {
  it('loads the dev server URL or the built file', async () => {
    const window = new FakeBrowserWindow()
    await loadRenderer(
      window,
      { kind: 'dev-server', url: 'http://localhost:5173/', origin: 'http://localhost:5173' },
      '/out/renderer/index.html',
    )
    expect(window.loaded).toBe('http://localhost:5173/')
    await loadRenderer(
      window,
      { kind: 'file', url: 'file:///out/renderer/index.html' },
      '/out/renderer/index.html',
    )
    expect(window.loaded).toBe('/out/renderer/index.html')
  })
})

describe('revealWindow', () => {
  it('restores, shows and focuses', () => {
    const window = new FakeBrowserWindow()
    window.minimize()
    revealWindow(window)
    expect(window).toMatchObject({ minimized: false, visible: true, focused: true })
  })
})

describe('trackWindowState', () => {
  it('saves after moves settle and at once on hide or close', () => {
    const scheduler = new FakeScheduler()
    const window = new FakeBrowserWindow()
    const saved: WindowState[] = []
    const tracking = trackWindowState(window, (state) => saved.push(state), scheduler, 500)
    window.emit('move')
    window.emit('resize')
    scheduler.advance(499)
    expect(saved).toEqual([])
    scheduler.advance(1)
    expect(saved).toEqual([
      { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: false },
    ])
    window.maximize()
    window.hide()
    expect(saved.at(-1)).toMatchObject({ maximized: true })
    scheduler.advance(1000)
    expect(saved).toHaveLength(2)
    tracking.dispose()
    window.emit('close', { preventDefault: () => undefined })
    expect(saved).toHaveLength(2)
  })

  it('remembers the normal bounds while maximized', () => {
    const window = new FakeBrowserWindow()
    window.maximized = true
    expect(captureWindowState(window)).toEqual({
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
      maximized: true,
    })
  })
})

describe('guardWindowClose', () => {
  function setup(decision: WindowCloseDecision) {
    const window = new FakeBrowserWindow()
    window.show()
    const log: string[] = []
    const guard = guardWindowClose(window, {
      decide: () => decision,
      hide: (hide) => {
        log.push(`hide dock=${hide.hideDock} announce=${hide.announce}`)
        window.hide()
      },
      quit: () => log.push('quit'),
    })
    return { window, log, guard }
  }

  it('hides instead of closing', () => {
    const { window, log } = setup({ kind: 'hide', hideDock: false, announce: true })
    expect(window.userClose()).toBe(true)
    expect(window.visible).toBe(false)
    expect(log).toEqual(['hide dock=false announce=true'])
  })

  it('turns a close into a quit request', () => {
    const { window, log } = setup({ kind: 'quit' })
    expect(window.userClose()).toBe(true)
    expect(log).toEqual(['quit'])
  })

  it('minimizes when there is no tray', () => {
    const { window } = setup({ kind: 'minimize' })
    expect(window.userClose()).toBe(true)
    expect(window.minimized).toBe(true)
  })

  it('lets the window close while quitting, and stops guarding on dispose', () => {
    const allowed = setup({ kind: 'allow' })
    expect(allowed.window.userClose()).toBe(false)
    const disposed = setup({ kind: 'quit' })
    disposed.guard.dispose()
    expect(disposed.window.userClose()).toBe(false)
  })
})
