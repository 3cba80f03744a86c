import { describe, expect, it } from 'vitest'
import { formatBytes, formatPercent, formatSpeed } from '../../../src/main/desktop/format'

describe('format', () => {
  it('formats bytes with binary units', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(-5)).toBe('0 B')
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(12.4 * 1024 * 1024)).toBe('12 MB')
    expect(formatBytes(3 * 1024 ** 4)).toBe('3.0 TB')
    expect(formatSpeed(2048)).toBe('2.0 KB/s')
  })

  it('never rounds an unfinished fraction up to 100 %', () => {
    expect(formatPercent(0.456)).toBe('45%')
    expect(formatPercent(0.9999)).toBe('99%')
    expect(formatPercent(1)).toBe('100%')
    expect(formatPercent(-1)).toBe('0%')
  })
})
