// The install step that replaces Electron's own postinstall: it runs Electron's real install script
// (from a copy of the installed `electron` package) against mirrors on 127.0.0.1 that refuse,
// hang or serve a release archive, and must never fail the install.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { electronBinaryStatus } from '../../../../scripts/electron-binary.mjs'
import { storedZip } from '../../../support/stored-zip'

const root = path.resolve(import.meta.dirname, '../../../..')
const installer = path.join(root, 'scripts', 'install-electron.mjs')
const requireFromRoot = createRequire(path.join(root, 'package.json'))
const installedElectron = path.dirname(requireFromRoot.resolve('electron/package.json'))
const version = (
  JSON.parse(readFileSync(path.join(installedElectron, 'package.json'), 'utf8')) as {
    version: string
  }
).version
const archiveName = `electron-v${version}-${process.platform}-${process.arch}.zip`

let project: string
let cache: string
const servers: Server[] = []

/**
 * A project whose `electron` is a copy of the installed package without any binary; its install
 * script's own dependencies (@electron/get, extract-zip) are the installed ones.
 */
beforeEach(() => {
  project = mkdtempSync(path.join(os.tmpdir(), 'vod-install-electron-'))
  cache = mkdtempSync(path.join(os.tmpdir(), 'vod-electron-cache-'))
  writeFileSync(path.join(project, 'package.json'), '{"name":"fixture","private":true}\n')
  const modules = path.join(project, 'node_modules')
  const electron = path.join(modules, 'electron')
  mkdirSync(electron, { recursive: true })
  for (const file of ['package.json', 'install.js', 'index.js', 'checksums.json']) {
    copyFileSync(path.join(installedElectron, file), path.join(electron, file))
  }
  for (const dependency of ['@electron', 'extract-zip']) {
    symlinkSync(path.join(root, 'node_modules', dependency), path.join(modules, dependency))
  }
})

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections()
          server.close(() => resolve())
        }),
    ),
  )
  rmSync(project, { recursive: true, force: true })
  rmSync(cache, { recursive: true, force: true })
})

async function listen(server: Server): Promise<string> {
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
}

/** The environment of an install on this machine, minus anything that points Electron elsewhere. */
function installEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!/electron/i.test(key)) environment[key] = value
  }
  return { ...environment, electron_config_cache: cache, ...extra }
}

interface Run {
  status: number | null
  stdout: string
  stderr: string
  seconds: number
}

function runInstaller(extra: Record<string, string>, args: string[] = []): Promise<Run> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [installer, `--project=${project}`, ...args], {
      env: installEnvironment(extra),
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (status) =>
      resolve({ status, stdout, stderr, seconds: (Date.now() - started) / 1000 }),
    )
  })
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '')
}

describe('installing Electron after npm ci', () => {
  it('carries on with one line that says what works when the download host refuses', async () => {
    const run = await runInstaller({ ELECTRON_MIRROR: 'http://127.0.0.1:9/' })
    expect(run.status).toBe(0)
    expect(run.stderr).toBe('')
    expect(lines(run.stdout)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Electron ${version.replaceAll('.', '\\.')} is not installed \\(.*ECONNREFUSED 127\\.0\\.0\\.1:9\\): ` +
            'the desktop app is unavailable until it is \\(npm run electron:install\\); the headless host ' +
            '\\(npm run headless\\), the CLI \\(npx vod-dl\\) and the tests work without it\\.$',
        ),
      ),
    ])
    expect(electronBinaryStatus(project).kind).toBe('missing')
  })

  it('fails `npm run electron:install`, which asked for the binary, and says what else to do', async () => {
    const run = await runInstaller({ ELECTRON_MIRROR: 'http://127.0.0.1:9/' }, ['--required'])
    expect(run.status).toBe(1)
    expect(run.stdout).toContain('ECONNREFUSED')
    expect(run.stdout).toContain('ELECTRON_MIRROR=')
    expect(run.stdout).toContain('npm run headless -- --demo')
  })

  it('gives up on a host that never answers within the time limit', async () => {
    // Accepts the connection and says nothing, as a firewall that drops packets would.
    const mirror = await listen(createServer(() => undefined))
    const run = await runInstaller({
      ELECTRON_MIRROR: mirror,
      VOD_DL_ELECTRON_INSTALL_TIMEOUT: '2',
    })
    expect(run.status).toBe(0)
    expect(lines(run.stdout)).toEqual([
      expect.stringContaining(`Electron ${version} is not installed (no download within 2 s)`),
    ])
    expect(run.seconds).toBeLessThan(20)
  })

  it('leaves the download alone when ELECTRON_SKIP_BINARY_DOWNLOAD asks for that', async () => {
    const requests: string[] = []
    const mirror = await listen(
      createServer((request, response) => {
        requests.push(request.url ?? '')
        response.writeHead(404).end()
      }),
    )
    const run = await runInstaller({ ELECTRON_MIRROR: mirror, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })
    expect(run.status).toBe(0)
    expect(lines(run.stdout)).toEqual([
      expect.stringContaining('is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD is set)'),
    ])
    expect(requests).toEqual([])
  })

  it("installs the binary from a mirror through Electron's own install script", async () => {
    const archive = storedZip([
      { name: 'electron', content: '#!/bin/sh\necho stand-in\n', mode: 0o755 },
      { name: 'electron.exe', content: 'stand-in', mode: 0o755 },
      { name: 'version', content: version },
    ])
    // Electron's install script checks the archive against its checksums.json.
    const checksums = path.join(project, 'node_modules', 'electron', 'checksums.json')
    writeFileSync(
      checksums,
      JSON.stringify({ [archiveName]: createHash('sha256').update(archive).digest('hex') }),
    )
    const requests: string[] = []
    const mirror = await listen(
      createServer((request, response) => {
        requests.push(request.url ?? '')
        if (request.url === `/v${version}/${archiveName}`) {
          response.writeHead(200, { 'content-length': archive.length }).end(archive)
        } else {
          response.writeHead(404).end()
        }
      }),
    )
    const run = await runInstaller({ ELECTRON_MIRROR: mirror })
    expect(run.status).toBe(0)
    expect(lines(run.stdout)).toEqual([
      `Electron ${version} installed: npm start opens the desktop app.`,
    ])
    expect(requests).toEqual([`/v${version}/${archiveName}`])
    const status = electronBinaryStatus(project)
    expect(status.kind).toBe('installed')
    if (status.kind === 'installed') expect(existsSync(status.executable)).toBe(true)

    // A second install (npm ci again, or electron:install) finds it and downloads nothing.
    const again = await runInstaller({ ELECTRON_MIRROR: mirror }, ['--required'])
    expect(again.status).toBe(0)
    expect(lines(again.stdout)).toEqual([
      `Electron ${version} is installed: npm start opens the desktop app.`,
    ])
    expect(requests).toHaveLength(1)
  })
})
