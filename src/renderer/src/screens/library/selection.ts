/**
 * Multi-selection of a list, following the WAI-ARIA listbox pattern where selection does not
 * follow focus: arrows move focus, Space toggles, Shift extends from the anchor, Ctrl/Cmd+A
 * selects everything loaded, and clicks behave as in a file manager.
 */
export interface ListSelection {
  /** Selected item keys (media ids), so selection survives appended pages. */
  readonly selected: ReadonlySet<string>
  /** Index where a Shift range starts. */
  readonly anchor: number | null
  /** Index of the focused item (the active descendant). */
  readonly focus: number
}

export const emptySelection: ListSelection = { selected: new Set(), anchor: null, focus: 0 }

export type SelectionAction =
  | { type: 'click'; index: number; shift: boolean; toggle: boolean }
  /** A checkbox click; with Shift it adds the range from the anchor, as mail clients do. */
  | { type: 'toggle'; index: number; extend?: boolean }
  | { type: 'move'; delta: number; extend: boolean }
  | { type: 'moveTo'; index: number; extend: boolean }
  | { type: 'space'; extend: boolean }
  | { type: 'selectAll' }
  | { type: 'clear' }

function clamp(index: number, count: number): number {
  return Math.max(0, Math.min(count - 1, index))
}

function range(keys: readonly string[], from: number, to: number): Set<string> {
  const start = Math.min(from, to)
  const end = Math.max(from, to)
  return new Set(keys.slice(start, end + 1))
}

/** Applies one user action; `keys` are the loaded items' keys in display order. */
export function reduceSelection(
  state: ListSelection,
  action: SelectionAction,
  keys: readonly string[],
): ListSelection {
  const count = keys.length
  if (count === 0) return action.type === 'clear' ? emptySelection : state
  switch (action.type) {
    case 'click': {
      const index = clamp(action.index, count)
      const key = keys[index] ?? ''
      if (action.shift) {
        const anchor = state.anchor ?? index
        return { selected: range(keys, anchor, index), anchor, focus: index }
      }
      if (action.toggle) return toggleAt(state, index, key)
      return { selected: new Set([key]), anchor: index, focus: index }
    }
    case 'toggle': {
      const index = clamp(action.index, count)
      if (action.extend && state.anchor !== null) {
        const selected = new Set([...state.selected, ...range(keys, state.anchor, index)])
        return { selected, anchor: state.anchor, focus: index }
      }
      return toggleAt(state, index, keys[index] ?? '')
    }
    case 'move':
    case 'moveTo': {
      const focus = clamp(action.type === 'move' ? state.focus + action.delta : action.index, count)
      if (!action.extend) return { ...state, focus }
      const anchor = state.anchor ?? state.focus
      return { selected: range(keys, anchor, focus), anchor, focus }
    }
    case 'space': {
      const focus = clamp(state.focus, count)
      if (action.extend) {
        const anchor = state.anchor ?? focus
        return { selected: range(keys, anchor, focus), anchor, focus }
      }
      return toggleAt(state, focus, keys[focus] ?? '')
    }
    case 'selectAll': {
      // Pressing it again with everything selected clears, like most file lists.
      const allSelected = keys.every((key) => state.selected.has(key))
      return { ...state, selected: allSelected ? new Set() : new Set(keys) }
    }
    case 'clear':
      return { ...state, selected: new Set(), anchor: null }
  }
}

function toggleAt(state: ListSelection, index: number, key: string): ListSelection {
  const selected = new Set(state.selected)
  if (selected.has(key)) selected.delete(key)
  else selected.add(key)
  return { selected, anchor: index, focus: index }
}

/** Maps a key press on the list to a selection action, or null when the key is not ours. */
export function selectionActionForKey(
  event: { key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean },
  pageSize: number,
): SelectionAction | null {
  const extend = event.shiftKey
  switch (event.key) {
    case 'ArrowDown':
      return { type: 'move', delta: 1, extend }
    case 'ArrowUp':
      return { type: 'move', delta: -1, extend }
    case 'PageDown':
      return { type: 'move', delta: pageSize, extend }
    case 'PageUp':
      return { type: 'move', delta: -pageSize, extend }
    case 'Home':
      return { type: 'moveTo', index: 0, extend }
    case 'End':
      return { type: 'moveTo', index: Number.MAX_SAFE_INTEGER, extend }
    case ' ':
      return { type: 'space', extend }
    case 'Escape':
      return { type: 'clear' }
    case 'a':
    case 'A':
      return event.ctrlKey || event.metaKey ? { type: 'selectAll' } : null
    default:
      return null
  }
}
