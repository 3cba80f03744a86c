import { describe, expect, it } from 'vitest'
import {
  defaultWindowSize,
  intersectionArea,
  restoreWindowPlacement,
  sanitizeWindowState,
} from '../../../../src/main/desktop/policies/window-state'

const laptop = { workArea: { x: 0, y: 25, width: 1440, height: 875 } }
const external = { workArea: { x: 1440, y: 0, width: 2560, height: 1415 } }

describe('sanitizeWindowState', () => {
  it('accepts a well-formed state and rounds it', () => {
    expect(
      sanitizeWindowState({ bounds: { x: 1.4, y: 2, width: 800.6, height: 600 }, maximized: true }),
    ).toEqual({
      bounds: { x: 1, y: 2, width: 801, height: 600 },
      maximized: true,
    })
  })

  it('rejects garbage', () => {
    expect(sanitizeWindowState(undefined)).toBeNull()
    expect(sanitizeWindowState({ bounds: { x: 0, y: 0, width: -1, height: 5 } })).toBeNull()
    expect(sanitizeWindowState({ bounds: { x: 'a', y: 0, width: 1, height: 5 } })).toBeNull()
    expect(sanitizeWindowState({ bounds: { x: Number.NaN, y: 0, width: 1, height: 5 } })).toBeNull()
  })
})

describe('restoreWindowPlacement', () => {
  it('centers a default-sized window on a first start', () => {
    expect(restoreWindowPlacement(null, [laptop])).toEqual({
      bounds: { width: defaultWindowSize.width, height: defaultWindowSize.height },
      maximized: false,
    })
  })

  it('restores bounds that are still on a display', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1300, height: 900 }, maximized: true }
    expect(restoreWindowPlacement(saved, [laptop, external])).toEqual(saved)
  })

  it('centers a window whose display was unplugged, keeping maximized', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1300, height: 900 }, maximized: true }
    expect(restoreWindowPlacement(saved, [laptop])).toEqual({
      bounds: { width: defaultWindowSize.width, height: defaultWindowSize.height },
      maximized: true,
    })
  })

  it('shrinks and moves a window that no longer fits', () => {
    const saved = { bounds: { x: 1000, y: 30, width: 2000, height: 1200 }, maximized: false }
    expect(restoreWindowPlacement(saved, [laptop])).toEqual({
      bounds: { x: 0, y: 25, width: 1440, height: 875 },
      maximized: false,
    })
  })

  it('rescues a window whose title bar sits above the screen', () => {
    const saved = { bounds: { x: 100, y: -500, width: 800, height: 600 }, maximized: false }
    expect(restoreWindowPlacement(saved, [laptop]).bounds).toEqual({
      width: defaultWindowSize.width,
      height: defaultWindowSize.height,
    })
  })
})

describe('intersectionArea', () => {
  it('is zero for rectangles that only touch', () => {
    expect(
      intersectionArea(
        { x: 0, y: 0, width: 10, height: 10 },
        { x: 10, y: 0, width: 10, height: 10 },
      ),
    ).toBe(0)
    expect(
      intersectionArea(
        { x: 0, y: 0, width: 10, height: 10 },
        { x: 5, y: 5, width: 10, height: 10 },
      ),
    ).toBe(25)
  })
})
