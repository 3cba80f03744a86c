/**
 * Benchmarks vod-dl against curl and aria2c on the same local server in the same run and prints
 * a table of ratios. Not a test: figures go into the README's Performance section.
 *
 *   npm run bench [-- --only single,throttled,small,history,emulator,resume,backup] [--big-mib 1024]
 *                    [--small-count 2000] [--history-jobs 64000] [--emulator-count 5000]
 *                    [--backup-count 100000]
 *                    [--rounds 5]
 *
 * Each scenario runs the reference and vod-dl alternately, `--rounds` times each (the emulator
 * scenario at most 3), and reports the median times and the highest peak RSS: one run on a
 * shared virtual machine varies by a factor of two. Every measured run starts after `sync`,
 * so the dirty pages one run leaves do not slow the next.
 *
 * Needs curl and aria2c on the PATH (Debian packages `curl` and `aria2`).
 */
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { startEmulator } from '../src/emulator'
import { backupScale, describeBackupScale } from './backup-scale'
import { committedBytes } from '../test/support/cli-process'
import {
  startFixtureServer,
  type FixtureFile,
  type FixtureServer,
} from '../test/support/fixture-server'

const MiB = 1024 * 1024
const root = resolve(import.meta.dirname, '..')
const work = join(root, '.bench')
const cli = join(root, 'bin', 'vod-dl.js')

interface Measure {
  seconds: number
  peakRssMiB: number
  exitCode: number | null
}

interface Row {
  name: string
  target: string
  /** Median seconds, highest peak RSS and the worst exit code of the rounds. */
  ours: Measure
  theirs: Measure
  /** Each round's seconds, for the spread. */
  oursRuns: number[]
  theirsRuns: number[]
  reference: string
  limit: number
  extra?: string
}

function tool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0
}

/**
 * Starts the fixture server in this process: the downloaders under test are separate processes,
 * and the server's request log gives exact byte counts.
 */
async function startServer(files: FixtureFile[]): Promise<FixtureServer> {
  return startFixtureServer(files)
}

/** Runs a command after flushing the page cache's dirty pages (see the header). */
function measure(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<Measure> {
  spawnSync('sync')
  return measureNow(command, args, options)
}

/** Runs a command, timing it and sampling its peak RSS (VmHWM) from /proc while it runs. */
function measureNow(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<Measure> {
  return new Promise((resolveMeasure) => {
    const started = process.hrtime.bigint()
    const child = spawn(command, args, {
      cwd: options.cwd ?? work,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000)
    })
    let peak = 0
    const sample = (): void => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
        const match = /VmHWM:\s+(\d+) kB/.exec(status)
        if (match) peak = Math.max(peak, Number(match[1]) / 1024)
      } catch {
        // The process is gone.
      }
    }
    const sampler = setInterval(sample, 20)
    child.on('exit', (code) => {
      clearInterval(sampler)
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      if (code !== 0) process.stderr.write(`${command} exited ${code}: ${stderr}\n`)
      resolveMeasure({ seconds, peakRssMiB: peak, exitCode: code })
    })
  })
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((first, second) => first - second)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/** The rounds of one side as one figure: median time, highest peak RSS, worst exit code. */
function summary(runs: readonly Measure[]): Measure {
  return {
    seconds: median(runs.map((run) => run.seconds)),
    peakRssMiB: Math.max(...runs.map((run) => run.peakRssMiB)),
    exitCode: runs.find((run) => run.exitCode !== 0)?.exitCode ?? 0,
  }
}

/**
 * Runs the reference and vod-dl (and an optional third yardstick) alternately, so slow phases
 * of the machine hit all of them.
 */
async function alternate(
  rounds: number,
  theirs: () => Promise<Measure>,
  ours: () => Promise<Measure>,
  yardstick?: () => Promise<Measure>,
): Promise<Pick<Row, 'ours' | 'theirs' | 'oursRuns' | 'theirsRuns'> & { yardstick?: Measure }> {
  const theirRuns: Measure[] = []
  const ourRuns: Measure[] = []
  const yardstickRuns: Measure[] = []
  for (let round = 0; round < rounds; round++) {
    theirRuns.push(await theirs())
    ourRuns.push(await ours())
    if (yardstick) yardstickRuns.push(await yardstick())
  }
  return {
    theirs: summary(theirRuns),
    ours: summary(ourRuns),
    theirsRuns: theirRuns.map((run) => run.seconds),
    oursRuns: ourRuns.map((run) => run.seconds),
    yardstick: yardstick ? summary(yardstickRuns) : undefined,
  }
}

function fresh(name: string): string {
  const folder = join(work, name)
  rmSync(folder, { recursive: true, force: true })
  mkdirSync(folder, { recursive: true })
  return folder
}

async function singleFile(bigBytes: number, rounds: number): Promise<Row> {
  const server = await startServer([{ path: '/big.bin', size: bigBytes }])
  try {
    // curl leaves the file in the page cache; vod-dl flushes data before it records progress.
    // Flushing curl's file afterwards gives the same durability to compare with.
    const durableRuns: number[] = []
    const runs = await alternate(
      rounds,
      async () => {
        const curlOut = fresh('single-curl')
        const curl = await measure('curl', [
          '-sS',
          '-o',
          join(curlOut, 'big.bin'),
          `${server.origin}/big.bin`,
        ])
        const flush = await measureNow('sync', [join(curlOut, 'big.bin')])
        durableRuns.push(curl.seconds + flush.seconds)
        return curl
      },
      () =>
        measure(process.execPath, [
          cli,
          'get',
          `${server.origin}/big.bin`,
          '-o',
          fresh('single-ours'),
          '--home',
          fresh('single-home'),
        ]),
    )
    const durable = median(durableRuns)
    const value = runs.ours.seconds / durable
    return {
      name: `${bigBytes / MiB} MiB, one file, unthrottled`,
      target: 'wall ≤ 1.4× curl (and ≤ 1.25× curl + flushing its file); RSS ≤ 100 MiB',
      ...runs,
      reference: 'curl',
      limit: 1.4,
      extra: [
        `vod-dl peak RSS ${runs.ours.peakRssMiB.toFixed(0)} MiB, highest of the rounds (curl ${runs.theirs.peakRssMiB.toFixed(0)} MiB)`,
        `curl + flushing its file to disk: median ${durable.toFixed(2)} s (${durableRuns.map((run) => run.toFixed(2)).join(', ')}); vod-dl / that = ${value.toFixed(2)}× (gate ≤ 1.25×: ${value <= 1.25 ? 'met' : 'not met'})`,
        `peak RSS gate ≤ 100 MiB: ${runs.ours.peakRssMiB <= 100 ? 'met' : 'not met'}`,
      ].join('\n- '),
    }
  } finally {
    await server.close()
  }
}

async function throttled(rounds: number): Promise<Row> {
  const size = 512 * MiB
  const server = await startServer([
    { path: '/throttled.bin', size, faults: { bytesPerSecondPerConnection: 8 * MiB } },
  ])
  try {
    const runs = await alternate(
      rounds,
      () =>
        measure('aria2c', [
          '-x16',
          '-s16',
          '-k1M',
          '--file-allocation=none',
          '--allow-overwrite=true',
          '-d',
          fresh('throttled-aria2'),
          '-o',
          'throttled.bin',
          `${server.origin}/throttled.bin`,
        ]),
      () =>
        measure(process.execPath, [
          cli,
          'get',
          `${server.origin}/throttled.bin`,
          '-c',
          '16',
          '-o',
          fresh('throttled-ours'),
          '--home',
          fresh('throttled-home'),
        ]),
    )
    return {
      name: '512 MiB, 8 MiB/s per connection, 16 connections',
      target: 'wall ≤ 1.0× aria2c -x16 -s16 -k1M',
      ...runs,
      reference: 'aria2c',
      limit: 1.0,
      extra: `vod-dl peak RSS ${runs.ours.peakRssMiB.toFixed(0)} MiB, highest of the rounds (aria2c ${runs.theirs.peakRssMiB.toFixed(0)} MiB)`,
    }
  } finally {
    await server.close()
  }
}

/** The same address list downloaded 16 files at a time by aria2c and by vod-dl, alternately. */
function listDownloads(
  list: string,
  label: string,
  rounds: number,
  yardstick?: () => Promise<Measure>,
): Promise<Pick<Row, 'ours' | 'theirs' | 'oursRuns' | 'theirsRuns'> & { yardstick?: Measure }> {
  return alternate(
    rounds,
    () =>
      measure('aria2c', [
        '-j16',
        '--file-allocation=none',
        '--allow-overwrite=true',
        '-q',
        '-d',
        fresh(`${label}-aria2`),
        '-i',
        list,
      ]),
    () =>
      measure(process.execPath, [
        cli,
        'get',
        '-i',
        list,
        '-j',
        '16',
        '-o',
        fresh(`${label}-ours`),
        '--home',
        fresh(`${label}-home`),
      ]),
    yardstick,
  )
}

/** A local server with `count` files of 64 KiB, and the list of their addresses. */
async function smallFileServer(
  label: string,
  count: number,
): Promise<{ server: FixtureServer; list: string }> {
  const server = await startServer(
    Array.from({ length: count }, (_, index) => ({ path: `/small/${index}`, size: 65536 })),
  )
  const list = join(fresh(label), 'urls.txt')
  writeFileSync(
    list,
    Array.from({ length: count }, (_, index) => `${server.origin}/small/${index}`).join('\n') +
      '\n',
  )
  return { server, list }
}

async function smallFiles(count: number, rounds: number): Promise<Row> {
  const { server, list } = await smallFileServer('small-list', count)
  try {
    // The floor for Node here: the same list fetched and flushed with nothing else (no job
    // database, no recovery, no checks). What vod-dl costs beyond it is its bookkeeping.
    const bare = (): Promise<Measure> =>
      measure(process.execPath, [
        join(root, 'bench', 'bare-node-downloader.mjs'),
        list,
        fresh('small-bare'),
      ])
    // One untimed pass first, so that no side pays for the server's first look at each file.
    await bare()
    const { yardstick, ...runs } = await listDownloads(list, 'small', rounds, bare)
    const bareSeconds = yardstick?.seconds ?? Number.NaN
    return {
      name: `${count} files × 64 KiB`,
      target: 'wall ≤ 1.0× aria2c -j16 -i list',
      ...runs,
      reference: 'aria2c',
      limit: 1.0,
      extra: [
        `vod-dl ${(count / runs.ours.seconds).toFixed(0)} files/s, aria2c ${(count / runs.theirs.seconds).toFixed(0)} files/s, a bare Node loop (bench/bare-node-downloader.mjs) ${(count / bareSeconds).toFixed(0)} files/s, ${bareSeconds.toFixed(2)} s (medians)`,
        `vod-dl peak RSS ${runs.ours.peakRssMiB.toFixed(0)} MiB, highest of the rounds (aria2c ${runs.theirs.peakRssMiB.toFixed(0)} MiB)`,
      ].join('\n- '),
    }
  } finally {
    await server.close()
  }
}

/**
 * A data folder keeps every finished job. The small-file list into a folder that already holds
 * `history` finished jobs, against the same list into a fresh folder, alternately: what a user
 * with a long history pays for it.
 */
async function longHistory(count: number, history: number, rounds: number): Promise<Row> {
  const { server, list } = await smallFileServer('history-list', count)
  try {
    const get = (home: string, output: string): Promise<Measure> =>
      measure(process.execPath, [cli, 'get', '-i', list, '-j', '16', '-o', output, '--home', home])
    // The history: the list downloaded once (untimed, it also warms the server), its finished
    // rows then copied until the folder holds `history` jobs. Every round starts from a copy.
    const template = fresh('history-template')
    await get(template, fresh('history-first'))
    growHistory(join(template, 'jobs.sqlite'), history)
    const runs = await alternate(
      rounds,
      () => get(fresh('history-fresh-home'), fresh('history-fresh-out')),
      () => {
        const home = fresh('history-home')
        cpSync(template, home, { recursive: true })
        return get(home, fresh('history-out'))
      },
    )
    return {
      name: `${count} files × 64 KiB into a data folder that keeps ${history} finished jobs`,
      target: 'wall ≤ 1.2× the same into a fresh data folder',
      ...runs,
      reference: 'vod-dl, fresh data folder,',
      limit: 1.2,
      extra: `with the history: vod-dl peak RSS ${runs.ours.peakRssMiB.toFixed(0)} MiB, highest of the rounds (fresh data folder ${runs.theirs.peakRssMiB.toFixed(0)} MiB)`,
    }
  } finally {
    await server.close()
  }
}

/** Copies the finished rows of a job database until it holds `rows` jobs, in queue order. */
function growHistory(path: string, rows: number): void {
  const database = new Database(path)
  try {
    const columns = database
      .prepare<[], { name: string }>('PRAGMA table_info(jobs)')
      .all()
      .map((column) => column.name)
      .filter((name) => name !== 'id')
      .join(', ')
    const count = (): number =>
      database.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM jobs').get()?.n ?? 0
    for (let missing = rows - count(); missing > 0; missing = rows - count()) {
      database.exec(
        `INSERT INTO jobs (${columns}) SELECT ${columns} FROM jobs WHERE state = 'completed' LIMIT ${missing}`,
      )
    }
    database.exec('UPDATE jobs SET position = id')
  } finally {
    database.close()
  }
}

/**
 * The issue's version of the small-files benchmark: `count` images of 64 KiB in the VOD
 * emulator, their signed CDN addresses exported with `vod-dl vod export`, then the same address
 * list downloaded by aria2c and by vod-dl. `vod-dl import` of the exported JSON's ids (API
 * lookups and fresh addresses included) is timed as an extra figure.
 */
async function emulatorSmallFiles(count: number, rounds: number): Promise<Row> {
  const emulator = await startEmulator({ extraImages: count, extraImageBytes: 64 * 1024 })
  try {
    const env = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.accessKeySecret,
      VOD_ENDPOINT: emulator.endpoint,
    }
    const listFolder = fresh('emulator-list')
    const ids = emulator.library.images
      .filter((image) => image.tags.includes('generated'))
      .map((image) => image.id)
    writeFileSync(join(listFolder, 'ids.txt'), `${ids.join('\n')}\n`)
    const exported = await measure(
      process.execPath,
      [
        cli,
        'vod',
        'export',
        '--type',
        'image',
        '--ids-file',
        join(listFolder, 'ids.txt'),
        '--json',
        join(listFolder, 'addresses.json'),
        '--csv',
        join(listFolder, 'addresses.csv'),
      ],
      { env },
    )
    const document = JSON.parse(readFileSync(join(listFolder, 'addresses.json'), 'utf8')) as {
      rows: { url: string | null }[]
    }
    const urls = document.rows.flatMap((row) => (row.url ? [row.url] : []))
    if (urls.length !== count) throw new Error(`export gave ${urls.length} of ${count} addresses`)
    const list = join(listFolder, 'urls.txt')
    writeFileSync(list, `${urls.join('\n')}\n`)
    // The emulator works out each generated file's checksums on its first request: one
    // untimed pass first, or whichever side runs first pays for it (it tripled aria2c's time).
    await measure('aria2c', ['-j16', '-q', '-d', fresh('emulator-warm-up'), '-i', list])
    const runs = await listDownloads(list, 'emulator', rounds)
    const imported = await measure(
      process.execPath,
      [
        cli,
        'import',
        join(listFolder, 'addresses.csv'),
        '-o',
        fresh('emulator-import'),
        '--home',
        fresh('emulator-import-home'),
      ],
      { env },
    )
    return {
      name: `${count} images × 64 KiB from the VOD emulator`,
      target: 'wall ≤ 0.7× aria2c -j16 -i list',
      ...runs,
      reference: 'aria2c',
      limit: 0.7,
      extra: [
        `emulator: vod-dl ${(count / runs.ours.seconds).toFixed(0)} files/s, aria2c ${(count / runs.theirs.seconds).toFixed(0)} files/s (medians); vod-dl peak RSS ${runs.ours.peakRssMiB.toFixed(0)} MiB;`,
        `\`vod export\` of the ${count} addresses ${exported.seconds.toFixed(2)} s;`,
        `\`vod-dl import\` of that CSV (ids looked up, fresh addresses, download) ${imported.seconds.toFixed(2)} s, exit ${imported.exitCode}`,
      ].join(' '),
    }
  } finally {
    await emulator.close()
  }
}

/** Kills vod-dl (SIGKILL) at about 40 % of a throttled download, then resumes it. */
async function killAndResume(): Promise<string> {
  const size = 256 * MiB
  const connections = 8
  const server = await startServer([
    { path: '/resume.bin', size, faults: { bytesPerSecondPerConnection: 8 * MiB } },
  ])
  const home = fresh('resume-home')
  const out = fresh('resume-out')
  const committed = (): number => committedBytes(join(home, 'jobs.sqlite'))
  try {
    const child = spawn(
      process.execPath,
      [
        cli,
        'get',
        `${server.origin}/resume.bin`,
        '-c',
        String(connections),
        '-o',
        out,
        '--home',
        home,
      ],
      { stdio: 'ignore' },
    )
    while (committed() < size * 0.4) await new Promise((resolveWait) => setTimeout(resolveWait, 50))
    const exited = new Promise((resolveExit) => child.once('exit', resolveExit))
    child.kill('SIGKILL')
    await exited
    await server.waitForIdle()
    const atKill = committed()
    const sentBeforeKill = server.bytesSent('/resume.bin')
    const requestsBefore = server.log.length
    server.setFaults('/resume.bin', {})
    const resumeStarted = Date.now()
    const resumed = await measure(process.execPath, [cli, 'resume', '--all', '--home', home])
    const firstRequest = server.log[requestsBefore]
    const redownloaded = server.bytesSent('/resume.bin') - size
    const sha = spawnSync('sha256sum', [join(out, 'resume.bin')])
      .stdout.toString()
      .split(' ')[0]
    const intact = sha === server.file('/resume.bin').sha256
    return [
      `Kill -9 at ${(atKill / MiB).toFixed(1)} MiB committed of ${size / MiB} MiB (${connections} connections × 8 MiB/s, ${(sentBeforeKill / MiB).toFixed(1)} MiB sent by then):`,
      `re-downloaded ${(redownloaded / MiB).toFixed(2)} MiB;`,
      `first byte request ${firstRequest ? firstRequest.startedAt - resumeStarted : '?'} ms after \`vod-dl resume\` started (process start included);`,
      `resume run ${resumed.seconds.toFixed(2)} s unthrottled, exit ${resumed.exitCode}, file ${intact ? 'byte-exact' : 'CORRUPT'}.`,
    ].join(' ')
  } finally {
    await server.close()
  }
}

function ratio(row: Row): number {
  return row.ours.seconds / row.theirs.seconds
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      'big-mib': { type: 'string', default: '1024' },
      'small-count': { type: 'string', default: '2000' },
      'emulator-count': { type: 'string', default: '5000' },
      'history-jobs': { type: 'string', default: '64000' },
      'backup-count': { type: 'string', default: '100000' },
      rounds: { type: 'string', default: '5' },
    },
  })
  const rounds = Math.max(1, Number(values.rounds))
  const only = values.only ? new Set(values.only.split(',')) : undefined
  for (const name of ['curl', 'aria2c']) {
    if (!tool(name))
      throw new Error(`${name} is not installed (Debian: apt-get install curl aria2)`)
  }
  mkdirSync(work, { recursive: true })
  // The bundled CLI, as users run it (the launcher falls back to the TypeScript sources through
  // tsx when the bundle is older than them, which costs time and memory).
  spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' })
  const rows: Row[] = []
  const notes: string[] = []
  if (!only || only.has('single')) {
    rows.push(await singleFile(Number(values['big-mib']) * MiB, rounds))
  }
  if (!only || only.has('throttled')) rows.push(await throttled(rounds))
  if (!only || only.has('small')) rows.push(await smallFiles(Number(values['small-count']), rounds))
  if (!only || only.has('history')) {
    const count = Number(values['small-count'])
    rows.push(await longHistory(count, Number(values['history-jobs']), rounds))
  }
  if (!only || only.has('emulator')) {
    rows.push(await emulatorSmallFiles(Number(values['emulator-count']), Math.min(rounds, 3)))
  }
  if (!only || only.has('resume')) notes.push(await killAndResume())
  let backup: string[] = []
  if (!only || only.has('backup')) {
    const folders = { target: fresh('backup-target'), home: fresh('backup-home') }
    backup = describeBackupScale(await backupScale(cli, folders, Number(values['backup-count'])))
  }

  const spread = (runs: readonly number[]): string =>
    `${Math.min(...runs).toFixed(2)}–${Math.max(...runs).toFixed(2)}`
  const lines = [
    `Medians of ${rounds} alternating rounds (the emulator scenario: ${Math.min(rounds, 3)}); the range of the rounds in brackets.`,
    '',
    '| Scenario | vod-dl | reference | ratio | target | met |',
    '|---|---|---|---|---|---|',
    ...rows.map((row) => {
      const value = ratio(row)
      return `| ${row.name} | ${row.ours.seconds.toFixed(2)} s (${spread(row.oursRuns)}) | ${row.reference} ${row.theirs.seconds.toFixed(2)} s (${spread(row.theirsRuns)}) | ${value.toFixed(2)}× | ${row.target} | ${value <= row.limit ? 'yes' : 'no'} |`
    }),
  ]
  const extras = rows.flatMap((row) => (row.extra ? [`- ${row.extra}`] : []))
  process.stdout.write(
    `${lines.join('\n')}\n\n${extras.join('\n')}\n${notes.map((note) => `- ${note}`).join('\n')}\n${backup.length > 0 ? `\n${backup.join('\n')}\n` : ''}`,
  )
}

await main()
