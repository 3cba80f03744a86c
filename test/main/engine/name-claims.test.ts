import { describe, expect, it } from 'vitest'
import type { JobState } from '../../../src/shared/jobs'
import { NameClaims } from '../../../src/main/engine/name-claims'

const folder = '/downloads'

describe('NameClaims', () => {
  it('gives a name to one job at a time, and again to the same job', () => {
    const names = new NameClaims('linux')
    expect(names.claim(folder, 'clip.mp4', 1)).toBe(true)
    expect(names.claim(folder, 'clip.mp4', 1)).toBe(true)
    expect(names.claim(folder, 'clip.mp4', 2)).toBe(false)
    expect(names.claim('/elsewhere', 'clip.mp4', 2)).toBe(true)
    expect(names.claim(folder, 'sub/clip.mp4', 2)).toBe(true)
  })

  it('frees a name only for its holder', () => {
    const names = new NameClaims('linux')
    names.claim(folder, 'clip.mp4', 1)
    names.release({ id: 2, directory: folder, fileName: 'clip.mp4' })
    expect(names.claim(folder, 'clip.mp4', 2)).toBe(false)
    names.release({ id: 1, directory: folder, fileName: null })
    expect(names.claim(folder, 'clip.mp4', 2)).toBe(false)
    names.release({ id: 1, directory: folder, fileName: 'clip.mp4' })
    expect(names.claim(folder, 'clip.mp4', 2)).toBe(true)
  })

  it('compares names as the file system does: exactly on Linux, ignoring case elsewhere', () => {
    const linux = new NameClaims('linux')
    linux.claim(folder, 'Clip.mp4', 1)
    expect(linux.claim(folder, 'clip.mp4', 2)).toBe(true)
    for (const platform of ['win32', 'darwin'] as const) {
      const names = new NameClaims(platform)
      names.claim(folder, 'Clip.mp4', 1)
      expect(names.claim(folder, 'clip.MP4', 2)).toBe(false)
      names.release({ id: 1, directory: folder, fileName: 'CLIP.mp4' })
      expect(names.claim(folder, 'clip.MP4', 2)).toBe(true)
    }
  })

  it('restores the names of stored jobs that have not completed or been canceled', () => {
    const names = new NameClaims('linux')
    const states: JobState[] = [
      'queued',
      'probing',
      'downloading',
      'refreshing',
      'retrying',
      'verifying',
      'paused',
      'failed',
      'completed',
      'canceled',
    ]
    names.restore([
      ...states.map((state, index) => ({
        id: index + 1,
        directory: folder,
        fileName: `${state}.mp4`,
        state,
      })),
      { id: 99, directory: folder, fileName: null, state: 'queued' as const },
    ])
    for (const [index, state] of states.entries()) {
      const held = state !== 'completed' && state !== 'canceled'
      expect(names.claim(folder, `${state}.mp4`, 100), state).toBe(!held)
      expect(names.claim(folder, `${state}.mp4`, index + 1), state).toBe(held)
    }
  })
})
