import { lstat, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rendererMissingMessage, startBanner } from '../../src/host/banner'
import { hostDataFolder, startFromCommandLine, type HostContext } from '../../src/host/main'
import { parseHostOptions } from '../../src/host/options'
import { apiRequest } from './http-client'

let root: string
let output: { stdout: string; stderr: string }

function context(overrides: Partial<HostContext> = {}): HostContext {
  return {
    stdout: { write: (text: string) => (output.stdout += text) },
    stderr: { write: (text: string) => (output.stderr += text) },
    environment: { XDG_CONFIG_HOME: join(root, 'config') },
    workingDirectory: root,
    rendererDirectory: join(root, 'renderer'),
    packageJsonPath: join(root, 'package.json'),
    ...overrides,
  }
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'vod-host-cli-'))
  output = { stdout: '', stderr: '' }
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('headless host command line', () => {
  it('parses its options and refuses bad ones', () => {
    expect(parseHostOptions([])).toEqual({
      port: 0,
      demo: false,
      home: undefined,
      printUrlOnly: false,
      help: false,
    })
    expect(
      parseHostOptions(['--port', '8791', '--demo', '--home', 'x', '--host-only-print']),
    ).toEqual({
      port: 8791,
      demo: true,
      home: 'x',
      printUrlOnly: true,
      help: false,
    })
    expect(parseHostOptions(['--token-file', 'run/token'])).toMatchObject({
      tokenFile: 'run/token',
    })
    expect(() => parseHostOptions(['--token-file', ' '])).toThrow(/--token-file/)
    expect(() => parseHostOptions(['--port', '70000'])).toThrow(/--port/)
    expect(() => parseHostOptions(['--port', '1e3'])).toThrow(/--port/)
    expect(() => parseHostOptions(['--unknown'])).toThrow()
  })

  it('keeps the demo in its own data folder unless --home says otherwise', () => {
    const base = context()
    expect(hostDataFolder(parseHostOptions([]), base)).toBe(join(root, 'config', 'VOD Downloader'))
    expect(hostDataFolder(parseHostOptions(['--demo']), base)).toBe(
      join(root, 'config', 'VOD Downloader Demo'),
    )
    expect(hostDataFolder(parseHostOptions(['--demo', '--home', 'here']), base)).toBe(
      join(root, 'here'),
    )
    expect(
      hostDataFolder(parseHostOptions([]), context({ environment: { VOD_DL_HOME: 'shared' } })),
    ).toBe(join(root, 'shared'))
  })

  it('says how to build the renderer when it is missing', async () => {
    const result = await startFromCommandLine([], context())
    expect(result).toEqual({ kind: 'exit', exitCode: 1 })
    expect(output.stderr).toContain('npm run build:renderer')
    expect(output.stderr).toBe(`${rendererMissingMessage(join(root, 'renderer'))}\n`)
  })

  it('prints usage for --help and a usage error for bad options', async () => {
    expect(await startFromCommandLine(['--help'], context())).toEqual({ kind: 'exit', exitCode: 0 })
    expect(output.stdout).toContain('--host-only-print')
    expect(await startFromCommandLine(['--port', 'x'], context())).toEqual({
      kind: 'exit',
      exitCode: 2,
    })
    expect(output.stderr).toContain('--port must be a number')
  })

  it('starts the demo and prints only the address with --host-only-print', async () => {
    await mkdir(join(root, 'renderer'))
    await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html>')
    await writeFile(join(root, 'package.json'), JSON.stringify({ version: '4.5.6' }))
    const started = await startFromCommandLine(
      ['--demo', '--home', 'data', '--host-only-print'],
      context(),
    )
    if (started.kind !== 'running') throw new Error('the host did not start')
    try {
      expect(output.stdout).toBe(`${started.host.url}\n`)
      const port = started.host.server.port
      const info = await apiRequest(
        port,
        'app.info',
        {},
        { Authorization: `Bearer ${started.host.server.token}` },
      )
      expect(JSON.parse(info.body)).toMatchObject({ value: { version: '4.5.6' } })
    } finally {
      await started.host.close()
    }
  })

  it('writes the token to --token-file (mode 0600) instead of printing it', async () => {
    await mkdir(join(root, 'renderer'))
    await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html>')
    // A leftover file with loose permissions, and a link an attacker placed at the path: neither
    // is written through; the path ends up a fresh file only the owner can read.
    const victim = join(root, 'victim.txt')
    await writeFile(victim, 'untouched')
    await symlink(victim, join(root, 'linked-token'))
    await writeFile(join(root, 'token'), 'stale', { mode: 0o644 })
    for (const file of ['token', 'linked-token']) {
      output = { stdout: '', stderr: '' }
      const started = await startFromCommandLine(
        ['--demo', '--home', 'data', '--token-file', file],
        context(),
      )
      if (started.kind !== 'running') throw new Error('the host did not start')
      const { host } = started
      try {
        const token = host.server.token
        const path = join(root, file)
        expect(await readFile(path, 'utf8')).toBe(`${token}\n`)
        expect((await lstat(path)).isFile()).toBe(true)
        if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600)
        expect(await readFile(victim, 'utf8')).toBe('untouched')
        expect(output.stdout).not.toContain(token)
        expect(output.stdout).toContain(`http://127.0.0.1:${host.server.port}/\n`)
        expect(output.stdout).toContain(`The access token is in ${path}`)
        const info = await apiRequest(
          host.server.port,
          'app.info',
          {},
          { Authorization: `Bearer ${token}` },
        )
        expect(info.status).toBe(200)
      } finally {
        await host.close()
      }
      // The token dies with the host, and so does its file.
      await expect(stat(join(root, file))).rejects.toThrow(/ENOENT/)
    }
  })

  it('prints only the address without the token with --host-only-print --token-file', async () => {
    await mkdir(join(root, 'renderer'))
    await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html>')
    const started = await startFromCommandLine(
      ['--demo', '--home', 'data', '--host-only-print', '--token-file', 'token'],
      context(),
    )
    if (started.kind !== 'running') throw new Error('the host did not start')
    try {
      expect(output.stdout).toBe(`http://127.0.0.1:${started.host.server.port}/\n`)
      expect(await readFile(join(root, 'token'), 'utf8')).toBe(`${started.host.server.token}\n`)
    } finally {
      await started.host.close()
    }
  })

  it('does not start when the token file cannot be written', async () => {
    await mkdir(join(root, 'renderer'))
    await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html>')
    await expect(
      startFromCommandLine(
        ['--demo', '--home', 'data', '--token-file', join('missing-folder', 'token')],
        context(),
      ),
    ).rejects.toThrow(/token file .*missing-folder/)
    expect(output.stdout).toBe('')
  })

  it('prints a banner that says what runs where', () => {
    const banner = startBanner({
      url: 'http://127.0.0.1:5000/#token=abc',
      port: 5000,
      dataFolder: '/data',
      downloadFolder: '/downloads',
      secrets: 'a key file',
      demoEndpoint: 'http://127.0.0.1:6000',
      demoAccessKeyId: 'LTAI5tVodEmulatorDemoKey',
    })
    expect(banner).toContain('http://127.0.0.1:5000/#token=abc')
    expect(banner).toContain('127.0.0.1:5000 (this machine only)')
    expect(banner).toContain('VOD emulator at http://127.0.0.1:6000')
    expect(banner).toContain('LTAI****oKey')
    expect(banner).not.toContain('LTAI5tVodEmulatorDemoKey')
  })
})
