/**
 * Reading a calendar day typed in a text field. The field shows days as YYYY-MM-DD in every UI
 * language (the native date input follows the browser's locale, not the page's, and showed
 * mm/dd/yyyy to a zh-CN user); people also type 2026/3/1, 2026.3.1 or 2026年3月1日.
 */
export type DateText = { kind: 'empty' } | { kind: 'date'; day: string } | { kind: 'invalid' }

const pattern = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/

export function parseDateText(text: string): DateText {
  const trimmed = text.trim()
  if (trimmed === '') return { kind: 'empty' }
  const match = pattern.exec(trimmed)
  if (!match) return { kind: 'invalid' }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  // Date.UTC rolls 2026-02-30 over into March: a day that rolls over does not exist.
  const date = new Date(Date.UTC(year, month - 1, day))
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return { kind: 'invalid' }
  }
  const pad = (value: number): string => String(value).padStart(2, '0')
  return { kind: 'date', day: `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}` }
}
