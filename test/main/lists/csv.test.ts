import { describe, expect, it } from 'vitest'
import {
  byteOrderMark,
  formatCsvComment,
  formatCsvField,
  formatCsvRecord,
  parseCsv,
  protectFormula,
  unprotectFormula,
} from '../../../src/main/lists/csv'

describe('formatCsvField', () => {
  it('quotes only fields with a comma, a quote or a line break, doubling quotes', () => {
    expect(formatCsvField('plain 标题')).toBe('plain 标题')
    expect(formatCsvField('')).toBe('')
    expect(formatCsvField('a,b')).toBe('"a,b"')
    expect(formatCsvField('say "hi"')).toBe('"say ""hi"""')
    expect(formatCsvField('two\nlines')).toBe('"two\nlines"')
    expect(formatCsvField('carriage\rreturn')).toBe('"carriage\rreturn"')
  })

  it('joins a record with commas', () => {
    expect(formatCsvRecord(['id', 'Q&A: "What\'s next?", 2026', ''])).toBe(
      'id,"Q&A: ""What\'s next?"", 2026",',
    )
  })
})

describe('parseCsv', () => {
  it('reads back what the writer wrote, titles with commas, quotes, line breaks and Chinese included', () => {
    const rows = [
      ['mediaId', 'title', 'size'],
      ['a1', '季度总结（上）：数据/增长/留存', '12'],
      ['a2', 'Q&A: "What\'s next?" / roadmap, 2026', ''],
      ['a3', 'first line\r\nsecond line\nthird', '7'],
      ['a4', '', ''],
    ]
    const text = byteOrderMark + rows.map((row) => `${formatCsvRecord(row)}\r\n`).join('')
    const records = parseCsv(text)
    expect(records.map((record) => ('cells' in record ? record.cells : record.error))).toEqual(rows)
    // The record after a three-line title starts on line 7.
    expect(records.map((record) => record.line)).toEqual([1, 2, 3, 4, 7])
  })

  it('accepts LF, CRLF and lone CR line breaks and a missing final line break', () => {
    expect(parseCsv('a,b\nc,d\r\ne,f\rg,h')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['c', 'd'] },
      { line: 3, cells: ['e', 'f'] },
      { line: 4, cells: ['g', 'h'] },
    ])
  })

  it('skips comment and blank lines when asked, keeping line numbers', () => {
    const text =
      '# exported today, with commas\r\n\r\n  \r\nid,name\r\n# "unbalanced quote\r\nx,y\r\n'
    expect(parseCsv(text, { comments: true, skipBlankLines: true })).toEqual([
      { line: 4, cells: ['id', 'name'] },
      { line: 6, cells: ['x', 'y'] },
    ])
    expect(parseCsv('\n', {})).toEqual([{ line: 1, cells: [''] }])
  })

  it('keeps a quote inside an unquoted field as text', () => {
    expect(parseCsv('5" screen,ok')).toEqual([{ line: 1, cells: ['5" screen', 'ok'] }])
  })

  it('reports text after a closing quote and goes on with the next line', () => {
    expect(parseCsv('"a"b,c\nd,e')).toEqual([
      { line: 1, error: 'text after the closing quote of a field' },
      { line: 2, cells: ['d', 'e'] },
    ])
  })

  it('reports an unterminated quote at the line where it opened', () => {
    expect(parseCsv('ok,1\n"never closed,2\nmore\n')).toEqual([
      { line: 1, cells: ['ok', '1'] },
      { line: 2, error: 'a quoted field is never closed' },
    ])
  })
})

describe('comments and formulas', () => {
  it('keeps a comment on one line and in one spreadsheet cell', () => {
    expect(formatCsvComment('a, b\r\nc')).toBe('# a; b c')
  })

  it('neutralises cells a spreadsheet would run as formulas, reversibly', () => {
    for (const value of ['=HYPERLINK("x")', '+1', '-draft', '@SUM(A1)', '\tx']) {
      expect(protectFormula(value)).toBe(`'${value}`)
      expect(unprotectFormula(protectFormula(value))).toBe(value)
    }
    expect(protectFormula('纪录片《江南》')).toBe('纪录片《江南》')
    expect(unprotectFormula("'quoted")).toBe("'quoted")
  })
})
