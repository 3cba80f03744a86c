/**
 * Where the byte path's time goes: runs the bundled CLI with a CPU profile against the fixture
 * server (in this process; the CLI is a child, so its profile holds only the downloader) for
 * one large file and for many small ones, and sorts every sampled millisecond of its main thread
 * into what it was doing: waiting (idle: the network, the disk or a timer), the job database
 * (SQLite and decoding its rows), HTTP and streams, file calls, garbage collection, our own
 * JavaScript, the rest of Node. Not a test: the table goes into docs/byte-path.md.
 *
 *   npm run build:cli && npx tsx bench/byte-path.ts [--big-mib 1024] [--small-count 2000]
 */
import { spawn } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startFixtureServer } from '../test/support/fixture-server'

const { values } = parseArgs({
  options: {
    'big-mib': { type: 'string', default: '1024' },
    'small-count': { type: 'string', default: '2000' },
  },
})
const root = resolve(import.meta.dirname, '..')
const work = join(root, '.bench', 'byte-path')
const cli = join(root, 'out', 'cli', 'vod-dl.mjs')

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** Functions of the job repository and its row decoding, by name in the bundle. */
const databaseFunctions = new Set([
  'toRecord',
  'toRecord2',
  'require',
  'idsInStates',
  'recordsInStates',
  'saveProgress',
  'updateMany',
  'versions',
  'queuedRecords',
  'segments',
  'insertRow',
  'transaction',
  'sqliteTransaction',
])

function category(stack: ProfileNode[]): string {
  const leaf = stack[0]?.callFrame
  if (!leaf) return 'other'
  if (leaf.functionName === '(idle)') return 'waiting (idle)'
  if (leaf.functionName === '(garbage collector)') return 'garbage collection'
  if (leaf.functionName === '(program)') return 'V8 and Node internals'
  for (const node of stack) {
    const { url, functionName } = node.callFrame
    if (url.includes('better-sqlite3') || databaseFunctions.has(functionName)) {
      return 'job database (SQLite, rows)'
    }
    if (url === '') {
      // better-sqlite3's statements are native functions called from the repository.
      if (node === stack[0] && /^(run|get|all|iterate|exec)$/.test(functionName)) {
        return 'job database (SQLite, rows)'
      }
      continue
    }
    if (/^node:(_http|net|internal\/http|internal\/streams|stream|events)/.test(url)) {
      return 'HTTP, sockets and streams'
    }
    if (/^node:(internal\/fs|fs)/.test(url)) return 'file calls'
    if (/^node:internal\/(url|querystring)/.test(url)) return 'URL parsing'
    if (/^node:(internal\/process\/task_queues|internal\/timers|timers)/.test(url)) {
      return 'promises and timers'
    }
    if (url.includes('/out/cli/')) return 'vod-dl JavaScript'
    return 'other Node modules'
  }
  return 'native calls'
}

function breakdown(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id)
  const totals = new Map<string, number>()
  profile.samples.forEach((id, index) => {
    const stack: ProfileNode[] = []
    for (
      let current: number | undefined = id;
      current !== undefined;
      current = parent.get(current)
    ) {
      const node = byId.get(current)
      if (node) stack.push(node)
    }
    const name = category(stack)
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000)
  })
  return totals
}

async function profiled(
  label: string,
  args: string[],
): Promise<{ wall: number; totals: Map<string, number> }> {
  const folder = join(work, label)
  rmSync(folder, { recursive: true, force: true })
  mkdirSync(folder, { recursive: true })
  const started = performance.now()
  await new Promise<void>((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        '--cpu-prof',
        `--cpu-prof-dir=${folder}`,
        cli,
        ...args,
        '-o',
        join(folder, 'out'),
        '--home',
        join(folder, 'home'),
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    )
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`vod-dl exited ${code}`))))
  })
  const wall = performance.now() - started
  const file = readdirSync(folder).find((name) => name.endsWith('.cpuprofile'))
  if (!file) throw new Error('no profile written')
  return {
    wall,
    totals: breakdown(JSON.parse(readFileSync(join(folder, file), 'utf8')) as Profile),
  }
}

function table(
  rows: Array<{ label: string; wall: number; totals: Map<string, number>; perFile?: number }>,
): string {
  const categories = [...new Set(rows.flatMap((row) => [...row.totals.keys()]))].sort()
  const lines = [
    `| main thread | ${rows.map((row) => row.label).join(' | ')} |`,
    `|---|${rows.map(() => '---').join('|')}|`,
  ]
  for (const name of categories) {
    lines.push(
      `| ${name} | ${rows
        .map((row) => {
          const value = row.totals.get(name) ?? 0
          const share =
            (value / [...row.totals.values()].reduce((sum, item) => sum + item, 0)) * 100
          return `${value.toFixed(0)} ms (${share.toFixed(0)} %)${row.perFile ? `, ${((value / row.perFile) * 1000).toFixed(0)} µs/file` : ''}`
        })
        .join(' | ')} |`,
    )
  }
  lines.push(
    `| wall time of the command | ${rows.map((row) => `${(row.wall / 1000).toFixed(2)} s`).join(' | ')} |`,
  )
  return lines.join('\n')
}

const bigMiB = Number(values['big-mib'])
const smallCount = Number(values['small-count'])
mkdirSync(work, { recursive: true })
const server = await startFixtureServer([
  { path: '/big.bin', size: bigMiB * 1024 * 1024 },
  ...Array.from({ length: smallCount }, (_, index) => ({ path: `/small/${index}`, size: 65536 })),
])
try {
  const big = await profiled('large', ['get', `${server.origin}/big.bin`])
  const list = join(work, 'small-list.txt')
  writeFileSync(
    list,
    Array.from({ length: smallCount }, (_, index) => `${server.origin}/small/${index}\n`).join(''),
  )
  const small = await profiled('small', ['get', '-i', list, '-j', '16'])
  console.log(
    table([
      { label: `${bigMiB} MiB, one file`, ...big },
      { label: `${smallCount} × 64 KiB, -j 16`, ...small, perFile: smallCount },
    ]),
  )
} finally {
  await server.close()
}
