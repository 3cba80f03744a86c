import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, promises as fs } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'

/**
 * Real proxy servers from Debian for tests, each on a free 127.0.0.1 port with its own config
 * and log in a temporary folder: tinyproxy (HTTP, with basic auth) and microsocks (SOCKS5, with
 * user name and password). Both log the host of every connection they open, which is how tests
 * prove a request went through them.
 */
export interface RunningProxy {
  readonly port: number
  /** `scheme://user:password@127.0.0.1:port` (credentials as given, or none). */
  url(credentials?: { user: string; password: string }): string
  /** The proxy's log so far. */
  log(): Promise<string>
  close(): Promise<void>
}

export const tinyproxyPath = '/usr/bin/tinyproxy'
export const microsocksPath = '/usr/bin/microsocks'

/** Why the real proxies cannot run here, or undefined when they can. */
export function missingProxyServers(): string | undefined {
  const missing = [tinyproxyPath, microsocksPath].filter((path) => !existsSync(path))
  return missing.length === 0
    ? undefined
    : `${missing.join(', ')} missing: apt-get install tinyproxy microsocks`
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`proxy exited early: ${output()}`)
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (open) return
    await delay(25)
  }
  throw new Error(`proxy did not listen on ${port}: ${output()}`)
}

async function stop(child: ChildProcess, folder: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await Promise.race([exited, delay(3_000)])
    if (child.exitCode === null) child.kill('SIGKILL')
  }
  await fs.rm(folder, { recursive: true, force: true })
}

/** tinyproxy requiring `user`/`password` (basic auth) when given, CONNECT to any port. */
export async function startTinyproxy(auth?: {
  user: string
  password: string
}): Promise<RunningProxy> {
  const folder = await mkdtemp(join(tmpdir(), 'vod-tinyproxy-'))
  const port = await freePort()
  const logPath = join(folder, 'tinyproxy.log')
  await fs.writeFile(
    join(folder, 'tinyproxy.conf'),
    [
      `Port ${port}`,
      'Listen 127.0.0.1',
      'Timeout 60',
      `LogFile "${logPath}"`,
      'LogLevel Connect',
      `PidFile "${join(folder, 'tinyproxy.pid')}"`,
      'MaxClients 64',
      'Allow 127.0.0.1',
      'DisableViaHeader Yes',
      ...(auth ? [`BasicAuth ${auth.user} ${auth.password}`] : []),
      '',
    ].join('\n'),
  )
  let output = ''
  const child = spawn(tinyproxyPath, ['-d', '-c', join(folder, 'tinyproxy.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  await waitForPort(port, child, () => output)
  return {
    port,
    url: (credentials) =>
      credentials
        ? `http://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}`
        : `http://127.0.0.1:${port}`,
    log: async () => (existsSync(logPath) ? fs.readFile(logPath, 'utf8') : ''),
    close: () => stop(child, folder),
  }
}

/** microsocks requiring `user`/`password` when given; it resolves host names itself. */
export async function startMicrosocks(auth?: {
  user: string
  password: string
}): Promise<RunningProxy> {
  const folder = await mkdtemp(join(tmpdir(), 'vod-microsocks-'))
  const port = await freePort()
  let output = ''
  const child = spawn(
    microsocksPath,
    [
      '-i',
      '127.0.0.1',
      '-p',
      String(port),
      ...(auth ? ['-u', auth.user, '-P', auth.password] : []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  await waitForPort(port, child, () => output)
  return {
    port,
    url: (credentials) =>
      credentials
        ? `socks5://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}`
        : `socks5://127.0.0.1:${port}`,
    log: () => Promise.resolve(output),
    close: () => stop(child, folder),
  }
}
