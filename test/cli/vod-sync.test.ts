import { existsSync, promises as fs } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openBackupManifest } from '../../src/main/database/backup-manifest-repository'
import { startEmulator, type RunningEmulator } from '../../src/emulator/index'
import { useCliSandbox, waitFor, type CliOutcome, type CliProcess } from '../support/cli-process'

let emulator: RunningEmulator | undefined
const sandbox = useCliSandbox('vod-cli-sync-')

afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

function start(args: string[]): CliProcess {
  const running = emulator as RunningEmulator
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    VOD_DL_HOME: join(sandbox.root, 'home'),
    VOD_ENDPOINT: running.endpoint,
    ALIBABA_CLOUD_ACCESS_KEY_ID: running.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: running.accessKeySecret,
  }
  delete environment.ALIBABA_CLOUD_SECURITY_TOKEN
  return sandbox.start(args, environment)
}

function run(args: string[]): Promise<CliOutcome> {
  return start(args).done
}

/** Jobs of the data folder's database that completed, read as another process would. */
function completedJobs(): number {
  const path = join(sandbox.root, 'home', 'jobs.sqlite')
  if (!existsSync(path)) return 0
  const reader = new Database(path, { readonly: true })
  try {
    const row = reader.prepare("SELECT count(*) AS n FROM jobs WHERE state = 'completed'").get() as
      { n: number } | undefined
    return row?.n ?? 0
  } catch {
    return 0
  } finally {
    reader.close()
  }
}

function allJobs(): Array<{ file_name: string | null; state: string }> {
  const reader = new Database(join(sandbox.root, 'home', 'jobs.sqlite'), { readonly: true })
  try {
    return reader.prepare('SELECT file_name, state FROM jobs').all() as Array<{
      file_name: string | null
      state: string
    }>
  } finally {
    reader.close()
  }
}

function apiCalls(mark: number, action: string): number {
  return (emulator as RunningEmulator).log
    .slice(mark)
    .filter((entry) => entry.kind === 'api' && entry.action === action).length
}

describe('vod-dl vod sync', () => {
  it('plans with --dry-run --json, then copies the library, then a second run downloads nothing', async () => {
    emulator = await startEmulator({ largeSourceBytes: 1024 * 1024 })
    const plan = await run(['vod', 'sync', '-o', 'backup', '--dry-run', '--json'])
    expect(plan.code, plan.stderr).toBe(0)
    const planned = JSON.parse(plan.stdout) as {
      dryRun: boolean
      items: { new: number }
      download: { files: number; bytes: number; byAddressType: { cdn: { files: number } } }
    }
    expect(planned.dryRun).toBe(true)
    expect(planned.items.new).toBeGreaterThan(70)
    expect(planned.download.files).toBeGreaterThan(50)
    expect(planned.download.byAddressType.cdn.files).toBeGreaterThan(0)
    // A dry run writes nothing but its manifest.
    const entries = await fs.readdir(join(sandbox.root, 'backup'))
    expect(entries).toEqual(['.vod-backup'])

    const first = await run(['vod', 'sync', '-o', 'backup'])
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toMatch(/Backup of video, audio, image into/)
    expect(first.stdout).toContain(`Done: ${planned.download.files} downloaded`)

    const mark = emulator.log.length
    const second = await run(['vod', 'sync', '-o', 'backup'])
    expect(second.code, second.stderr).toBe(0)
    expect(second.stdout).toContain('Downloads: nothing (0 bytes)')
    expect(second.stdout).toMatch(/API calls: \d+/)
    expect(apiCalls(mark, 'SearchMedia')).toBe(3)
  })

  it('continues after kill -9 while downloading: nothing listed again, every file once', async () => {
    emulator = await startEmulator({ largeSourceBytes: 1024 * 1024 })
    const first = start([
      'vod',
      'sync',
      '-o',
      'backup',
      '--type',
      'video',
      '-j',
      '2',
      '--limit',
      '1M',
    ])
    await waitFor(() => completedJobs() >= 5, 60_000)
    first.child.kill('SIGKILL')
    await first.done

    const mark = emulator.log.length
    const second = await run(['vod', 'sync', '-o', 'backup', '--type', 'video'])
    expect(second.code, second.stderr).toBe(0)
    expect(second.stderr).toContain('continued the unfinished sync')
    expect(apiCalls(mark, 'SearchMedia')).toBe(0)
    expect(apiCalls(mark, 'GetVideoInfos')).toBe(0)

    const manifest = openBackupManifest(join(sandbox.root, 'backup'))
    const files = manifest.listFiles({ mediaId: '', selector: '' }, 10_000)
    manifest.close()
    expect(files.length).toBeGreaterThan(30)
    for (const file of files) {
      const stats = await fs.stat(join(sandbox.root, 'backup', file.localPath))
      expect(stats.size).toBe(file.size)
    }
    // Every file once: no second copy under a numbered name, nothing in the trash, and no job
    // left behind (the manifest records the files; finished jobs are dropped).
    const onDisk = (await fs.readdir(join(sandbox.root, 'backup'), { recursive: true })).map(String)
    expect(onDisk.filter((name) => / \(\d+\)/.test(name))).toEqual([])
    expect(onDisk.some((name) => name.includes('trash'))).toBe(false)
    expect(allJobs()).toEqual([])

    const third = await run(['vod', 'sync', '-o', 'backup', '--type', 'video'])
    expect(third.stdout).toContain('Downloads: nothing (0 bytes)')
  })

  it('explains what it needs', async () => {
    emulator = await startEmulator()
    const missing = await run(['vod', 'sync'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('-o DIR')
    const both = await run(['vod', 'sync', '-o', 'x', '--all', '--category', '3'])
    expect(both.code).toBe(2)
    const template = await run(['vod', 'sync', '-o', 'x', '--template', '{title}/{kind}.{ext}'])
    expect(template.code).toBe(1)
    expect(template.stderr).toContain('{mediaId}')
  })
})
