import { ApiError } from '../api/errors'

/**
 * The subset of SearchMedia's `Match` language the emulator understands:
 *
 *   Title = 'x'                      fuzzy (contains) for Title/Description/Tags/FileName, exact otherwise
 *   Status in ('Normal','Checking')  any of the values
 *   CateId = 1000001                 numbers need no quotes
 *   CreationTime = ('a','b']         range, open or closed at either end, either bound may be empty
 *   a and b, (a or b)                `or` only inside parentheses, as the real service requires
 *
 * Keywords are case-insensitive; strings are single-quoted.
 */

export type MatchNode =
  | { kind: 'and'; operands: MatchNode[] }
  | { kind: 'or'; operands: MatchNode[] }
  | { kind: 'equals'; field: string; value: string }
  | { kind: 'in'; field: string; values: string[] }
  | { kind: 'range'; field: string; lower?: RangeBound; upper?: RangeBound }

export interface RangeBound {
  value: string
  inclusive: boolean
}

export type FieldKind = 'fuzzy' | 'exact' | 'number' | 'time'

/** A field's value on one item: text (tags joined by commas), a number, or epoch ms. */
export type FieldValue = string | number

export function matchSyntaxError(fragment: string): ApiError {
  return new ApiError(
    'ErrorMatchSyntax',
    400,
    `The parameter Match.${fragment} has an error syntax, please check it.`,
  )
}

type Token =
  | { kind: 'string'; text: string }
  | { kind: 'word'; text: string }
  | { kind: 'punctuation'; text: '(' | ')' | '[' | ']' | ',' | '=' }

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let position = 0
  while (position < text.length) {
    const character = text.charAt(position)
    if (/\s/.test(character)) {
      position++
    } else if (character === "'") {
      const end = text.indexOf("'", position + 1)
      if (end < 0) throw matchSyntaxError(text.slice(position))
      tokens.push({ kind: 'string', text: text.slice(position + 1, end) })
      position = end + 1
    } else if ('()[],='.includes(character)) {
      tokens.push({ kind: 'punctuation', text: character as '(' | ')' | '[' | ']' | ',' | '=' })
      position++
    } else {
      const match = /^[^\s()[\],='"]+/.exec(text.slice(position))
      if (!match) throw matchSyntaxError(text.slice(position))
      tokens.push({ kind: 'word', text: match[0] })
      position += match[0].length
    }
  }
  return tokens
}

export function parseMatch(text: string): MatchNode {
  const tokens = tokenize(text)
  let index = 0
  const peek = (): Token | undefined => tokens[index]
  const fail = (): never => {
    const rest = tokens
      .slice(index)
      .map((token) => (token.kind === 'string' ? `'${token.text}'` : token.text))
      .join(' ')
    throw matchSyntaxError(rest === '' ? text : rest)
  }
  const isKeyword = (token: Token | undefined, keyword: string): boolean =>
    token?.kind === 'word' && token.text.toLowerCase() === keyword
  const expectPunctuation = (text: string): void => {
    const token = peek()
    if (token?.kind !== 'punctuation' || token.text !== text) fail()
    index++
  }
  const value = (): string => {
    const token = peek()
    if (token?.kind !== 'string' && token?.kind !== 'word') return fail()
    index++
    return token.text
  }
  const optionalBound = (): string | undefined => {
    const token = peek()
    if (token?.kind === 'string' || token?.kind === 'word') {
      index++
      return token.text
    }
    return undefined
  }

  const comparison = (): MatchNode => {
    const field = peek()
    if (field?.kind !== 'word') return fail()
    index++
    if (isKeyword(peek(), 'in')) {
      index++
      expectPunctuation('(')
      const values = [value()]
      while (peek()?.text === ',') {
        index++
        values.push(value())
      }
      expectPunctuation(')')
      return { kind: 'in', field: field.text, values }
    }
    expectPunctuation('=')
    const next = peek()
    if (next?.kind === 'punctuation' && (next.text === '(' || next.text === '[')) {
      index++
      const lower = optionalBound()
      expectPunctuation(',')
      const upper = optionalBound()
      const close = peek()
      if (close?.kind !== 'punctuation' || (close.text !== ')' && close.text !== ']')) fail()
      index++
      return {
        kind: 'range',
        field: field.text,
        ...(lower === undefined ? {} : { lower: { value: lower, inclusive: next.text === '[' } }),
        ...(upper === undefined ? {} : { upper: { value: upper, inclusive: close?.text === ']' } }),
      }
    }
    return { kind: 'equals', field: field.text, value: value() }
  }

  const primary = (): MatchNode => {
    const token = peek()
    if (token?.kind === 'punctuation' && token.text === '(') {
      index++
      const inner = disjunction()
      expectPunctuation(')')
      return inner
    }
    return comparison()
  }

  const conjunction = (): MatchNode => {
    const operands = [primary()]
    while (isKeyword(peek(), 'and')) {
      index++
      operands.push(primary())
    }
    return operands.length === 1 && operands[0] ? operands[0] : { kind: 'and', operands }
  }

  const disjunction = (): MatchNode => {
    const operands = [conjunction()]
    while (isKeyword(peek(), 'or')) {
      index++
      operands.push(conjunction())
    }
    return operands.length === 1 && operands[0] ? operands[0] : { kind: 'or', operands }
  }

  if (tokens.length === 0) fail()
  const tree = conjunction()
  if (index < tokens.length) fail()
  return tree
}

/** Rejects unknown fields and ranges over fields that have no order. */
export function validateMatch(node: MatchNode, fields: ReadonlyMap<string, FieldKind>): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      for (const operand of node.operands) validateMatch(operand, fields)
      return
    case 'equals':
    case 'in':
    case 'range': {
      const kind = fields.get(node.field)
      if (kind === undefined) throw matchSyntaxError(node.field)
      if (node.kind === 'range' && (kind === 'fuzzy' || kind === 'exact')) {
        throw matchSyntaxError(node.field)
      }
      const values =
        node.kind === 'equals'
          ? [node.value]
          : node.kind === 'in'
            ? node.values
            : [node.lower?.value, node.upper?.value].filter((value) => value !== undefined)
      for (const value of values) {
        if (Number.isNaN(comparable(kind, value))) throw matchSyntaxError(`${node.field}=${value}`)
      }
      return
    }
  }
}

/** Evaluates a validated tree against one item. */
export function evaluateMatch(
  node: MatchNode,
  fields: ReadonlyMap<string, FieldKind>,
  valueOf: (field: string) => FieldValue | undefined,
): boolean {
  switch (node.kind) {
    case 'and':
      return node.operands.every((operand) => evaluateMatch(operand, fields, valueOf))
    case 'or':
      return node.operands.some((operand) => evaluateMatch(operand, fields, valueOf))
    case 'equals':
      return equals(fields.get(node.field) ?? 'exact', valueOf(node.field), node.value)
    case 'in':
      return node.values.some((value) =>
        equals(fields.get(node.field) ?? 'exact', valueOf(node.field), value),
      )
    case 'range': {
      const kind = fields.get(node.field) ?? 'number'
      const actual = valueOf(node.field)
      if (typeof actual !== 'number') return false
      const { lower, upper } = node
      if (lower) {
        const bound = comparable(kind, lower.value)
        if (lower.inclusive ? actual < bound : actual <= bound) return false
      }
      if (upper) {
        const bound = comparable(kind, upper.value)
        if (upper.inclusive ? actual > bound : actual >= bound) return false
      }
      return true
    }
  }
}

function equals(kind: FieldKind, actual: FieldValue | undefined, expected: string): boolean {
  if (actual === undefined) return false
  switch (kind) {
    case 'fuzzy':
      return String(actual).toLowerCase().includes(expected.toLowerCase())
    case 'exact':
      return String(actual).toLowerCase() === expected.toLowerCase()
    case 'number':
    case 'time':
      return actual === comparable(kind, expected)
  }
}

/** Numbers as numbers, times as epoch ms; NaN when the text is neither. */
function comparable(kind: FieldKind, text: string): number {
  switch (kind) {
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN
    case 'time':
      return Date.parse(text)
    case 'fuzzy':
    case 'exact':
      return 0
  }
}
