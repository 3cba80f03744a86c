import { describe, expect, it } from 'vitest'
import {
  emptySelection,
  reduceSelection,
} from '../../../src/renderer/src/screens/library/selection'

const keys = ['a', 'b', 'c', 'd', 'e', 'f']

describe('a Shift-click on a checkbox', () => {
  it('adds the range from the anchor to the selection, as mail clients and file managers do', () => {
    let state = reduceSelection(
      emptySelection,
      { type: 'click', index: 5, shift: false, toggle: false },
      keys,
    )
    state = reduceSelection(state, { type: 'toggle', index: 1 }, keys)
    state = reduceSelection(state, { type: 'toggle', index: 3, extend: true }, keys)
    expect([...state.selected].sort()).toEqual(['b', 'c', 'd', 'f'])
    // Without Shift a checkbox still toggles one item.
    state = reduceSelection(state, { type: 'toggle', index: 2 }, keys)
    expect([...state.selected].sort()).toEqual(['b', 'd', 'f'])
  })
})
