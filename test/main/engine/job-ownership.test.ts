import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import {
  orphanVerdict,
  ownerIsAlive,
  systemProcessProbe,
  type JobOwnerFields,
  type ProcessProbe,
} from '../../../src/main/engine/job-ownership'
import type { JobState } from '../../../src/shared/jobs'

const livePids = new Set([100, 200])
const probe: ProcessProbe = {
  host: 'editor-laptop',
  pid: 100,
  isRunning: (pid) => livePids.has(pid),
}
const now = 1_000_000
const self = 'this-manager'

function holder(fields: Partial<JobOwnerFields>): JobOwnerFields {
  return {
    owner: 'other-manager',
    ownerPid: 200,
    ownerHost: 'editor-laptop',
    ownerUntil: now + 60_000,
    ...fields,
  }
}

describe('ownerIsAlive', () => {
  it('asks the process table for a holder on this machine, whatever its claim time says', () => {
    expect(ownerIsAlive(holder({ ownerPid: 200, ownerUntil: now - 1 }), now, probe, self)).toBe(
      true,
    )
    expect(
      ownerIsAlive(holder({ ownerPid: 300, ownerUntil: now + 60_000 }), now, probe, self),
    ).toBe(false)
  })

  it('trusts a holder on another machine until its claim lapses', () => {
    const remote = { ownerHost: 'render-box', ownerPid: 300 }
    expect(ownerIsAlive(holder({ ...remote, ownerUntil: now + 1 }), now, probe, self)).toBe(true)
    expect(ownerIsAlive(holder({ ...remote, ownerUntil: now - 1 }), now, probe, self)).toBe(false)
  })

  it('judges another manager of this same process by its claim time', () => {
    expect(ownerIsAlive(holder({ ownerPid: 100, ownerUntil: now + 1 }), now, probe, self)).toBe(
      true,
    )
    expect(ownerIsAlive(holder({ ownerPid: 100, ownerUntil: now - 1 }), now, probe, self)).toBe(
      false,
    )
  })

  it('is false for no holder and for this manager itself', () => {
    expect(ownerIsAlive(holder({ owner: null }), now, probe, self)).toBe(false)
    expect(ownerIsAlive(holder({ owner: self, ownerPid: 100 }), now, probe, self)).toBe(false)
  })
})

describe('systemProcessProbe', () => {
  it('sees this process and not a finished one', async () => {
    expect(systemProcessProbe.isRunning(process.pid)).toBe(true)
    const child = spawn('true')
    await new Promise((resolve) => child.on('exit', resolve))
    expect(systemProcessProbe.isRunning(child.pid as number)).toBe(false)
  })

  // A zombie: `sleep 0.1` is started by a shell that then becomes `sleep 5`, which never collects
  // its exit status, so the finished process stays in the table (Linux shows the state).
  it.runIf(process.platform === 'linux')(
    'counts a killed process its parent has not reaped yet as gone',
    async () => {
      const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 5'])
      try {
        const zombie = await new Promise<number>((resolve) =>
          parent.stdout.once('data', (data: Buffer) => resolve(Number(data.toString().trim()))),
        )
        await new Promise((resolve) => setTimeout(resolve, 400))
        // Still in the process table, so signal 0 reaches it ...
        expect(() => process.kill(zombie, 0)).not.toThrow()
        // ... but it runs no more.
        expect(systemProcessProbe.isRunning(zombie)).toBe(false)
      } finally {
        parent.kill()
      }
    },
  )
})

describe('orphanVerdict', () => {
  const context = {
    now,
    probe,
    self,
    runningHere: false,
    retryTimerHere: false,
    retryGraceMs: 3_000,
  }
  function job(state: JobState, fields: Partial<JobOwnerFields> = {}, nextAttemptAt?: number) {
    return { ...holder(fields), state, nextAttemptAt: nextAttemptAt ?? null }
  }

  it('takes back a running job whose process died', () => {
    for (const state of ['probing', 'downloading', 'refreshing', 'verifying'] as const) {
      expect(orphanVerdict(job(state, { ownerPid: 300 }), context)).toBe('requeue')
      expect(orphanVerdict(job(state, { ownerPid: 200 }), context)).toBe('leave')
    }
  })

  it('takes back a job this manager holds but no longer runs (a write that failed)', () => {
    expect(orphanVerdict(job('downloading', { owner: self, ownerPid: 100 }), context)).toBe(
      'requeue',
    )
    expect(
      orphanVerdict(job('downloading', { owner: self, ownerPid: 100 }), {
        ...context,
        runningHere: true,
      }),
    ).toBe('leave')
  })

  it('takes back a running job nobody holds', () => {
    expect(orphanVerdict(job('downloading', { owner: null, ownerPid: null }), context)).toBe(
      'requeue',
    )
  })

  it('takes over a retry only once it is overdue by the grace and no timer here will fire it', () => {
    const released = { owner: null, ownerPid: null, ownerUntil: null }
    expect(orphanVerdict(job('retrying', released, now - 3_001), context)).toBe('requeue')
    expect(orphanVerdict(job('retrying', released, now - 2_000), context)).toBe('leave')
    expect(
      orphanVerdict(job('retrying', released, now - 60_000), { ...context, retryTimerHere: true }),
    ).toBe('leave')
  })

  it('leaves waiting and finished jobs alone', () => {
    for (const state of ['queued', 'paused', 'failed', 'completed', 'canceled'] as const) {
      expect(orphanVerdict(job(state, { ownerPid: 300 }), context)).toBe('leave')
    }
  })
})
