import { describe, expect, it } from 'vitest'
import { TaskbarController } from '../../../../src/main/desktop/adapters/taskbar'
import { FakeBrowserWindow } from '../fakes/electron'

describe('TaskbarController', () => {
  it('sets the bar only when it changes, and never on a destroyed window', () => {
    const window = new FakeBrowserWindow()
    const taskbar = new TaskbarController(window)
    taskbar.render({ value: -1, mode: 'none' })
    expect(window.progress).toEqual([])
    taskbar.render({ value: 0.25, mode: 'normal' })
    taskbar.render({ value: 0.2501, mode: 'normal' })
    taskbar.render({ value: 0.25, mode: 'paused' })
    expect(window.progress).toEqual([
      { value: 0.25, mode: 'normal' },
      { value: 0.25, mode: 'paused' },
    ])
    window.destroyed = true
    taskbar.render({ value: 2, mode: 'indeterminate' })
    expect(window.progress).toHaveLength(2)
  })
})
