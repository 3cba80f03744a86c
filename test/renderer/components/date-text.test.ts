import { describe, expect, it } from 'vitest'
import { parseDateText } from '../../../src/renderer/src/components/date-text'

describe('a day typed in a date field', () => {
  it('reads the ways people write a day, as YYYY-MM-DD', () => {
    for (const text of ['2026-03-01', '2026/3/1', '2026.03.1', ' 2026-3-01 ', '2026年3月1日']) {
      expect(parseDateText(text), text).toEqual({ kind: 'date', day: '2026-03-01' })
    }
  })

  it('tells an empty field from one that is not a day', () => {
    expect(parseDateText('  ')).toEqual({ kind: 'empty' })
    for (const text of ['2026-3', '03/01/2026', '2026-02-30', '2026-13-01', 'tomorrow']) {
      expect(parseDateText(text), text).toEqual({ kind: 'invalid' })
    }
  })
})
