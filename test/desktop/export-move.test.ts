// "Export to folder…" with a move, through the real composition root (src/main/desktop/app.ts)
// and the real engine, under the fake Electron module (see composition.test.ts).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const profile = mkdtempSync(path.join(os.tmpdir(), 'vod-export-move-'))

afterAll(() => rmSync(profile, { recursive: true, force: true }))

function runDriver(): string[] {
  const fakes = path.join(root, 'test', 'desktop', 'fake-electron')
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      path.join(fakes, 'hook.mjs'),
      '--import',
      'tsx',
      path.join(fakes, 'export-driver.mts'),
      profile,
    ],
    { cwd: root, encoding: 'utf8', timeout: 60_000 },
  )
  const line = result.stdout.split('\n').find((text) => text.startsWith('LOG:'))
  if (result.status !== 0 || !line)
    throw new Error(`driver failed (${result.status}):\n${result.stdout}\n${result.stderr}`)
  return JSON.parse(line.slice('LOG:'.length)) as string[]
}

describe('moving finished files out with "Export to folder…"', () => {
  it('records the new place on the job, so "Remove with files" never deletes a later download of the old name', () => {
    const log = runDriver()
    expect(log).toEqual([
      `first completed ${path.join('downloads', 'Show', 'clip.mp4')}`,
      'exported 1',
      'recorded export Show/clip.mp4',
      'stored export Show/clip.mp4',
      `second completed ${path.join('downloads', 'Show', 'clip.mp4')}`,
      // The later download under the old name is untouched; the moved file, the job's own, goes.
      'old place second download',
      'new place gone',
    ])
  })
})
