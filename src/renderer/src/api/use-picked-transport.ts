import { useEffect, useRef, useState } from 'react'
import { pickTransport, readTokenFromHash, type PickedTransport } from './pick-transport'

/** The window's events the hook listens to; injectable for tests. */
export type HashSource = Pick<Window, 'addEventListener' | 'removeEventListener'> & {
  location: { hash: string }
}

/**
 * The transport for this page, picked again whenever a link with a new `#token=…` is pasted into
 * the address bar. Pasting only changes the fragment, which reloads nothing: without this, a tab
 * that says "Not connected" (or one whose host restarted with a new token) stayed so until a
 * manual reload. Answers the pick and a number that changes with each new transport.
 */
export function usePickedTransport(
  pick: () => PickedTransport = pickTransport,
  source: HashSource = window,
): { picked: PickedTransport; generation: number } {
  const [state, setState] = useState(() => ({ picked: pick(), generation: 0 }))
  const current = useRef(state.picked)
  useEffect(() => {
    current.current = state.picked
  }, [state.picked])
  useEffect(() => {
    const onHashChange = (): void => {
      if (readTokenFromHash(source.location.hash) === null) return
      const next = pick()
      if (!next.ok) return
      const previous = current.current
      if (previous.ok) previous.transport.close()
      current.current = next
      setState((existing) => ({ picked: next, generation: existing.generation + 1 }))
    }
    source.addEventListener('hashchange', onHashChange)
    return () => source.removeEventListener('hashchange', onHashChange)
  }, [pick, source])
  return state
}
