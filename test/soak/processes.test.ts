import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { startFixtureServer, type FixtureFile, type FixtureServer } from '../support/fixture-server'
import { sha256File } from '../support/engine-harness'
import { cliPath } from '../support/cli-process'

// The app and the CLI share one data folder on purpose. This soak starts the headless host and
// three `vod-dl get` commands on one fresh home at the same moment, with hundreds of small files
// and a few large ones, then kill -9s one of them at random every second or two and starts it
// again (the host as a host, a command as `vod-dl resume --all`, as a person would). At the end
// every job must be completed exactly once, every file byte-exact, nothing left half-written.

const root = resolve(import.meta.dirname, '../..')
const rounds = 8
const smallCount = 360
const largeCount = 4
const KiB = 1024
const MiB = 1024 * KiB

/** A seeded random source, so a failing run can be replayed from its printed seed. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    return state / 2 ** 32
  }
}

interface Participant {
  name: string
  child: ChildProcess
  output: { stdout: string; stderr: string }
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** How to start it again after a kill. */
  restart: () => Participant
}

const started: Participant[] = []
let server: FixtureServer | undefined
let folder: string | undefined

afterAll(async () => {
  for (const participant of started) participant.child.kill('SIGKILL')
  await server?.close()
  if (folder) await rm(folder, { recursive: true, force: true })
})

function launch(name: string, command: string, args: string[], restart: () => Participant) {
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  const output = { stdout: '', stderr: '' }
  child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()))
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('close', (code, signal) => done({ code, signal })),
  )
  const participant: Participant = { name, child, output, exit, restart }
  started.push(participant)
  return participant
}

function alive(participant: Participant): boolean {
  return participant.child.exitCode === null && participant.child.signalCode === null
}

interface JobRow {
  id: number
  state: string
  source: string
  file_name: string | null
  owner: string | null
}

function sourceUrl(job: JobRow): string {
  return (JSON.parse(job.source) as { url: string }).url
}

function readJobs(databaseFile: string): JobRow[] {
  if (!existsSync(databaseFile)) return []
  const database = new Database(databaseFile, { readonly: true, timeout: 5_000 })
  try {
    return database
      .prepare('SELECT id, state, source, file_name, owner FROM jobs ORDER BY id')
      .all() as JobRow[]
  } finally {
    database.close()
  }
}

describe('soak: the headless host and vod-dl commands on one data folder, killed at random', () => {
  it(`completes every job exactly once through ${rounds} kill -9 rounds`, async () => {
    const seed = Number(process.env.VOD_DL_SOAK_SEED ?? Date.now() % 100_000)
    const next = random(seed)
    const files: FixtureFile[] = [
      ...Array.from({ length: smallCount }, (_, index) => ({
        path: `/small/${index % 3}/still-${index}.jpg`,
        size: 24 * KiB + index,
        faults: { firstByteDelayMs: 40 },
      })),
      ...Array.from({ length: largeCount }, (_, index) => ({
        path: `/large/master-${index}.mov`,
        size: 12 * MiB + index * 4099,
        crc64Header: true,
        faults: { bytesPerSecondPerConnection: 1 * MiB },
      })),
    ]
    server = await startFixtureServer(files)
    folder = await mkdtemp(join(tmpdir(), 'vod-soak-'))
    const home = join(folder, 'home')
    const output = join(folder, 'downloads')
    const databaseFile = join(home, 'jobs.sqlite')

    // Three lists, each a third of the small files and one or two large ones. The second list
    // repeats twenty of the first's files into the same folder: two processes download the same
    // names at once, and each copy must end up as its own file.
    const small = files.filter((file) => file.path.startsWith('/small/'))
    const large = files.filter((file) => file.path.startsWith('/large/'))
    const third = smallCount / 3
    const lists = [
      [...small.slice(0, third), large[0]],
      [...small.slice(third - 20, 2 * third), large[1]],
      [...small.slice(2 * third), large[2], large[3]],
    ]
    const jobCount = lists.reduce((sum, list) => sum + list.length, 0)

    const host = (): Participant =>
      // One process (`node --import tsx`, not the tsx wrapper, which would survive as a parent
      // while its child, the host, is what must be killed).
      launch(
        'host',
        process.execPath,
        ['--import', 'tsx', 'src/host/cli.ts', '--home', home, '--port', '0'],
        host,
      )
    const resumeAll = (): Participant =>
      launch('resume', process.execPath, [cliPath, 'resume', '--all', '--home', home], resumeAll)
    const commands = await Promise.all(
      lists.map(async (list, index) => {
        const urls = list.map((file) => server?.url(file?.path ?? '') ?? '')
        const listFile = join(folder as string, `list-${index}.txt`)
        await writeFile(listFile, urls.join('\n'))
        // A command killed before its jobs were recorded (they are added in one transaction) is
        // started again as it was; one killed after, as `vod-dl resume --all`.
        const recorded = (): boolean =>
          readJobs(databaseFile).some((job) => urls.includes(sourceUrl(job)))
        const get = (): Participant =>
          launch(
            `get-${index}`,
            process.execPath,
            [cliPath, 'get', '-i', listFile, '-j', '8', '-c', '4', '-o', output, '--home', home],
            () => (recorded() ? resumeAll() : get()),
          )
        return get
      }),
    )
    // All at the same moment, on a home that does not exist yet.
    const running = [host(), ...commands.map((start) => start())]
    const kills: string[] = []
    for (let round = 0; round < rounds; round++) {
      await new Promise((wait) => setTimeout(wait, 800 + next() * 1_400))
      const candidates = running.filter(alive)
      if (candidates.length === 0) break
      const victim = candidates[Math.floor(next() * candidates.length)] as Participant
      victim.child.kill('SIGKILL')
      await victim.exit
      kills.push(victim.name)
      running.splice(running.indexOf(victim), 1, victim.restart())
    }
    // No more kills: the host (and any command still running) finish the queue.
    const deadline = Date.now() + 120_000
    let jobs = readJobs(databaseFile)
    while (jobs.length < jobCount || jobs.some((job) => job.state !== 'completed')) {
      if (Date.now() > deadline) {
        const states = jobs.map((job) => job.state).filter((state) => state !== 'completed')
        const tails = started.map(
          (participant) => `${participant.name}: ${participant.output.stderr.slice(-600)}`,
        )
        throw new Error(
          `not finished in time (seed ${seed}): ${states.join(', ')}\n${tails.join('\n')}`,
        )
      }
      await new Promise((wait) => setTimeout(wait, 250))
      jobs = readJobs(databaseFile)
    }
    const commandsLeft = running.filter((participant) => participant.name !== 'host')
    await Promise.all(commandsLeft.map((participant) => participant.exit))
    for (const participant of running.filter((candidate) => candidate.name === 'host')) {
      participant.child.kill('SIGTERM')
      await participant.exit
    }

    // Nobody crashed in words either: no internal error, no locked database, no usage error.
    for (const participant of started) {
      expect(participant.output.stderr, `${participant.name} (seed ${seed})`).not.toMatch(
        /internal error|database is locked|SQLITE_BUSY|Unhandled|Run "vod-dl --help"/,
      )
      const { code, signal } = await participant.exit
      // Killed ones, and a host stopped while still starting, end by their signal.
      if (signal === null) expect([0, 1], `${participant.name} exit`).toContain(code)
    }
    // Every job completed exactly once: one file each, byte-exact, no stray or partial files.
    expect(jobs).toHaveLength(jobCount)
    const names = new Set<string>()
    for (const job of jobs) {
      expect(job).toMatchObject({ state: 'completed', owner: null })
      const fileName = job.file_name as string
      names.add(fileName)
      const path = new URL(sourceUrl(job)).pathname
      expect(await sha256File(join(output, fileName)), `${fileName} (seed ${seed})`).toBe(
        server.file(decodeURIComponent(path)).sha256,
      )
    }
    expect(names.size).toBe(jobCount)
    const onDisk = readdirSync(output, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(output.length + 1))
    const strays = onDisk.filter((name) => !names.has(name))
    expect(strays, `files no job owns (seed ${seed})`).toEqual([])
    expect(onDisk.sort()).toEqual([...names].sort())

    const fileBytes = files.reduce((sum, file) => sum + file.size, 0)
    const repeatedBytes = small.slice(third - 20, third).reduce((sum, file) => sum + file.size, 0)
    const wanted = fileBytes + repeatedBytes
    const sent = server.bytesSent()
    const figures = {
      seed,
      rounds,
      kills: kills.length,
      killed: kills.join(' '),
      processes: started.length,
      jobs: jobCount,
      bytesWanted: wanted,
      bytesSent: sent,
      bytesDownloadedAgain: sent - wanted,
    }
    // The figures the README quotes come from this line.
    console.log(`soak figures: ${JSON.stringify(figures)}`)
    expect(kills.length).toBe(rounds)
  }, 240_000)
})
