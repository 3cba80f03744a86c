import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { JobSnapshot } from '../../src/shared/jobs'
import { startEmulator, type RunningEmulator } from '../../src/emulator/index'
import { useCliSandbox, waitFor, type CliOutcome } from '../support/cli-process'

/** Sources in Archive / Cold Archive storage: skipped with why, or restored first with --restore. */

let emulator: RunningEmulator | undefined
const sandbox = useCliSandbox('vod-cli-restore-')

afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

function environment(): NodeJS.ProcessEnv {
  const running = emulator as RunningEmulator
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    VOD_DL_HOME: join(sandbox.root, 'home'),
    VOD_ENDPOINT: running.endpoint,
    ALIBABA_CLOUD_ACCESS_KEY_ID: running.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: running.accessKeySecret,
  }
  delete env.ALIBABA_CLOUD_SECURITY_TOKEN
  return env
}

function run(args: string[]): Promise<CliOutcome> {
  return sandbox.start(args, environment()).done
}

function apiCalls(running: RunningEmulator, action: string): number {
  return running.log.filter((entry) => entry.kind === 'api' && entry.action === action).length
}

async function jobs(): Promise<JobSnapshot[]> {
  const listed = await run(['jobs', '--json'])
  return JSON.parse(listed.stdout) as JobSnapshot[]
}

async function expectSourceWritten(running: RunningEmulator, mediaId: string): Promise<void> {
  const media = running.library.findMedia(mediaId)
  const expected = await fs.readFile(join(running.library.mediaDirectory, media?.source.file ?? ''))
  const written = await fs.readFile(join(sandbox.root, 'out', media?.source.fileName ?? ''))
  expect(written.equals(expected)).toBe(true)
}

describe('vod-dl and archived sources', () => {
  it('skips an archived source with the reason and asks for no restore without --restore', async () => {
    const running = (emulator = await startEmulator({ restoreSeconds: 1 }))
    const { roles } = running.library
    const result = await run([
      'vod',
      'get',
      roles.archivedSource,
      roles.normalWithHdMp4,
      '-o',
      'out',
    ])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      new RegExp(
        `${roles.archivedSource} .*\\.mp4: The source is in archive storage .*--restore.*\\(SourceArchive\\)`,
      ),
    )
    // The other item downloads as usual; the archived one made no job and no restore.
    const done = await jobs()
    expect(done.map((job) => job.label.slice(0, 32))).toEqual([roles.normalWithHdMp4])
    expect(done[0]?.state).toBe('completed')
    expect(apiCalls(running, 'RestoreMedia')).toBe(0)
    expect(running.restoreOf(roles.archivedSource)).toBeUndefined()
  })

  it('restores a Cold Archive source with the tier and days asked for, waits, then downloads it', async () => {
    const running = (emulator = await startEmulator({ restoreSeconds: 2 }))
    const id = running.library.roles.coldArchive
    const result = await run([
      'vod',
      'get',
      id,
      '--restore',
      '--restore-tier',
      'Expedited',
      '--restore-days',
      '3',
      '-o',
      'out',
    ])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain(
      `(Cold Archive).mp4: ColdArchive; restoring first (tier Expedited, readable for 3 days; billed as data retrieval), then downloading`,
    )
    expect(result.stderr).toMatch(/being restored from archive storage.*tier Expedited/)
    expect(running.restoreOf(id)).toEqual({ status: 'Success', tier: 'Expedited', days: 3 })
    expect(apiCalls(running, 'RestoreMedia')).toBe(1)
    // Listing, asking for the restore, at least one look while it ran, and the address.
    expect(apiCalls(running, 'GetMezzanineInfo')).toBeGreaterThanOrEqual(3)
    await expectSourceWritten(running, id)
    const [job] = await jobs()
    expect(job?.state).toBe('completed')
    expect(job?.source.kind === 'vod' && job.source.reference.restore).toEqual({
      tier: 'Expedited',
      days: 3,
    })
  })

  it('goes on waiting for a restore after the command was killed, and downloads once it completes', async () => {
    const running = (emulator = await startEmulator({ restoreSeconds: 8 }))
    const id = running.library.roles.archivedSource
    const first = sandbox.start(['vod', 'get', id, '--restore', '-o', 'out'], environment())
    let stderr = ''
    first.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    // Killed while the restore runs: the job is waiting in the database with its next check.
    await waitFor(() => running.restoreOf(id)?.status === 'Processing' && /restored/.test(stderr))
    first.child.kill('SIGKILL')
    await first.done
    const [waiting] = await jobs()
    expect(waiting?.state).toBe('retrying')
    expect(waiting?.error?.code).toBe('RestorePending')
    expect(waiting?.nextAttemptAt).toBeGreaterThan(Date.now() - 10_000)

    const resumed = await run(['resume', '--all'])
    expect(resumed.code, resumed.stderr).toBe(0)
    // One restore only: the resumed command found it running and waited for it.
    expect(apiCalls(running, 'RestoreMedia')).toBe(1)
    await expectSourceWritten(running, id)
    expect((await jobs())[0]?.state).toBe('completed')
  })

  it('fails the job with why when the restore fails', async () => {
    const running = (emulator = await startEmulator({ restoreSeconds: 1 }))
    const id = running.library.roles.archivedSource
    running.failRestore(id)
    const result = await run(['vod', 'get', id, '--restore', '-o', 'out'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /Restoring the source from archive storage failed.*RestoreStatus Failed/,
    )
    const [job] = await jobs()
    expect(job?.state).toBe('failed')
    expect(job?.error?.code).toBe('RestoreFailed')
  })

  it('lists an archived source with its storage class and why it cannot be downloaded', async () => {
    emulator = await startEmulator()
    const id = emulator.library.roles.coldArchive
    const table = await run(['vod', 'files', id])
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout.split('\n')[0]).toMatch(/— storage ColdArchive$/)
    expect(table.stdout).toMatch(/source .*no: The source is in archive storage/)
    const json = await run(['vod', 'files', id, '--json'])
    const listed = JSON.parse(json.stdout) as {
      files: Array<{ kind: string; reason?: string; storageClass?: string; restorable?: boolean }>
    }
    expect(listed.files.find((file) => file.kind === 'source')).toMatchObject({
      reason: 'Archived',
      storageClass: 'ColdArchive',
      restorable: true,
    })
  })

  it('refuses a restore tier or days without --restore, and an unknown tier', async () => {
    emulator = await startEmulator()
    const id = emulator.library.roles.archivedSource
    const tierAlone = await run(['vod', 'get', id, '--restore-tier', 'Bulk'])
    expect(tierAlone.code).toBe(2)
    expect(tierAlone.stderr).toContain('--restore-tier and --restore-days go with --restore')
    const unknown = await run(['vod', 'get', id, '--restore', '--restore-tier', 'Fast'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('--restore-tier must be one of Expedited, Standard, Bulk')
  })
})
