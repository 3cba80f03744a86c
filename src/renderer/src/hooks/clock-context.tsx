import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react'
import type { Clock } from './clock'

const ClockContext = createContext<Clock | null>(null)

/** Provides the window's clock; tests pass a manual one. */
export function ClockProvider(props: { clock: Clock; children: ReactNode }): ReactNode {
  return <ClockContext value={props.clock}>{props.children}</ClockContext>
}

function subscribeToNothing(): () => void {
  return () => undefined
}

/** The current time, re-rendering every tick only while `ticking` is true. */
export function useNow(ticking: boolean): number {
  const clock = useContext(ClockContext)
  if (!clock) throw new Error('useNow must be used inside <ClockProvider>')
  return useSyncExternalStore(ticking ? clock.subscribe : subscribeToNothing, clock.getNow)
}
