import { describe, expect, it } from 'vitest'
import {
  emptySelection,
  reduceSelection,
  selectionActionForKey,
  type ListSelection,
  type SelectionAction,
} from '../../../src/renderer/src/screens/library/selection'

const keys = ['a', 'b', 'c', 'd', 'e']

function run(...actions: SelectionAction[]): ListSelection {
  return actions.reduce((state, action) => reduceSelection(state, action, keys), emptySelection)
}

function selected(state: ListSelection): string[] {
  return [...state.selected].sort()
}

describe('reduceSelection', () => {
  it('moves focus with arrows without selecting, and toggles with space', () => {
    const state = run(
      { type: 'move', delta: 1, extend: false },
      { type: 'move', delta: 1, extend: false },
    )
    expect(state.focus).toBe(2)
    expect(selected(state)).toEqual([])
    const toggled = reduceSelection(state, { type: 'space', extend: false }, keys)
    expect(selected(toggled)).toEqual(['c'])
    expect(selected(reduceSelection(toggled, { type: 'space', extend: false }, keys))).toEqual([])
  })

  it('extends from the anchor with shift+arrows and clamps at the ends', () => {
    const state = run(
      { type: 'space', extend: false },
      { type: 'move', delta: 1, extend: true },
      { type: 'move', delta: 10, extend: true },
    )
    expect(state.focus).toBe(4)
    expect(selected(state)).toEqual(keys)
    expect(run({ type: 'move', delta: -3, extend: false }).focus).toBe(0)
  })

  it('clicks like a file manager: plain replaces, ctrl toggles, shift selects a range', () => {
    const plain = run({ type: 'click', index: 1, shift: false, toggle: false })
    expect(selected(plain)).toEqual(['b'])
    const ctrl = reduceSelection(
      plain,
      { type: 'click', index: 3, shift: false, toggle: true },
      keys,
    )
    expect(selected(ctrl)).toEqual(['b', 'd'])
    const shift = reduceSelection(
      ctrl,
      { type: 'click', index: 0, shift: true, toggle: false },
      keys,
    )
    // The anchor moved to d with the ctrl-click, so the range is a..d.
    expect(selected(shift)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('selects all, and clears when everything is already selected', () => {
    const all = run({ type: 'selectAll' })
    expect(selected(all)).toEqual(keys)
    expect(selected(reduceSelection(all, { type: 'selectAll' }, keys))).toEqual([])
    expect(selected(reduceSelection(all, { type: 'clear' }, keys))).toEqual([])
  })

  it('maps keys to actions', () => {
    const key = (
      name: string,
      modifiers: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {},
    ) =>
      selectionActionForKey(
        { key: name, shiftKey: false, ctrlKey: false, metaKey: false, ...modifiers },
        10,
      )
    expect(key('ArrowDown', { shiftKey: true })).toEqual({ type: 'move', delta: 1, extend: true })
    expect(key('PageUp')).toEqual({ type: 'move', delta: -10, extend: false })
    expect(key('a', { metaKey: true })).toEqual({ type: 'selectAll' })
    expect(key('a')).toBeNull()
    expect(key(' ')).toEqual({ type: 'space', extend: false })
  })
})
