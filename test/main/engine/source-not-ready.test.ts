import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { UrlSource } from '../../../src/shared/jobs'
import { SourceNotReady, type Lease, type SourceResolver } from '../../../src/main/engine/source'
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server'
import { createTestEngine, sha256File, type TestEngine } from '../../support/engine-harness'

/**
 * A source that is not ready yet (an archived master being restored): the job waits in
 * `retrying` until the time the resolver names, spends no attempt, and the wait is kept in the
 * job's row across a restart.
 */

let server: FixtureServer | undefined
const engines: TestEngine[] = []

afterEach(async () => {
  for (const engine of engines.splice(0).reverse()) await engine.cleanup().catch(() => undefined)
  await server?.close()
  server = undefined
})

/** Not ready for the first `waits` resolves (each says "look again in `pauseMs`"), then the file. */
class RestoringResolver implements SourceResolver<UrlSource> {
  readonly kind = 'url' as const
  readonly canRefresh = true
  resolves = 0
  checks: number[] = []
  constructor(
    private waits: number,
    private readonly pauseMs: number,
  ) {}
  resolve(source: UrlSource): Promise<Lease> {
    this.resolves += 1
    if (this.waits > 0) {
      this.waits -= 1
      const checkAt = Date.now() + this.pauseMs
      this.checks.push(checkAt)
      return Promise.reject(new SourceNotReady('RestorePending', 'Archive, restoring', checkAt))
    }
    return Promise.resolve({ url: source.url })
  }
  describe(source: UrlSource): string {
    return source.url
  }
}

describe('a source that is not ready yet', () => {
  it('waits until the named time without spending attempts, then downloads', async () => {
    server = await startFixtureServer([{ path: '/master.mov', size: 300 * 1024 }])
    // More waits than the job has attempts: waiting must not count as failing.
    const resolver = new RestoringResolver(3, 300)
    const engine = await createTestEngine({ resolvers: [resolver], settings: { maxAttempts: 2 } })
    engines.push(engine)
    const job = engine.manager.add({
      source: { kind: 'url', url: server.url('/master.mov') },
      directory: engine.directory,
    })
    engine.manager.start()
    const waiting = await engine.waitForState(job.id, ['retrying'])
    expect(waiting.error?.code).toBe('RestorePending')
    expect(waiting.nextAttemptAt).toBe(resolver.checks[0])
    expect(waiting.attempts).toBe(0)
    const done = await engine.waitForState(job.id, ['completed', 'failed'])
    expect(done.state, JSON.stringify(done.error)).toBe('completed')
    expect(resolver.resolves).toBe(4)
    expect(await sha256File(join(engine.directory, 'master.mov'))).toBe(
      server.file('/master.mov').sha256,
    )
    // Never asked again before the time it was given.
    expect(engine.states.get(job.id)).toEqual(
      expect.arrayContaining(['queued', 'probing', 'retrying', 'downloading', 'completed']),
    )
  })

  it('keeps the wait in the job row across a restart and goes on when it is due', async () => {
    server = await startFixtureServer([{ path: '/cold.mov', size: 200 * 1024 }])
    const restoring = new RestoringResolver(1, 2_500)
    const first = await createTestEngine({ resolvers: [restoring] })
    engines.push(first)
    const job = first.manager.add({
      source: { kind: 'url', url: server.url('/cold.mov') },
      directory: first.directory,
    })
    first.manager.start()
    const waiting = await first.waitForState(job.id, ['retrying'])
    expect(waiting.nextAttemptAt).toBe(restoring.checks[0])
    await first.close()

    const resolver = new RestoringResolver(0, 0)
    const second = await createTestEngine({
      resolvers: [resolver],
      dataFolder: first.dataFolder,
      directory: first.directory,
    })
    engines.push(second)
    second.manager.start()
    const kept = second.manager.get(job.id)
    expect(kept?.state).toBe('retrying')
    expect(kept?.nextAttemptAt).toBe(waiting.nextAttemptAt)
    expect(resolver.resolves).toBe(0)
    const done = await second.waitForState(job.id, ['completed', 'failed'])
    expect(done.state, JSON.stringify(done.error)).toBe('completed')
    // Not before the stored time: the restarted engine did not ask early.
    expect(Date.now()).toBeGreaterThanOrEqual(waiting.nextAttemptAt ?? 0)
    expect(second.logLines.join('\n')).toContain('its next attempt is due')
  })
})
