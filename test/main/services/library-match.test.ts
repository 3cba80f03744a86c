import { describe, expect, it } from 'vitest'
import {
  buildMatchExpression,
  matchTime,
  sortByOf,
  titleFragments,
} from '../../../src/main/services/library-match'
import { parseMatch } from '../../../src/emulator/actions/match-expression'

describe('library Match expression', () => {
  it('is absent when nothing filters', () => {
    expect(buildMatchExpression({})).toBeUndefined()
    expect(buildMatchExpression({ title: '   ' })).toBeUndefined()
  })

  it('quotes a title as a fuzzy match and combines every filter with and', () => {
    expect(
      buildMatchExpression({
        title: ' 发布会 ',
        status: 'Normal',
        categoryId: 1000001,
        createdFrom: '2026-01-01T00:00:00Z',
        createdTo: '2026-01-31T23:59:59.500+08:00',
      }),
    ).toBe(
      "Title = '发布会' and Status = 'Normal' and CateId = 1000001 and " +
        "CreationTime = ['2026-01-01T00:00:00Z','2026-01-31T16:00:00Z']",
    )
  })

  it('leaves an open side of a time range empty', () => {
    expect(buildMatchExpression({ createdFrom: '2025-06-01T00:00:00.250Z' })).toBe(
      "CreationTime = ['2025-06-01T00:00:00Z',]",
    )
    expect(buildMatchExpression({ createdTo: '2025-06-01T00:00:00Z' })).toBe(
      "CreationTime = [,'2025-06-01T00:00:00Z']",
    )
  })

  it('splits a title at quotes and backslashes so no input can change the structure', () => {
    expect(titleFragments(`Q&A: "What's next?"`)).toEqual(['Q&A:', 'What', 's next?'])
    const hostile = `x' or Title = 'y`
    const expression = buildMatchExpression({ title: hostile })!
    expect(expression).toBe("Title = 'x' and Title = 'or Title =' and Title = 'y'")
    // Every piece stays inside its quotes: the emulator's parser reads three comparisons.
    expect(parseMatch(expression)).toMatchObject({ kind: 'and', operands: [{}, {}, {}] })
    expect(buildMatchExpression({ title: `\\'"` })).toBeUndefined()
  })

  it('always produces expressions the Match parser accepts', () => {
    const titles = ['a', `it's`, '(x) = [y]', 'a,b', '"', 'and or in', '全角＇引号']
    for (const title of titles) {
      const expression = buildMatchExpression({ title, status: 'Normal' })!
      expect(() => parseMatch(expression), title).not.toThrow()
    }
  })

  it('rounds time bounds outwards to whole seconds', () => {
    expect(matchTime('2026-03-01T10:00:00.001Z', 'down')).toBe('2026-03-01T10:00:00Z')
    expect(matchTime('2026-03-01T10:00:00.001Z', 'up')).toBe('2026-03-01T10:00:01Z')
    expect(matchTime('2026-03-01T10:00:00Z', 'up')).toBe('2026-03-01T10:00:00Z')
  })

  it('maps each sort order to one SortBy field', () => {
    expect(sortByOf('created-desc')).toBe('CreationTime:Desc')
    expect(sortByOf('created-asc')).toBe('CreationTime:Asc')
    expect(sortByOf('modified-desc')).toBe('ModificationTime:Desc')
    expect(sortByOf('modified-asc')).toBe('ModificationTime:Asc')
  })
})
