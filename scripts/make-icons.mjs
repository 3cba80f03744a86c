#!/usr/bin/env node
// Draws the app, tray and drag icons with plain Node (a tiny anti-aliased rasterizer and a
// hand-written PNG encoder over zlib) and writes them to resources/. The PNGs are committed; run
// this again only when the artwork changes:  node scripts/make-icons.mjs
//
// electron-builder turns resources/icon.png (1024 px) into .icns and .ico at packaging time.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { deflateSync } from 'node:zlib'

const root = path.resolve(import.meta.dirname, '..', 'resources')

// ---------------------------------------------------------------------------------------------
// PNG encoding (RGBA, 8 bits per channel, filter type 0 on every row).

const crcTable = new Uint32Array(256).map((_, index) => {
  let value = index
  for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1
  return value >>> 0
})

function crc32(bytes) {
  let crc = 0xffffffff
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typeAndData))
  return Buffer.concat([length, typeAndData, crc])
}

/** Encodes straight (non-premultiplied) RGBA bytes as a PNG file. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // colour type: RGBA
  header[10] = 0 // compression
  header[11] = 0 // filter method
  header[12] = 0 // no interlace
  const rows = Buffer.alloc((width * 4 + 1) * height)
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

// ---------------------------------------------------------------------------------------------
// Rasterizing: shapes are inside-tests in unit coordinates (0..1 across the icon); each pixel
// takes 4×4 samples for anti-aliasing and shapes are painted back to front.

class Canvas {
  constructor(size) {
    this.size = size
    this.pixels = new Float64Array(size * size * 4) // premultiplied RGBA, 0..1
  }

  /** Paints a shape; `color` is [r, g, b, a?] in 0..1, or a function of the row (0..1). */
  fill(inside, color) {
    const samples = 4
    for (let py = 0; py < this.size; py++) {
      const [red, green, blue, alpha = 1] =
        typeof color === 'function' ? color(py / Math.max(1, this.size - 1)) : color
      for (let px = 0; px < this.size; px++) {
        let hits = 0
        for (let sy = 0; sy < samples; sy++) {
          for (let sx = 0; sx < samples; sx++) {
            const x = (px + (sx + 0.5) / samples) / this.size
            const y = (py + (sy + 0.5) / samples) / this.size
            if (inside(x, y)) hits++
          }
        }
        if (hits === 0) continue
        const coverage = (hits / (samples * samples)) * alpha
        const index = (py * this.size + px) * 4
        const keep = 1 - coverage
        this.pixels[index] = red * coverage + this.pixels[index] * keep
        this.pixels[index + 1] = green * coverage + this.pixels[index + 1] * keep
        this.pixels[index + 2] = blue * coverage + this.pixels[index + 2] * keep
        this.pixels[index + 3] = coverage + this.pixels[index + 3] * keep
      }
    }
    return this
  }

  /** A vertical gradient from `top` to `bottom`. */
  fillGradient(inside, top, bottom) {
    return this.fill(inside, (t) =>
      top.map((value, channel) => value + (bottom[channel] - value) * t),
    )
  }

  png() {
    const bytes = Buffer.alloc(this.size * this.size * 4)
    for (let index = 0; index < this.size * this.size; index++) {
      const alpha = this.pixels[index * 4 + 3]
      for (let channel = 0; channel < 3; channel++) {
        const value = alpha > 0 ? this.pixels[index * 4 + channel] / alpha : 0
        bytes[index * 4 + channel] = Math.round(Math.min(1, Math.max(0, value)) * 255)
      }
      bytes[index * 4 + 3] = Math.round(Math.min(1, alpha) * 255)
    }
    return encodePng(this.size, this.size, bytes)
  }
}

const roundedRect = (left, top, right, bottom, radius) => (x, y) => {
  if (x < left || x > right || y < top || y > bottom) return false
  const cx = Math.min(Math.max(x, left + radius), right - radius)
  const cy = Math.min(Math.max(y, top + radius), bottom - radius)
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2
}
const circle = (cx, cy, radius) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2
const ring = (cx, cy, inner, outer) => (x, y) => {
  const distance = Math.hypot(x - cx, y - cy)
  return distance >= inner && distance <= outer
}
/** A ring segment from `start` (0 = 12 o'clock, 0.25 = 3 o'clock), clockwise over `fraction`. */
const arc =
  (cx, cy, inner, outer, fraction, start = 0) =>
  (x, y) => {
    if (!ring(cx, cy, inner, outer)(x, y)) return false
    let turn = Math.atan2(x - cx, -(y - cy)) / (2 * Math.PI) - start
    turn -= Math.floor(turn)
    return turn <= fraction
  }
const polygon = (points) => (x, y) => {
  let inside = false
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]
    const [xj, yj] = points[j]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}
const union =
  (...shapes) =>
  (x, y) =>
    shapes.some((shape) => shape(x, y))
/** Scales a shape drawn in the unit square into the box (left, top, size). */
const place = (shape, left, top, size) => (x, y) => shape((x - left) / size, (y - top) / size)

/** The download arrow with its base line, in the unit square. */
const arrow = union(
  roundedRect(0.4, 0.08, 0.6, 0.56, 0.03),
  polygon([
    [0.16, 0.48],
    [0.84, 0.48],
    [0.5, 0.82],
  ]),
  roundedRect(0.14, 0.86, 0.86, 0.97, 0.04),
)
/** A slightly fatter arrow, drawn first in a dark colour to outline the white one. */
const arrowOutline = union(
  roundedRect(0.34, 0.03, 0.66, 0.6, 0.06),
  polygon([
    [0.06, 0.43],
    [0.94, 0.43],
    [0.5, 0.9],
  ]),
  roundedRect(0.08, 0.81, 0.92, 1.0, 0.07),
)

const colors = {
  blueTop: [0.2, 0.47, 0.98],
  blueBottom: [0.1, 0.2, 0.55],
  film: [0.06, 0.09, 0.16],
  frame: [0.33, 0.74, 0.97],
  white: [1, 1, 1],
  track: [0.5, 0.55, 0.62, 0.45],
  progress: [0.13, 0.7, 0.38],
  active: [0.16, 0.5, 0.96],
  amber: [0.96, 0.66, 0.1],
  red: [0.88, 0.2, 0.2],
  black: [0, 0, 0],
  blackTrack: [0, 0, 0, 0.3],
}

// ---------------------------------------------------------------------------------------------
// The app icon: a film frame with a download arrow, on a rounded blue square.

function appIcon(size) {
  const canvas = new Canvas(size)
  canvas.fillGradient(roundedRect(0.06, 0.06, 0.94, 0.94, 0.2), colors.blueTop, colors.blueBottom)
  canvas.fill(roundedRect(0.2, 0.16, 0.8, 0.66, 0.05), colors.film)
  canvas.fill(roundedRect(0.33, 0.21, 0.67, 0.61, 0.02), colors.frame)
  if (size >= 48) {
    for (const y of [0.2, 0.31, 0.42, 0.53]) {
      canvas.fill(roundedRect(0.235, y, 0.285, y + 0.07, 0.012), colors.white)
      canvas.fill(roundedRect(0.715, y, 0.765, y + 0.07, 0.012), colors.white)
    }
  }
  canvas.fill(place(arrowOutline, 0.3, 0.34, 0.4), colors.film)
  canvas.fill(place(arrow, 0.3, 0.34, 0.4), colors.white)
  return canvas.png()
}

// ---------------------------------------------------------------------------------------------
// Tray icons: a progress ring around the arrow. Coloured for Windows and Linux, black-and-alpha
// "Template" images for the macOS menu bar, which tints them for light and dark mode.

function trayIcon(size, variant, template) {
  const canvas = new Canvas(size)
  const track = template ? colors.blackTrack : colors.track
  const withRing = variant.startsWith('progress-') || variant === 'active' || variant === 'paused'
  if (variant === 'error') {
    canvas.fill(circle(0.5, 0.5, 0.47), template ? colors.black : colors.red)
    const mark = union(roundedRect(0.43, 0.2, 0.57, 0.6, 0.05), circle(0.5, 0.74, 0.075))
    if (template) {
      // Template images cannot use white; cut the mark out instead.
      const disc = circle(0.5, 0.5, 0.47)
      const cut = new Canvas(size)
      cut.fill((x, y) => disc(x, y) && !mark(x, y), colors.black)
      return cut.png()
    }
    canvas.fill(mark, colors.white)
    return canvas.png()
  }
  if (withRing) {
    canvas.fill(ring(0.5, 0.5, 0.36, 0.48), track)
    const arcColor = template ? colors.black : colors.progress
    if (variant === 'active') {
      // Size unknown: two opposite segments, a spinner frozen in place, unlike any real progress.
      canvas.fill(
        union(arc(0.5, 0.5, 0.36, 0.48, 0.16, 0.92), arc(0.5, 0.5, 0.36, 0.48, 0.16, 0.42)),
        arcColor,
      )
    } else if (variant.startsWith('progress-')) {
      const fraction = Number(variant.slice('progress-'.length)) / 100
      if (fraction > 0) canvas.fill(arc(0.5, 0.5, 0.36, 0.48, fraction), arcColor)
    }
  }
  if (variant === 'paused') {
    const bars = union(
      roundedRect(0.34, 0.3, 0.45, 0.7, 0.03),
      roundedRect(0.55, 0.3, 0.66, 0.7, 0.03),
    )
    canvas.fill(bars, template ? colors.black : colors.amber)
    return canvas.png()
  }
  const inner = withRing ? place(arrow, 0.27, 0.25, 0.46) : place(arrow, 0.1, 0.06, 0.8)
  // Blue reads on both light and dark taskbars and panels; dark ink would vanish on a dark one.
  canvas.fill(inner, template ? colors.black : colors.active)
  return canvas.png()
}

// ---------------------------------------------------------------------------------------------
// Drag images: a sheet of film for one file, a stack of two for several.

function dragIcon(size, several) {
  const canvas = new Canvas(size)
  const sheet = (left, top) => {
    canvas.fill(roundedRect(left, top, left + 0.62, top + 0.78, 0.06), colors.film)
    canvas.fill(roundedRect(left + 0.12, top + 0.1, left + 0.5, top + 0.68, 0.03), colors.frame)
  }
  if (several) sheet(0.3, 0.06)
  sheet(several ? 0.1 : 0.19, several ? 0.16 : 0.11)
  canvas.fill(place(arrowOutline, 0.52, 0.5, 0.42), colors.film)
  canvas.fill(place(arrow, 0.52, 0.5, 0.42), colors.white)
  return canvas.png()
}

// ---------------------------------------------------------------------------------------------

function write(relative, bytes) {
  const file = path.join(root, relative)
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, bytes)
  console.log(`${relative} (${bytes.length} bytes)`)
}

const trayVariants = [
  'idle',
  'active',
  'progress-0',
  'progress-25',
  'progress-50',
  'progress-75',
  'progress-100',
  'paused',
  'error',
]

for (const size of [16, 32, 48, 64, 128, 256, 512, 1024])
  write(`icons/${size}x${size}.png`, appIcon(size))
write('icon.png', appIcon(1024))
for (const variant of trayVariants) {
  write(`tray/${variant}.png`, trayIcon(16, variant, false))
  write(`tray/${variant}@2x.png`, trayIcon(32, variant, false))
  write(`tray/${variant}Template.png`, trayIcon(16, variant, true))
  write(`tray/${variant}Template@2x.png`, trayIcon(32, variant, true))
}
write('drag/drag-file.png', dragIcon(64, false))
write('drag/drag-file@2x.png', dragIcon(128, false))
write('drag/drag-files.png', dragIcon(64, true))
write('drag/drag-files@2x.png', dragIcon(128, true))
