import { describe, expect, it } from 'vitest'
import type { WindowCloseInput } from '../../../../src/main/desktop/policies/window-close'
import { decideWindowClose } from '../../../../src/main/desktop/policies/window-close'

const base: WindowCloseInput = {
  platform: 'win32',
  quitting: false,
  runningJobs: 0,
  closeToTray: false,
  hideDockWhenWindowless: false,
  trayAvailable: true,
  hintShown: false,
}

describe('decideWindowClose', () => {
  it('lets the window close while quitting', () => {
    expect(decideWindowClose({ ...base, quitting: true, runningJobs: 4 })).toEqual({
      kind: 'allow',
    })
  })

  it('hides to the tray while jobs run, announcing it the first time only', () => {
    expect(decideWindowClose({ ...base, runningJobs: 2 })).toEqual({
      kind: 'hide',
      hideDock: false,
      announce: true,
    })
    expect(decideWindowClose({ ...base, runningJobs: 2, hintShown: true })).toEqual({
      kind: 'hide',
      hideDock: false,
      announce: false,
    })
  })

  it('hides when close-to-tray is on even with nothing running', () => {
    expect(decideWindowClose({ ...base, closeToTray: true, platform: 'linux' })).toMatchObject({
      kind: 'hide',
    })
  })

  it('quits on Windows and Linux with no jobs and close-to-tray off', () => {
    expect(decideWindowClose({ ...base })).toEqual({ kind: 'quit' })
    expect(decideWindowClose({ ...base, platform: 'linux' })).toEqual({ kind: 'quit' })
  })

  it('follows macOS conventions: stays in the Dock, hides the Dock only on request', () => {
    expect(decideWindowClose({ ...base, platform: 'darwin' })).toEqual({
      kind: 'hide',
      hideDock: false,
      announce: false,
    })
    expect(
      decideWindowClose({
        ...base,
        platform: 'darwin',
        runningJobs: 1,
        hideDockWhenWindowless: true,
      }),
    ).toEqual({ kind: 'hide', hideDock: true, announce: true })
  })

  it('minimizes instead of hiding when there is no tray to come back from', () => {
    expect(decideWindowClose({ ...base, runningJobs: 1, trayAvailable: false })).toEqual({
      kind: 'minimize',
    })
    expect(
      decideWindowClose({
        ...base,
        platform: 'darwin',
        runningJobs: 1,
        trayAvailable: false,
        hideDockWhenWindowless: true,
      }),
    ).toEqual({
      kind: 'hide',
      hideDock: false,
      announce: true,
    })
  })
})
