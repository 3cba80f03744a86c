import { describe, expect, it } from 'vitest'
import { canTransition, recoveredState, transition } from '../../../src/main/engine/job-state'
import { jobStates, type JobState } from '../../../src/shared/jobs'

const running: JobState[] = ['probing', 'downloading', 'refreshing', 'verifying']

describe('the job state machine', () => {
  it('follows the happy path queued → probing → downloading ⇄ refreshing → verifying → completed', () => {
    const path: JobState[] = [
      'queued',
      'probing',
      'downloading',
      'refreshing',
      'downloading',
      'verifying',
      'completed',
    ]
    for (let index = 1; index < path.length; index++) {
      expect(transition(path[index - 1] as JobState, path[index] as JobState)).toBe(path[index])
    }
  })

  it('never leaves completed, and throws on an illegal change instead of storing it', () => {
    for (const to of jobStates) expect(canTransition('completed', to), to).toBe(false)
    expect(() => transition('completed', 'queued')).toThrowError(/illegal job state change/)
    expect(() => transition('queued', 'completed')).toThrowError(/illegal/)
    expect(() => transition('queued', 'downloading')).toThrowError(/illegal/)
  })

  it('lets every running state be paused, failed, canceled or put back in the queue', () => {
    for (const from of running) {
      for (const to of ['paused', 'failed', 'canceled', 'queued'] as const) {
        expect(canTransition(from, to), `${from} → ${to}`).toBe(true)
      }
    }
  })

  it('lets a paused or failed job be queued again, and a retry wait be resumed or paused', () => {
    expect(canTransition('paused', 'queued')).toBe(true)
    expect(canTransition('failed', 'queued')).toBe(true)
    expect(canTransition('retrying', 'queued')).toBe(true)
    expect(canTransition('retrying', 'paused')).toBe(true)
  })

  it('lets a canceled job go back to the queue (a retry starts it over), and nowhere else', () => {
    expect(canTransition('canceled', 'queued')).toBe(true)
    for (const to of jobStates.filter((state) => state !== 'queued')) {
      expect(canTransition('canceled', to), to).toBe(false)
    }
  })

  it('recovers a job that was running when its process died as queued, and keeps the rest', () => {
    for (const state of [...running, 'retrying'] as const)
      expect(recoveredState(state)).toBe('queued')
    for (const state of ['queued', 'paused', 'failed', 'completed', 'canceled'] as const) {
      expect(recoveredState(state)).toBe(state)
    }
  })
})
