// `npm start` / `npm run dev` where the Electron binary is not installed: the project's own
// package.json and scripts, copied into a project whose `electron` package has no binary, run by
// npm. They must say what to do (install Electron, or run headless), not end in a stack trace.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { desktopPreflight } from '../../../../scripts/require-electron.mjs'

const root = path.resolve(import.meta.dirname, '../../../..')
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>
  allowScripts: Record<string, boolean>
}

let project: string
let electron: string

beforeEach(() => {
  project = mkdtempSync(path.join(os.tmpdir(), 'vod-preflight-'))
  cpSync(path.join(root, 'scripts'), path.join(project, 'scripts'), { recursive: true })
  writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'fixture', private: true, type: 'module', scripts: manifest.scripts }),
  )
  electron = path.join(project, 'node_modules', 'electron')
  mkdirSync(electron, { recursive: true })
  writeFileSync(path.join(electron, 'package.json'), '{"name":"electron","version":"38.8.6"}\n')
})

afterEach(() => rmSync(project, { recursive: true, force: true }))

/** A stand-in binary where Electron's install script would have put the real one. */
function installStandIn(): void {
  mkdirSync(path.join(electron, 'dist'), { recursive: true })
  writeFileSync(path.join(electron, 'dist', 'version'), 'v38.8.6')
  writeFileSync(path.join(electron, 'dist', 'electron'), '#!/bin/sh\n', { mode: 0o755 })
  writeFileSync(path.join(electron, 'path.txt'), 'electron')
}

function npmRun(script: string): { status: number | null; output: string } {
  const environment: NodeJS.ProcessEnv = { ...process.env }
  delete environment.ELECTRON_OVERRIDE_DIST_PATH
  const result = spawnSync('npm', ['run', script], {
    cwd: project,
    env: environment,
    encoding: 'utf8',
    timeout: 60_000,
    shell: process.platform === 'win32',
  })
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` }
}

describe('starting the desktop app without the Electron binary', () => {
  it.each(['start', 'dev'])('`npm run %s` says how to install Electron or run headless', (name) => {
    const { status, output } = npmRun(name)
    expect(status).not.toBe(0)
    expect(output).toContain('The desktop app needs Electron 38.8.6, whose binary is not installed')
    expect(output).toContain('npm run electron:install')
    expect(output).toContain('npm run headless -- --demo')
    // No stack trace, and nothing after the check ran: not the native switch, not electron-vite.
    expect(output).not.toMatch(/^\s+at /m)
    expect(output).not.toContain('> tsx scripts/ensure-native-abi.ts')
    expect(output).not.toMatch(/^> electron-vite/m)
  })

  it('lets the start go on once the binary is there and a display exists', () => {
    installStandIn()
    expect(
      desktopPreflight({ root: project, environment: { DISPLAY: ':0' }, platform: 'linux' }),
    ).toEqual([])
    expect(desktopPreflight({ root: project, environment: {}, platform: 'win32' })).toEqual([])
  })

  it('names the missing display on Linux instead of letting Electron fail on it', () => {
    installStandIn()
    const lines = desktopPreflight({ root: project, environment: {}, platform: 'linux' })
    expect(lines[0]).toBe(
      'The desktop app needs a display, and neither DISPLAY nor WAYLAND_DISPLAY is set.',
    )
    expect(lines).toContain('Start it under a virtual display:  xvfb-run npm start')
  })

  it('asks for npm ci when the development dependencies are not installed at all', () => {
    rmSync(path.join(project, 'node_modules'), { recursive: true })
    expect(desktopPreflight({ root: project, environment: {}, platform: 'linux' })[0]).toBe(
      'The desktop app needs the development dependencies: run npm ci first.',
    )
  })
})

describe('package.json wiring of the Electron install', () => {
  it("denies Electron's own install script and installs the binary in our postinstall", () => {
    expect(manifest.allowScripts.electron).toBe(false)
    expect(manifest.scripts.postinstall).toBe('node scripts/install-electron.mjs')
    expect(manifest.scripts['electron:install']).toBe(
      'node scripts/install-electron.mjs --required',
    )
  })

  it('checks for the binary before the native switch of npm start, npm run dev', () => {
    for (const hook of ['prestart', 'predev']) {
      expect(manifest.scripts[hook]).toBe(
        'node scripts/require-electron.mjs && npm run native:electron',
      )
    }
  })
})
