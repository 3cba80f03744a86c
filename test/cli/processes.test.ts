import { readdirSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { startFixtureServer, type FixtureServer } from '../support/fixture-server'
import { sha256File } from '../support/engine-harness'
import { useCliSandbox } from '../support/cli-process'

let server: FixtureServer | undefined
const sandbox = useCliSandbox('vod-cli-processes-')

afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('vod-dl commands started together on one data folder', () => {
  it('all finish every file, byte-exact, with distinct names, none reporting a locked database', async () => {
    const paths = Array.from({ length: 280 }, (_, index) => `/small/f${index}.bin`)
    server = await startFixtureServer(paths.map((path) => ({ path, size: 64 * 1024 })))
    // Three lists of 100; the second repeats 20 of the first's URLs into the same folder, so two
    // processes download the same names at once.
    const lists = [
      paths.slice(0, 100),
      [...paths.slice(80, 100), ...paths.slice(100, 180)],
      paths.slice(180),
    ]
    const home = join(sandbox.root, 'home')
    const output = join(sandbox.root, 'out')
    const runs = await Promise.all(
      lists.map(async (list, index) => {
        const file = join(sandbox.root, `list${index}.txt`)
        await writeFile(file, list.map((path) => server?.url(path)).join('\n'))
        return sandbox.start(
          ['get', '-i', file, '-j', '8', '-o', output, '--home', home],
          process.env,
        )
      }),
    ).then((started) => Promise.all(started.map((run) => run.done)))
    for (const run of runs) {
      expect(run.stderr).not.toMatch(/locked|busy|usage/i)
      expect(run.code).toBe(0)
    }
    const database = new Database(join(home, 'jobs.sqlite'), { readonly: true })
    const rows = database
      .prepare('SELECT source, file_name, state, owner FROM jobs')
      .all() as Array<{ source: string; file_name: string; state: string; owner: string | null }>
    database.close()
    expect(rows).toHaveLength(300)
    expect(new Set(rows.map((row) => row.file_name)).size).toBe(300)
    for (const row of rows) {
      expect(row).toMatchObject({ state: 'completed', owner: null })
      const path = new URL((JSON.parse(row.source) as { url: string }).url).pathname
      expect(await sha256File(join(output, row.file_name))).toBe(server.file(path).sha256)
    }
    expect(readdirSync(output).sort()).toEqual(rows.map((row) => row.file_name).sort())
  }, 120_000)
})
