// End-to-end specs of the desktop shell in a real Electron, driven by Playwright's `_electron`.
// They cover the flows that need no tray interaction: the window opens securely, its geometry
// survives a restart, closing hides to the tray, a second launch brings the window back, and a
// login start stays hidden. They skip, saying why, where no Electron binary is installed (CI sets
// ELECTRON_SKIP_BINARY_DOWNLOAD) or on Linux without a display (run them under `xvfb-run`).
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import type { ElectronApplication } from 'playwright-core'
import { _electron } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')

/** The Electron executable, or why these specs cannot run here. */
function locateElectron(): { executable: string } | { skip: string } {
  let executable: unknown
  try {
    // The `electron` package exports the binary's path, and throws when the binary was not fetched.
    executable = createRequire(path.join(root, 'package.json'))('electron')
  } catch (error) {
    return {
      skip: `the Electron binary is not installed (${error instanceof Error ? error.message.split('\n')[0] : 'unknown error'})`,
    }
  }
  if (typeof executable !== 'string' || !existsSync(executable)) {
    return { skip: `the Electron binary is missing at ${String(executable)}` }
  }
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    return { skip: 'no display on this Linux machine; run the tests under xvfb-run' }
  }
  return { executable }
}

const electron = locateElectron()
const skipReason = 'skip' in electron ? electron.skip : null
if (skipReason) console.log(`[desktop e2e] skipped: ${skipReason}`)

describe.skipIf(skipReason !== null)('desktop shell in Electron', () => {
  const profiles: string[] = []
  let running: ElectronApplication | null = null

  beforeAll(async () => {
    // Always build: a stale out/ would test yesterday's shell.
    const { build } = await import('electron-vite')
    await build({ root, logLevel: 'warn' })
  }, 120_000)

  afterEach(async () => {
    if (running) await quit(running)
    running = null
  })

  afterAll(async () => {
    for (const profile of profiles) await rm(profile, { recursive: true, force: true })
  })

  async function newProfile(): Promise<string> {
    const profile = await mkdtemp(path.join(os.tmpdir(), 'vod-desktop-e2e-'))
    profiles.push(profile)
    return profile
  }

  async function launch(
    profile: string,
    extraArguments: string[] = [],
  ): Promise<ElectronApplication> {
    if (!('executable' in electron)) throw new Error('unreachable')
    const env: Record<string, string> = {}
    for (const [key, value] of Object.entries(process.env)) {
      // A dev-server URL or run-as-node flag from the surrounding shell would change what starts.
      if (value !== undefined && key !== 'ELECTRON_RENDERER_URL' && key !== 'ELECTRON_RUN_AS_NODE')
        env[key] = value
    }
    // Chromium refuses to start as root (CI containers) unless its OS sandbox is off.
    const rootArguments = process.getuid?.() === 0 ? ['--no-sandbox'] : []
    running = await _electron.launch({
      executablePath: electron.executable,
      args: [root, `--user-data-dir=${profile}`, ...rootArguments, ...extraArguments],
      env,
      cwd: root,
    })
    return running
  }

  /** Quits through the app's own quit path and waits for the process to exit. */
  async function quit(app: ElectronApplication): Promise<void> {
    const exited = new Promise<void>((resolve) => app.process().once('exit', () => resolve()))
    await app.evaluate(({ app: electronApp }) => {
      setImmediate(() => electronApp.quit())
    })
    await exited
    if (running === app) running = null
  }

  it('opens one isolated, sandboxed window showing the renderer', async () => {
    const app = await launch(await newProfile())
    const page = await app.firstWindow()
    await page.waitForLoadState('load')
    expect(await page.title()).toBe('VOD Downloader')
    const windows = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((window) => ({
        visible: window.isVisible(),
        title: window.getTitle(),
      })),
    )
    expect(windows).toEqual([{ visible: true, title: 'VOD Downloader' }])
    // Isolated and sandboxed: the page sees neither Node's require nor process.
    expect(
      await page.evaluate(() => [
        typeof (globalThis as { require?: unknown }).require,
        typeof (globalThis as { process?: unknown }).process,
      ]),
    ).toEqual(['undefined', 'undefined'])
  })

  it('hides to the tray on close, keeps running, and comes back on a second launch', async () => {
    const app = await launch(await newProfile())
    const page = await app.firstWindow()
    await page.waitForLoadState('load')
    const afterClose = await app.evaluate(async ({ BrowserWindow }) => {
      const [window] = BrowserWindow.getAllWindows()
      if (!window) throw new Error('no window')
      await new Promise<void>((resolve) => {
        window.once('hide', () => resolve())
        window.close()
      })
      return { destroyed: window.isDestroyed(), visible: window.isVisible() }
    })
    expect(afterClose).toEqual({ destroyed: false, visible: false })

    const afterSecondLaunch = await app.evaluate(async ({ app: electronApp, BrowserWindow }) => {
      const [window] = BrowserWindow.getAllWindows()
      if (!window) throw new Error('no window')
      await new Promise<void>((resolve) => {
        window.once('show', () => resolve())
        // What Electron emits in the first instance when the app is started again.
        electronApp.emit('second-instance', {}, [process.execPath], process.cwd(), {})
      })
      return { ready: electronApp.isReady(), visible: window.isVisible() }
    })
    expect(afterSecondLaunch).toEqual({ ready: true, visible: true })
  })

  it('remembers the window size and maximized state across restarts', async () => {
    const profile = await newProfile()
    const first = await launch(profile)
    await (await first.firstWindow()).waitForLoadState('load')
    await first.evaluate(({ BrowserWindow }) => {
      BrowserWindow.getAllWindows()[0]?.setBounds({ x: 40, y: 50, width: 900, height: 640 })
    })
    await quit(first)
    const saved = JSON.parse(readFileSync(path.join(profile, 'window-state.json'), 'utf8')) as {
      bounds: { width: number; height: number }
    }
    expect(saved.bounds).toMatchObject({ width: 900, height: 640 })

    const second = await launch(profile)
    await (await second.firstWindow()).waitForLoadState('load')
    const bounds = await second.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]?.getNormalBounds(),
    )
    expect(bounds).toMatchObject({ width: 900, height: 640 })
  })

  it('stays in the tray when started hidden by the login item', async () => {
    const app = await launch(await newProfile(), ['--hidden'])
    const page = await app.firstWindow()
    await page.waitForLoadState('load')
    const visible = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((window) => window.isVisible()),
    )
    expect(visible).toEqual([false])
  })
})
