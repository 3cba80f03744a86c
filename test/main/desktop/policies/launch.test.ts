import { describe, expect, it } from 'vitest'
import {
  parseLaunchArguments,
  secondInstanceAction,
  shouldStartHidden,
} from '../../../../src/main/desktop/policies/launch'

describe('parseLaunchArguments', () => {
  it('reads --hidden and --user-data-dir and ignores the rest', () => {
    expect(
      parseLaunchArguments([
        '/app/electron',
        '.',
        '--hidden',
        '--user-data-dir=/home/editor/.config/vod-profile',
        '--inspect=0',
      ]),
    ).toEqual({
      hidden: true,
      userDataDirectory: '/home/editor/.config/vod-profile',
      demo: false,
    })
    expect(parseLaunchArguments(['app', '--user-data-dir="C:\\Profiles\\Two"'])).toEqual({
      hidden: false,
      userDataDirectory: 'C:\\Profiles\\Two',
      demo: false,
    })
    expect(parseLaunchArguments(['app', '--user-data-dir='])).toEqual({
      hidden: false,
      userDataDirectory: null,
      demo: false,
    })
    expect(parseLaunchArguments(['electron', '.', '--demo']).demo).toBe(true)
  })
})

describe('shouldStartHidden', () => {
  it('starts hidden with --hidden or a macOS login launch', () => {
    expect(
      shouldStartHidden({ argv: ['app', '--hidden'], platform: 'win32', wasOpenedAtLogin: false }),
    ).toBe(true)
    expect(shouldStartHidden({ argv: ['app'], platform: 'darwin', wasOpenedAtLogin: true })).toBe(
      true,
    )
    expect(shouldStartHidden({ argv: ['app'], platform: 'linux', wasOpenedAtLogin: true })).toBe(
      false,
    )
    expect(shouldStartHidden({ argv: ['app'], platform: 'darwin', wasOpenedAtLogin: false })).toBe(
      false,
    )
  })
})

describe('secondInstanceAction', () => {
  it('shows the first window unless the second launch was a hidden login start', () => {
    expect(secondInstanceAction(['app'])).toEqual({ show: true })
    expect(secondInstanceAction(['app', '--hidden'])).toEqual({ show: false })
  })
})
