import { describe, expect, it } from 'vitest'
import type { FieldKind, FieldValue } from '../../src/emulator/actions/match-expression'
import {
  evaluateMatch,
  parseMatch,
  validateMatch,
} from '../../src/emulator/actions/match-expression'

const fields = new Map<string, FieldKind>([
  ['Title', 'fuzzy'],
  ['Status', 'exact'],
  ['CateId', 'number'],
  ['CreationTime', 'time'],
])

const item: Record<string, FieldValue> = {
  Title: 'Drone footage – West Lake at dawn',
  Status: 'Normal',
  CateId: 1000002,
  CreationTime: Date.parse('2026-03-01T00:00:00Z'),
}

function matches(text: string): boolean {
  const tree = parseMatch(text)
  validateMatch(tree, fields)
  return evaluateMatch(tree, fields, (field) => item[field])
}

describe('SearchMedia Match expressions', () => {
  it('matches titles fuzzily and case-insensitively', () => {
    expect(matches("Title = 'west lake'")).toBe(true)
    expect(matches("Title = 'harbour'")).toBe(false)
    expect(matches("Title in ('harbour', 'drone')")).toBe(true)
  })

  it('matches statuses and numbers exactly', () => {
    expect(matches("Status in ('Normal','Transcoding')")).toBe(true)
    expect(matches("Status = 'Norm'")).toBe(false)
    expect(matches('CateId = 1000002')).toBe(true)
    expect(matches('CateId = 100000')).toBe(false)
  })

  it('honours open and closed range ends', () => {
    expect(matches("CreationTime = ('2026-02-01T00:00:00Z','2026-03-01T00:00:00Z']")).toBe(true)
    expect(matches("CreationTime = ('2026-02-01T00:00:00Z','2026-03-01T00:00:00Z')")).toBe(false)
    expect(matches("CreationTime = ['2026-03-01T00:00:00Z',]")).toBe(true)
    expect(matches("CreationTime = (,'2026-01-01T00:00:00Z']")).toBe(false)
  })

  it('combines with and, and with or inside parentheses', () => {
    expect(matches("Status = 'Normal' and (Title = 'nothing' or CateId = 1000002)")).toBe(true)
    expect(matches("Status = 'Normal' AND Title = 'nothing'")).toBe(false)
  })

  it('rejects malformed expressions with ErrorMatchSyntax', () => {
    for (const text of [
      "Title = 'x' or Status = 'Normal'",
      "Title = 'unterminated",
      'Title =',
      "Unknown = 'x'",
      "Title = ('a','b')",
      "CreationTime = ('not a time',)",
      '',
    ]) {
      expect(() => matches(text), text).toThrow(
        expect.objectContaining({ code: 'ErrorMatchSyntax' }),
      )
    }
  })
})
