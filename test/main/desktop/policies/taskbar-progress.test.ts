import { describe, expect, it } from 'vitest'
import type { DownloadsAggregate } from '../../../../src/main/desktop/policies/aggregate'
import {
  sameTaskbarProgress,
  taskbarProgress,
} from '../../../../src/main/desktop/policies/taskbar-progress'

function aggregate(patch: Partial<DownloadsAggregate>): DownloadsAggregate {
  return {
    active: 0,
    moving: 0,
    downloading: 0,
    queued: 0,
    paused: 0,
    failed: 0,
    speed: 0,
    doneBytes: 0,
    totalBytes: 0,
    unknownSizeJobs: 0,
    progress: null,
    ...patch,
  }
}

describe('taskbarProgress', () => {
  it('removes the bar when idle', () => {
    expect(taskbarProgress(aggregate({}), 'win32')).toEqual({ value: -1, mode: 'none' })
  })

  it('is indeterminate when no size is known', () => {
    expect(taskbarProgress(aggregate({ active: 1, progress: null }), 'darwin')).toEqual({
      value: 2,
      mode: 'indeterminate',
    })
  })

  it('shows the fraction, red on Windows when something failed', () => {
    expect(taskbarProgress(aggregate({ active: 1, progress: 0.4 }), 'win32')).toEqual({
      value: 0.4,
      mode: 'normal',
    })
    expect(taskbarProgress(aggregate({ active: 1, failed: 1, progress: 0.4 }), 'win32')).toEqual({
      value: 0.4,
      mode: 'error',
    })
    expect(taskbarProgress(aggregate({ active: 1, failed: 1, progress: 0.4 }), 'linux')).toEqual({
      value: 0.4,
      mode: 'normal',
    })
  })

  it('uses the paused mode when only paused jobs remain', () => {
    expect(taskbarProgress(aggregate({ paused: 2, progress: 0.3 }), 'win32')).toEqual({
      value: 0.3,
      mode: 'paused',
    })
  })

  it('leaves a red bar for failures on Windows only', () => {
    expect(taskbarProgress(aggregate({ failed: 1 }), 'win32')).toEqual({ value: 1, mode: 'error' })
    expect(taskbarProgress(aggregate({ failed: 1 }), 'darwin')).toEqual({ value: -1, mode: 'none' })
  })

  it('treats sub-per-mille changes as no change', () => {
    expect(
      sameTaskbarProgress({ value: 0.5001, mode: 'normal' }, { value: 0.5002, mode: 'normal' }),
    ).toBe(true)
    expect(
      sameTaskbarProgress({ value: 0.5, mode: 'normal' }, { value: 0.502, mode: 'normal' }),
    ).toBe(false)
    expect(
      sameTaskbarProgress({ value: 0.5, mode: 'normal' }, { value: 0.5, mode: 'paused' }),
    ).toBe(false)
  })
})
