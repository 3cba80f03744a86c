/**
 * Which HTTP client carries the bytes: got, Node's `node:http`, or undici (Node's own fetch
 * engine, here through its `request` API). Each fetches the same bodies from a local server in
 * a child process (so this process's CPU time is the client's alone):
 *
 *   - many small files: `--count` requests of 64 KiB, 16 at a time, bodies read and dropped;
 *   - one large body: `--mib` MiB on one connection, read and dropped.
 *
 *   npx tsx bench/http-clients.ts [--count 4000] [--mib 1024] [--rounds 3]
 *
 * Prints wall time and CPU time (user + system of this process) per client, median of the
 * rounds, clients alternating. Not a test: the figures go into the README.
 */
import { fork } from 'node:child_process'
import http from 'node:http'
import { parseArgs } from 'node:util'
import got from 'got'
import type * as UndiciNamespace from 'undici'

type UndiciModule = typeof UndiciNamespace

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '4000' },
    mib: { type: 'string', default: '1024' },
    rounds: { type: 'string', default: '3' },
    serve: { type: 'boolean', default: false },
  },
})

if (values.serve) {
  // The server: 64 KiB at /small, `mib` MiB at /large, from one shared buffer.
  const small = Buffer.alloc(64 * 1024, 1)
  const block = Buffer.alloc(1024 * 1024, 2)
  const mib = Number(values.mib)
  const server = http.createServer((request, response) => {
    if (request.url === '/small') {
      response.writeHead(200, { 'content-length': String(small.length) })
      response.end(small)
      return
    }
    response.writeHead(200, { 'content-length': String(mib * block.length) })
    let sent = 0
    const pump = (): void => {
      while (sent < mib) {
        sent += 1
        if (!response.write(block)) {
          response.once('drain', pump)
          return
        }
      }
      response.end()
    }
    pump()
  })
  server.listen(0, '127.0.0.1', () => {
    process.send?.((server.address() as { port: number }).port)
  })
}

type Fetch = (url: string) => Promise<number>

function clients(): Record<string, { fetch: Fetch; close: () => Promise<void> }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64, scheduling: 'lifo' })
  return {
    got: {
      fetch: async (url) => {
        const stream = got.stream(url, {
          agent: { http: agent },
          decompress: false,
          throwHttpErrors: false,
          retry: { limit: 0 },
          headers: { 'accept-encoding': 'identity' },
        })
        let bytes = 0
        for await (const chunk of stream) bytes += (chunk as Buffer).length
        return bytes
      },
      close: () => Promise.resolve(agent.destroy()),
    },
    'node:http': {
      fetch: (url) =>
        new Promise((resolve, reject) => {
          const request = http.get(url, { agent, headers: { 'accept-encoding': 'identity' } })
          request.once('error', reject)
          request.once('response', (response) => {
            let bytes = 0
            response.on('data', (chunk: Buffer) => (bytes += chunk.length))
            response.once('end', () => resolve(bytes))
            response.once('error', reject)
          })
        }),
      close: () => Promise.resolve(agent.destroy()),
    },
    ...undiciClient(),
  }
}

/** undici when it is installed (it is not a dependency of the product; the benchmark tries it). */
function undiciClient(): Record<string, { fetch: Fetch; close: () => Promise<void> }> {
  if (!undici) return {}
  const pool = new undici.Agent({ connections: 64 })
  return {
    undici: {
      fetch: async (url) => {
        const { body } = await undici!.request(url, {
          dispatcher: pool,
          headers: { 'accept-encoding': 'identity' },
        })
        let bytes = 0
        for await (const chunk of body) bytes += (chunk as Buffer).length
        return bytes
      },
      close: () => pool.close(),
    },
  }
}

let undici: UndiciModule | undefined

async function measure(task: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  const started = performance.now()
  const cpu = process.cpuUsage()
  await task()
  const used = process.cpuUsage(cpu)
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

async function compare(): Promise<void> {
  try {
    undici = await import('undici')
  } catch {
    undici = undefined
  }
  const server = fork(new URL(import.meta.url).pathname, ['--serve', '--mib', String(values.mib)], {
    execArgv: ['--import', 'tsx'],
  })
  const port = await new Promise<number>((resolve) =>
    server.once('message', (m) => resolve(m as number)),
  )
  const count = Number(values.count)
  const rounds = Number(values.rounds)
  const origin = `http://127.0.0.1:${port}`
  const results = new Map<
    string,
    { small: { wall: number; cpu: number }[]; large: { wall: number; cpu: number }[] }
  >()
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [name, client] of Object.entries(clients())) {
        const entry = results.get(name) ?? { small: [], large: [] }
        results.set(name, entry)
        // Warm up: open the sockets.
        await Promise.all(Array.from({ length: 16 }, () => client.fetch(`${origin}/small`)))
        entry.small.push(
          await measure(async () => {
            let next = 0
            await Promise.all(
              Array.from({ length: 16 }, async () => {
                while (next < count) {
                  next += 1
                  await client.fetch(`${origin}/small`)
                }
              }),
            )
          }),
        )
        entry.large.push(await measure(async () => void (await client.fetch(`${origin}/large`))))
        await client.close()
      }
    }
  } finally {
    server.kill()
  }
  console.log(
    `| client | ${count} × 64 KiB, 16 at a time: wall | CPU per request | ${values.mib} MiB on one connection: wall | CPU |`,
  )
  console.log('|---|---|---|---|---|')
  for (const [name, entry] of results) {
    const small = {
      wall: median(entry.small.map((m) => m.wall)),
      cpu: median(entry.small.map((m) => m.cpu)),
    }
    const large = {
      wall: median(entry.large.map((m) => m.wall)),
      cpu: median(entry.large.map((m) => m.cpu)),
    }
    console.log(
      `| ${name} | ${(small.wall / 1000).toFixed(2)} s | ${((small.cpu / count) * 1000).toFixed(0)} µs | ${(large.wall / 1000).toFixed(2)} s | ${(large.cpu / 1000).toFixed(2)} s |`,
    )
  }
}

if (!values.serve) await compare()
