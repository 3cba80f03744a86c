import { describe, expect, it } from 'vitest'
import type { JobProgress, JobSnapshot } from '../../../src/shared/jobs'
import type { Disposable } from '../../../src/main/common/disposable'
import type {
  DownloadsChange,
  JobManagerEventMap,
  JobManagerLike,
} from '../../../src/main/desktop/downloads'
import { createIdleDownloads, downloadsFromJobManager } from '../../../src/main/desktop/downloads'
import { makeJob, makeProgress } from './fakes/downloads'

/** The engine's JobManager surface: a typed emitter under `events`, returning disposables. */
class FakeJobManager implements JobManagerLike {
  readonly calls: string[] = []
  private readonly listeners = new Map<string, Set<(payload: never) => void>>()
  constructor(private readonly jobs: JobSnapshot[]) {}
  list(): JobSnapshot[] {
    return this.jobs
  }
  pauseAll(): void {
    this.calls.push('pauseAll')
  }
  resumeAll(): void {
    this.calls.push('resumeAll')
  }
  stop(): Promise<void> {
    this.calls.push('stop')
    return Promise.resolve()
  }
  readonly events = {
    on: <Name extends keyof JobManagerEventMap>(
      name: Name,
      listener: (payload: JobManagerEventMap[Name]) => void,
    ): Disposable => {
      const set = this.listeners.get(name) ?? new Set()
      set.add(listener)
      this.listeners.set(name, set)
      return { dispose: () => set.delete(listener) }
    },
  }
  emit<Name extends keyof JobManagerEventMap>(name: Name, payload: JobManagerEventMap[Name]): void {
    for (const listener of this.listeners.get(name) ?? [])
      (listener as (value: JobManagerEventMap[Name]) => void)(payload)
  }
  listenerCount(): number {
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0)
  }
}

describe('downloadsFromJobManager', () => {
  it('maps list, pause, resume, stop and the three events', async () => {
    const job = makeJob()
    const manager = new FakeJobManager([job])
    const facade = downloadsFromJobManager(manager)
    expect(facade.list()).toEqual([job])
    await facade.pauseAll()
    await facade.resumeAll()
    await facade.shutdown?.()
    expect(manager.calls).toEqual(['pauseAll', 'resumeAll', 'stop'])

    const changes: DownloadsChange[] = []
    const subscription = facade.onChange((change) => changes.push(change))
    const progress: JobProgress[] = [makeProgress({ id: job.id, speed: 5 })]
    manager.emit('state', job)
    manager.emit('progress', progress)
    manager.emit('removed', [job.id])
    expect(changes).toEqual([
      { kind: 'state', snapshot: job },
      { kind: 'progress', progress },
      { kind: 'removed', ids: [job.id] },
    ])
    subscription.dispose()
    expect(manager.listenerCount()).toBe(0)
  })
})

describe('createIdleDownloads', () => {
  it('has no jobs and accepts every call', async () => {
    const facade = createIdleDownloads()
    expect(facade.list()).toEqual([])
    await facade.pauseAll()
    await facade.resumeAll()
    facade.onChange(() => undefined).dispose()
  })
})
