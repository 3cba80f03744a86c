import { describe, expect, it } from 'vitest'
import {
  formatBitrate,
  formatBytes,
  formatDate,
  formatDateTime,
  formatEta,
  formatMediaDuration,
  formatPercent,
  formatResolution,
  formatSpeed,
  secondsUntil,
  unknownValue,
} from '../../src/shared/format'

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KB'],
    [1536, '1.5 KB'],
    [15 * 1024 * 1024, '15 MB'],
    [1024 * 1024 - 1, '1.0 MB'],
    [1.5 * 1024 ** 3, '1.5 GB'],
    [300 * 1024 ** 4, '300 TB'],
  ])('formats %d bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text)
  })

  it('shows unknown sizes as a dash', () => {
    expect(formatBytes(null)).toBe(unknownValue)
    expect(formatBytes(Number.NaN)).toBe(unknownValue)
    expect(formatBytes(-1)).toBe(unknownValue)
  })
})

describe('formatSpeed', () => {
  it('formats per second and hides zero', () => {
    expect(formatSpeed(2.5 * 1024 * 1024)).toBe('2.5 MB/s')
    expect(formatSpeed(0)).toBe(unknownValue)
    expect(formatSpeed(null)).toBe(unknownValue)
  })
})

describe('formatEta', () => {
  it.each([
    [0, '0s', '0秒'],
    [45, '45s', '45秒'],
    [185, '3m 05s', '3分05秒'],
    [7500, '2h 05m', '2小时05分'],
    [90_000, '1d 1h', '1天1小时'],
  ])('formats %d seconds', (seconds, english, chinese) => {
    expect(formatEta(seconds, 'en')).toBe(english)
    expect(formatEta(seconds, 'zh-CN')).toBe(chinese)
  })

  it('shows an unknown estimate as a dash', () => {
    expect(formatEta(null, 'en')).toBe(unknownValue)
    expect(formatEta(Number.POSITIVE_INFINITY, 'zh-CN')).toBe(unknownValue)
  })
})

describe('media figures', () => {
  it('formats durations like a player', () => {
    expect(formatMediaDuration(65)).toBe('1:05')
    expect(formatMediaDuration(3723.4)).toBe('1:02:03')
    expect(formatMediaDuration(null)).toBe(unknownValue)
  })

  it('formats bitrates in kbit/s and Mbit/s', () => {
    expect(formatBitrate(450.878)).toBe('451 kbps')
    expect(formatBitrate(4500)).toBe('4.5 Mbps')
    expect(formatBitrate(25_000)).toBe('25 Mbps')
    expect(formatBitrate(0)).toBe(unknownValue)
  })

  it('formats resolutions and percentages', () => {
    expect(formatResolution(1920, 1080)).toBe('1920×1080')
    expect(formatResolution(null, 1080)).toBe(unknownValue)
    expect(formatPercent(999, 1000)).toBe('99%')
    expect(formatPercent(1000, 1000)).toBe('100%')
    expect(formatPercent(10, null)).toBe(unknownValue)
  })
})

describe('dates', () => {
  it('formats local dates and times', () => {
    const date = new Date(2024, 0, 2, 3, 4, 5)
    expect(formatDate(date)).toBe('2024-01-02')
    expect(formatDateTime(date.getTime())).toBe('2024-01-02 03:04')
    expect(formatDate('not a date')).toBe(unknownValue)
    expect(formatDateTime(null)).toBe(unknownValue)
  })

  it('counts whole seconds down to a moment, never below zero', () => {
    expect(secondsUntil(10_500, 10_000)).toBe(1)
    expect(secondsUntil(15_000, 10_000)).toBe(5)
    expect(secondsUntil(9_000, 10_000)).toBe(0)
  })
})
