/** A rectangle in screen coordinates (DIP), the shape Electron uses. */
export interface Rectangle {
  x: number
  y: number
  width: number
  height: number
}

/** What is remembered about the main window between runs. */
export interface WindowState {
  /** The normal (restored) bounds, even while maximized, so un-maximizing returns there. */
  bounds: Rectangle
  maximized: boolean
}

/** A display's usable area (without taskbar, Dock or menu bar). */
export interface DisplayArea {
  workArea: Rectangle
}

export interface WindowSizeDefaults {
  width: number
  height: number
  minimumWidth: number
  minimumHeight: number
}

export const defaultWindowSize: WindowSizeDefaults = {
  width: 1200,
  height: 780,
  minimumWidth: 720,
  minimumHeight: 480,
}

/** Where to open the window: exact bounds, or just a size to be centered by the OS. */
export interface WindowPlacement {
  bounds: Rectangle | { width: number; height: number }
  maximized: boolean
}

/** Reads a remembered state from untrusted JSON; `null` when unusable. */
export function sanitizeWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null
  const record = value as Record<string, unknown>
  const bounds = record['bounds']
  if (typeof bounds !== 'object' || bounds === null) return null
  const box = bounds as Record<string, unknown>
  const numbers = ['x', 'y', 'width', 'height'].map((key) => box[key])
  if (!numbers.every((number) => typeof number === 'number' && Number.isFinite(number))) return null
  const [x, y, width, height] = numbers as [number, number, number, number]
  if (width <= 0 || height <= 0) return null
  return {
    bounds: {
      x: Math.round(x),
      y: Math.round(y),
      width: Math.round(width),
      height: Math.round(height),
    },
    maximized: record['maximized'] === true,
  }
}

/** The overlapping area of two rectangles (0 when apart). */
export function intersectionArea(left: Rectangle, right: Rectangle): number {
  const width = Math.min(left.x + left.width, right.x + right.width) - Math.max(left.x, right.x)
  const height = Math.min(left.y + left.height, right.y + right.height) - Math.max(left.y, right.y)
  return width > 0 && height > 0 ? width * height : 0
}

/** How much of the title bar must be on a display for the window to count as reachable. */
const minimumVisibleTitleBar = { width: 120, height: 32 }

/**
 * Turns the remembered state into a placement on the displays there are now. A window whose title
 * bar would sit off every display (a monitor was unplugged, the resolution dropped) is centered
 * instead; a window larger than its display is shrunk to fit and moved fully onto it.
 */
export function restoreWindowPlacement(
  saved: WindowState | null,
  displays: readonly DisplayArea[],
  defaults: WindowSizeDefaults = defaultWindowSize,
): WindowPlacement {
  const centered = (maximized: boolean): WindowPlacement => ({
    bounds: { width: defaults.width, height: defaults.height },
    maximized,
  })
  if (!saved || displays.length === 0) return centered(saved?.maximized ?? false)
  const titleBar: Rectangle = {
    x: saved.bounds.x,
    y: saved.bounds.y,
    width: saved.bounds.width,
    height: minimumVisibleTitleBar.height,
  }
  let best: DisplayArea | null = null
  let bestArea = 0
  for (const display of displays) {
    const area = intersectionArea(titleBar, display.workArea)
    if (area > bestArea) {
      best = display
      bestArea = area
    }
  }
  if (!best || bestArea < minimumVisibleTitleBar.width * minimumVisibleTitleBar.height) {
    return centered(saved.maximized)
  }
  const area = best.workArea
  const width = clamp(saved.bounds.width, Math.min(defaults.minimumWidth, area.width), area.width)
  const height = clamp(
    saved.bounds.height,
    Math.min(defaults.minimumHeight, area.height),
    area.height,
  )
  const x = clamp(saved.bounds.x, area.x, area.x + area.width - width)
  const y = clamp(saved.bounds.y, area.y, area.y + area.height - height)
  return { bounds: { x, y, width, height }, maximized: saved.maximized }
}

function clamp(value: number, minimum: number, maximum: number): number {
  return Math.min(Math.max(value, minimum), Math.max(minimum, maximum))
}
