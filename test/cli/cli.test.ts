import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startFixtureServer, type FixtureServer } from '../support/fixture-server'
import { sha256File } from '../support/engine-harness'
import {
  committedBytes,
  useCliSandbox,
  waitFor,
  type CliOutcome,
  type CliProcess,
} from '../support/cli-process'

const MiB = 1024 * 1024

let server: FixtureServer | undefined
const sandbox = useCliSandbox('vod-cli-')

afterEach(async () => {
  await server?.close()
  server = undefined
})

function start(args: string[]): CliProcess {
  return sandbox.start(args, { ...process.env, VOD_DL_HOME: join(sandbox.root, 'home') })
}

function run(args: string[]): Promise<CliOutcome> {
  return start(args).done
}

describe('vod-dl', () => {
  it('prints help with exit 0 and rejects bad usage with exit 2', async () => {
    const help = await run(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('vod-dl get <url>')
    const bad = await run(['get'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('give at least one URL')
    const unknown = await run(['fly'])
    expect(unknown.code).toBe(2)
  })

  it('downloads a URL, exits 0, and lists the job as JSON', async () => {
    server = await startFixtureServer([{ path: '/clip.mp4', size: 3 * MiB }])
    const result = await run(['get', server.url('/clip.mp4'), '-o', 'out', '-c', '4'])
    expect(result.code, result.stderr).toBe(0)
    expect(await sha256File(join(sandbox.root, 'out', 'clip.mp4'))).toBe(
      server.file('/clip.mp4').sha256,
    )
    const jobs = await run(['jobs', '--json'])
    const list = JSON.parse(jobs.stdout) as Array<{ id: number; state: string; fileName: string }>
    expect(list).toMatchObject([{ id: 1, state: 'completed', fileName: 'clip.mp4' }])
  })

  it('exits 1 with a clear message when the server has no such file, keeping the job', async () => {
    server = await startFixtureServer([])
    const result = await run(['get', server.url('/missing.mp4')])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/does not exist/)
    const jobs = await run(['jobs'])
    expect(jobs.stdout).toMatch(/1\s+failed/)
  })

  it('resumes after kill -9 from the last checkpoint, re-downloading a bounded number of bytes', async () => {
    const size = 48 * MiB
    const connections = 4
    const perConnection = 4 * MiB
    server = await startFixtureServer([
      { path: '/master.mov', size, faults: { bytesPerSecondPerConnection: perConnection } },
    ])
    const first = start(['get', server.url('/master.mov'), '-o', 'out', '-c', String(connections)])
    const database = join(sandbox.root, 'home', 'jobs.sqlite')
    // Wait (by reading the job database, as another process would) until a good share is committed.
    await waitFor(() => committedBytes(database) > size / 3)
    first.child.kill('SIGKILL')
    const killed = await first.done
    expect(killed.code).toBeNull()
    await server.waitForIdle()
    expect(existsSync(join(sandbox.root, 'out', 'master.mov.part'))).toBe(true)

    server.setFaults('/master.mov', {})
    const resumed = await run(['resume', '--all'])
    expect(resumed.code, resumed.stderr).toBe(0)
    expect(await sha256File(join(sandbox.root, 'out', 'master.mov'))).toBe(
      server.file('/master.mov').sha256,
    )
    const redownloaded = server.bytesSent('/master.mov') - size
    // The bound: one checkpoint interval (0.5 s) of data at the speed at the time plus two
    // 256 KiB write batches per connection (one being written while the next is gathered), with
    // a quarter second of slack for the kill itself.
    const bound = 0.75 * connections * perConnection + connections * 2 * 256 * 1024
    expect(redownloaded).toBeLessThanOrEqual(bound)
  })
})
