// The switch of better-sqlite3's binary between Node and Electron, run for real on a copy of the
// installed package: when the Electron rebuild cannot finish, Node must still load the binary.
import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ensureNativeAbi, probeBinary } from '../../../../scripts/ensure-native-abi'

const root = path.resolve(import.meta.dirname, '../../../..')
const requireFromRoot = createRequire(path.join(root, 'package.json'))
const installedPackage = path.dirname(requireFromRoot.resolve('better-sqlite3/package.json'))
const installedBinary = path.join(installedPackage, 'build', 'Release', 'better_sqlite3.node')

let project: string
let binary: string

/** A project with a copy of better-sqlite3's binary (as built for this Node) and an electron. */
beforeEach(() => {
  project = mkdtempSync(path.join(os.tmpdir(), 'vod-native-abi-'))
  writeFileSync(path.join(project, 'package.json'), '{"name":"fixture","private":true}\n')
  const sqlite = path.join(project, 'node_modules', 'better-sqlite3')
  mkdirSync(path.join(sqlite, 'build', 'Release'), { recursive: true })
  copyFileSync(path.join(installedPackage, 'package.json'), path.join(sqlite, 'package.json'))
  binary = path.join(sqlite, 'build', 'Release', 'better_sqlite3.node')
  copyFileSync(installedBinary, binary)
  const electron = path.join(project, 'node_modules', 'electron')
  mkdirSync(electron, { recursive: true })
  writeFileSync(path.join(electron, 'package.json'), '{"name":"electron","version":"38.8.6"}\n')
  // The tests below start from a binary this Node loads, as `npm ci` leaves it.
  expect(probeBinary(binary).kind).toBe('loaded')
})

afterEach(() => rmSync(project, { recursive: true, force: true }))

/** Opens a database through the installed better-sqlite3 with the fixture's binary, in a child. */
function queryWithNode(): { status: number | null; output: string } {
  const script = `
    const Database = require(${JSON.stringify(installedPackage)})
    const db = new Database(':memory:', { nativeBinding: ${JSON.stringify(binary)} })
    process.stdout.write(JSON.stringify(db.prepare('select 40 + 2 as answer').get()))
  `
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' })
  return { status: result.status, output: result.stdout || result.stderr }
}

/** The rebuild of a machine that cannot reach Electron's headers: node-gyp cleans, then fails. */
function failingElectronRebuild(): void {
  rmSync(binary)
  writeFileSync(binary, 'half-written')
  throw new Error('electron-builder install-app-deps failed (exit 1)')
}

describe('switching better-sqlite3 to Electron when the rebuild cannot finish', () => {
  it('puts the Node build back, and Node still opens databases with it', () => {
    expect(() => ensureNativeAbi('electron', project, { rebuild: failingElectronRebuild })).toThrow(
      /install-app-deps failed.*better-sqlite3 was put back as it was \(built for Node/,
    )
    expect(probeBinary(binary).kind).toBe('loaded')
    expect(queryWithNode()).toEqual({ status: 0, output: '{"answer":42}' })
    expect(existsSync(`${binary}.before-rebuild`)).toBe(false)
  })

  it('also undoes a rebuild that exits cleanly but leaves a binary nothing can load', () => {
    const garbling = (): void => writeFileSync(binary, 'not a shared object')
    expect(() => ensureNativeAbi('electron', project, { rebuild: garbling })).toThrow(
      /still does not match electron 38\.8\.6.*put back/,
    )
    expect(queryWithNode()).toEqual({ status: 0, output: '{"answer":42}' })
  })

  it('is undone by the next switch to Node when the process was killed mid-rebuild', () => {
    // The rebuild is killed (Ctrl-C, a closed terminal) after it has already removed the binary:
    // no clean-up code runs in the dying process.
    const script = `
      import { rmSync, writeFileSync } from 'node:fs'
      import { ensureNativeAbi } from ${JSON.stringify(path.join(root, 'scripts', 'ensure-native-abi.ts'))}
      ensureNativeAbi('electron', ${JSON.stringify(project)}, {
        rebuild: () => {
          rmSync(${JSON.stringify(binary)})
          writeFileSync(${JSON.stringify(binary)}, 'half-written')
          process.kill(process.pid, 'SIGKILL')
        },
      })
    `
    const killed = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: root, encoding: 'utf8' },
    )
    expect(killed.signal).toBe('SIGKILL')
    expect(readFileSync(binary, 'utf8')).toBe('half-written')

    const outcome = ensureNativeAbi('node', project, {
      rebuild: () => {
        throw new Error('restoring the Node build must not need a rebuild')
      },
    })
    expect(outcome).toBe('from-cache')
    expect(queryWithNode()).toEqual({ status: 0, output: '{"answer":42}' })
  })
})
