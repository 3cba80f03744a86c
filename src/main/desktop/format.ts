/**
 * Byte and speed formatting for the tray, tooltips and notifications. Binary units (1 KB = 1024 B)
 * with the short labels download managers use; the same labels read naturally in Chinese.
 */
const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const

/** `1536` → `"1.5 KB"`; one decimal below 10 units, none above, so labels stay short and stable. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B'
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1
  return `${value.toFixed(digits)} ${units[unit]}`
}

/** Bytes per second as `"12 MB/s"`. */
export function formatSpeed(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`
}

/** A fraction in 0..1 as a whole percentage; never shows 100 % before the fraction is exactly 1. */
export function formatPercent(fraction: number): string {
  const clamped = Math.min(1, Math.max(0, fraction))
  const percent = clamped < 1 ? Math.min(99, Math.floor(clamped * 100)) : 100
  return `${percent}%`
}
