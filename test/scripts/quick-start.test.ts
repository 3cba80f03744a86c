// The README's two set-up commands (`npm run demo`, `npm run verify`) and CI's use of the second.
// The verify flow runs for real with stand-ins for apt-get, dpkg-query and npm on PATH, which
// record what they were asked to do.
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
  existsSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  debianStep,
  demoShell,
  installNeeded,
  missingDebianPackages,
  readPackageList,
} from '../../scripts/quick-start.mjs'

const root = path.resolve(import.meta.dirname, '../..')
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>
}

describe('one list of Debian packages', () => {
  it('holds what CI has always installed', () => {
    expect(readPackageList()).toEqual(
      expect.arrayContaining(['chromium', 'fonts-noto-cjk', 'ffmpeg', 'aria2', 'curl']),
    )
  })

  it('is the only one: CI runs the README command and names no package itself', () => {
    const ci = readFileSync(path.join(root, '.ci', 'run'), 'utf8')
    const commands = ci.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'))
    expect(commands).toEqual(['set -euo pipefail', 'cd "$(dirname "$0")/.."', 'npm run verify'])
    expect(manifest.scripts.verify).toBe('node scripts/quick-start.mjs verify')
    expect(manifest.scripts.demo).toBe('node scripts/quick-start.mjs demo')
  })
})

describe("the README's Quick start", () => {
  it('has exactly two set-up commands: the demo and the tests', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
    const start = readme.indexOf('\n## Quick start\n')
    const end = readme.indexOf('\n## ', start + 1)
    expect(start).toBeGreaterThan(-1)
    const section = readme.slice(start, end)
    const commands = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) =>
      (block[1] ?? '')
        .split('\n')
        .map((line) => line.replace(/#.*/, '').trim())
        .filter((line) => line !== ''),
    )
    expect(commands).toEqual(['npm run demo', 'npm run verify'])
  })
})

describe('Debian packages', () => {
  it('asks dpkg about each package, and knows when there is no dpkg', () => {
    const fakeDpkg = ((_command: string, args: readonly string[]) => ({
      stdout: args[2] === 'ffmpeg' ? 'install ok installed' : '',
    })) as unknown as typeof spawnSync
    expect(missingDebianPackages(['ffmpeg', 'aria2'], fakeDpkg)).toEqual(['aria2'])
    const noDpkg = (() => ({
      error: new Error('spawn dpkg-query ENOENT'),
    })) as unknown as typeof spawnSync
    expect(missingDebianPackages(['ffmpeg'], noDpkg)).toBeNull()
  })

  it("reads this machine's dpkg database", () => {
    const hasDpkg = existsSync('/usr/bin/dpkg-query')
    expect(missingDebianPackages(['coreutils', 'vod-dl-no-such-package'])).toEqual(
      hasDpkg ? ['vod-dl-no-such-package'] : null,
    )
  })

  it('installs as root, and otherwise prints the command and stops', () => {
    expect(debianStep({ missing: [], isRoot: false })).toEqual({ kind: 'none' })
    expect(debianStep({ missing: ['ffmpeg', 'curl'], isRoot: true })).toEqual({
      kind: 'install',
      commands: [
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'ffmpeg', 'curl'],
      ],
    })
    const told = debianStep({ missing: ['ffmpeg', 'curl'], isRoot: false })
    expect(told).toMatchObject({ kind: 'tell', fatal: true })
    expect(told.kind === 'tell' && told.lines[1]).toContain(
      'sudo apt-get install -y --no-install-recommends ffmpeg curl',
    )
    expect(debianStep({ missing: null, isRoot: true })).toMatchObject({
      kind: 'tell',
      fatal: false,
    })
  })
})

describe('npm run demo', () => {
  let project: string
  beforeEach(() => {
    project = mkdtempSync(path.join(os.tmpdir(), 'vod-quick-start-'))
  })
  afterEach(() => rmSync(project, { recursive: true, force: true }))

  it('installs when nothing is installed or the lockfile is newer than the install', () => {
    writeFileSync(path.join(project, 'package.json'), '{}')
    writeFileSync(path.join(project, 'package-lock.json'), '{}')
    expect(installNeeded(project)).toBe(true)
    mkdirSync(path.join(project, 'node_modules'))
    const hidden = path.join(project, 'node_modules', '.package-lock.json')
    writeFileSync(hidden, '{}')
    const past = new Date(Date.now() - 60_000)
    utimesSync(path.join(project, 'package.json'), past, past)
    utimesSync(path.join(project, 'package-lock.json'), past, past)
    expect(installNeeded(project)).toBe(false)
    utimesSync(path.join(project, 'package-lock.json'), new Date(), new Date(Date.now() + 60_000))
    expect(installNeeded(project)).toBe(true)
  })

  it('starts the desktop app only where Electron is installed and can show a window', () => {
    const installed = {
      kind: 'installed' as const,
      version: '38.8.6',
      directory: '/x',
      executable: '/x/dist/electron',
    }
    const missing = { kind: 'missing' as const, version: '38.8.6', directory: '/x' }
    expect(
      demoShell({ status: installed, platform: 'linux', environment: { DISPLAY: ':0' } }),
    ).toEqual({ shell: 'desktop', reason: null })
    expect(demoShell({ status: installed, platform: 'darwin', environment: {} }).shell).toBe(
      'desktop',
    )
    expect(demoShell({ status: installed, platform: 'linux', environment: {} })).toMatchObject({
      shell: 'headless',
      reason: expect.stringContaining('No display') as string,
    })
    expect(demoShell({ status: missing, platform: 'win32', environment: {} })).toMatchObject({
      shell: 'headless',
      reason: expect.stringContaining('Electron is not installed') as string,
    })
  })
})

describe('npm run verify, with stand-ins for the system tools', () => {
  let tools: string
  let log: string

  beforeEach(() => {
    tools = mkdtempSync(path.join(os.tmpdir(), 'vod-verify-tools-'))
    log = path.join(tools, 'calls.log')
    const tool = (name: string, body: string): void => {
      const file = path.join(tools, name)
      writeFileSync(file, `#!/bin/sh\n${body}\n`)
      chmodSync(file, 0o755)
    }
    // Nothing but ffmpeg is installed, unless FAKE_ALL_INSTALLED says everything is.
    tool(
      'dpkg-query',
      [
        'if [ -n "$FAKE_ALL_INSTALLED" ]; then printf "install ok installed"; exit 0; fi',
        'case "$3" in ffmpeg) printf "install ok installed";; *) exit 1;; esac',
      ].join('\n'),
    )
    tool('apt-get', `echo "apt-get $* DEBIAN_FRONTEND=$DEBIAN_FRONTEND" >> "${log}"`)
    tool(
      'npm',
      [
        'if [ "$1" = "--version" ]; then echo "${FAKE_NPM_VERSION}"; exit 0; fi',
        `echo "npm $* skip=\${ELECTRON_SKIP_BINARY_DOWNLOAD:-} defer=\${VOD_DL_DEFER_ELECTRON_INSTALL:-}" >> "${log}"`,
      ].join('\n'),
    )
  })
  afterEach(() => rmSync(tools, { recursive: true, force: true }))

  function verify(
    npmVersion: string,
    args: string[] = [],
    extra: Record<string, string> = {},
  ): { status: number | null; calls: string[]; output: string } {
    const cache = path.join(tools, 'electron-cache')
    const result = spawnSync(process.execPath, ['scripts/quick-start.mjs', 'verify', ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        PATH: `${tools}${path.delimiter}${process.env.PATH ?? ''}`,
        FAKE_NPM_VERSION: npmVersion,
        // Where the installer runs for real, it must not reach any download host.
        ELECTRON_MIRROR: 'http://127.0.0.1:9/',
        electron_config_cache: cache,
        ...extra,
      },
    })
    const calls = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []
    return { status: result.status, calls, output: `${result.stdout}\n${result.stderr}` }
  }

  const asRoot = process.getuid?.() === 0
  const missing = readPackageList().filter((name) => name !== 'ffmpeg')

  it(
    asRoot
      ? 'installs the missing packages, then runs npm ci and npm test with the arguments'
      : 'prints the apt-get command for the missing packages and stops before npm',
    () => {
      const run = verify('11.19.1', ['--', 'test/scripts'])
      if (asRoot) {
        expect(run.status).toBe(0)
        expect(run.calls).toEqual([
          'apt-get update -qq DEBIAN_FRONTEND=noninteractive',
          `apt-get install -y -qq --no-install-recommends ${missing.join(' ')} DEBIAN_FRONTEND=noninteractive`,
          'npm ci --no-audit --no-fund skip= defer=',
          'npm test -- test/scripts skip= defer=',
        ])
      } else {
        expect(run.status).toBe(1)
        expect(run.calls).toEqual([])
        expect(run.output).toContain(
          `sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`,
        )
      }
    },
  )

  it('on an npm that ignores allowScripts, skips the download during npm ci and installs after', () => {
    const run = verify('10.9.2', [], { FAKE_ALL_INSTALLED: '1' })
    expect(run.status).toBe(0)
    expect(run.calls.slice(-2)).toEqual([
      'npm ci --no-audit --no-fund skip=1 defer=1',
      'npm test skip= defer=',
    ])
    // The installer ran between them, for real, and said in one line what works.
    expect(run.output).toMatch(
      /Electron [\d.]+ (is not installed \(.*\): the desktop app is unavailable|is installed)/,
    )
  })
})
