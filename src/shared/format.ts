import type { Language } from './errors'

/**
 * Pure formatters for sizes, speeds, durations and dates. They are deterministic (no Intl
 * locale data) so the CLI, the notifications and the renderer print the same text, and tests
 * do not depend on the ICU build of the runtime.
 */

/** Shown wherever a figure is unknown (size before probing, ETA before any bytes moved). */
export const unknownValue = '—'

const byteUnits = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const

/**
 * Formats a byte count with binary units (1 KB = 1024 B), as file managers and download tools
 * do: one decimal below 10 units, none above, so the width stays stable while numbers move.
 */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) {
    return unknownValue
  }
  if (bytes < 1024) return `${Math.round(bytes)} B`
  let value = bytes
  let unitIndex = 0
  while (value >= 1024 && unitIndex < byteUnits.length - 1) {
    value /= 1024
    unitIndex += 1
  }
  // Rounding 1023.96 KB up to "1024 KB" reads oddly; step to the next unit instead.
  if (Math.round(value) >= 1024 && unitIndex < byteUnits.length - 1) {
    value /= 1024
    unitIndex += 1
  }
  const digits = value < 10 ? 1 : 0
  return `${value.toFixed(digits)} ${byteUnits[unitIndex]}`
}

/** Formats a transfer speed; zero and unknown read as "—" rather than a misleading "0 B/s". */
export function formatSpeed(bytesPerSecond: number | null | undefined): string {
  if (
    bytesPerSecond === null ||
    bytesPerSecond === undefined ||
    !Number.isFinite(bytesPerSecond) ||
    bytesPerSecond <= 0
  ) {
    return unknownValue
  }
  return `${formatBytes(bytesPerSecond)}/s`
}

interface DurationUnits {
  day: string
  hour: string
  minute: string
  second: string
}

const durationUnits: Record<Language, DurationUnits> = {
  en: { day: 'd', hour: 'h', minute: 'm', second: 's' },
  'zh-CN': { day: '天', hour: '小时', minute: '分', second: '秒' },
}

function pad2(value: number): string {
  return String(value).padStart(2, '0')
}

/**
 * Formats a remaining time in its two largest units ("2h 05m", "2小时05分"); precision beyond that
 * is noise for an estimate. Null or negative means the estimate is not known yet.
 */
export function formatEta(seconds: number | null | undefined, language: Language): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
    return unknownValue
  }
  const units = durationUnits[language]
  const separator = language === 'en' ? ' ' : ''
  const total = Math.ceil(seconds)
  const days = Math.floor(total / 86_400)
  const hours = Math.floor((total % 86_400) / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const rest = total % 60
  if (days > 0) return `${days}${units.day}${separator}${hours}${units.hour}`
  if (hours > 0) return `${hours}${units.hour}${separator}${pad2(minutes)}${units.minute}`
  if (minutes > 0) return `${minutes}${units.minute}${separator}${pad2(rest)}${units.second}`
  return `${rest}${units.second}`
}

/** Formats a media length as a clock ("1:02:03", "4:05"), like every video player does. */
export function formatMediaDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
    return unknownValue
  }
  const total = Math.round(seconds)
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const rest = total % 60
  return hours > 0 ? `${hours}:${pad2(minutes)}:${pad2(rest)}` : `${minutes}:${pad2(rest)}`
}

/** Formats a bitrate given in kbit/s, the unit VOD reports. */
export function formatBitrate(kilobitsPerSecond: number | null | undefined): string {
  if (
    kilobitsPerSecond === null ||
    kilobitsPerSecond === undefined ||
    !Number.isFinite(kilobitsPerSecond) ||
    kilobitsPerSecond <= 0
  ) {
    return unknownValue
  }
  if (kilobitsPerSecond >= 1000) {
    const megabits = kilobitsPerSecond / 1000
    return `${megabits.toFixed(megabits < 10 ? 1 : 0)} Mbps`
  }
  return `${Math.round(kilobitsPerSecond)} kbps`
}

/** Formats a resolution as "1920×1080". */
export function formatResolution(
  width: number | null | undefined,
  height: number | null | undefined,
): string {
  if (!width || !height) return unknownValue
  return `${width}×${height}`
}

/** Whole percent, floored so a job shows 100 % only when it is really complete. */
export function formatPercent(done: number, total: number | null | undefined): string {
  if (total === null || total === undefined || total <= 0) return unknownValue
  const percent = Math.floor((Math.min(done, total) / total) * 100)
  return `${percent}%`
}

function toDate(value: Date | number | string): Date | null {
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

/** Formats a date in local time as YYYY-MM-DD, readable in both languages. */
export function formatDate(value: Date | number | string | null | undefined): string {
  if (value === null || value === undefined) return unknownValue
  const date = toDate(value)
  if (!date) return unknownValue
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`
}

/** Formats a date and time in local time as YYYY-MM-DD HH:mm. */
export function formatDateTime(value: Date | number | string | null | undefined): string {
  if (value === null || value === undefined) return unknownValue
  const date = toDate(value)
  if (!date) return unknownValue
  return `${formatDate(date)} ${pad2(date.getHours())}:${pad2(date.getMinutes())}`
}

/** Whole seconds until `target`, never negative; used for "retrying in N s" countdowns. */
export function secondsUntil(target: number, now: number): number {
  return Math.max(0, Math.ceil((target - now) / 1000))
}
