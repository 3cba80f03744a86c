import { cleanup, render, type RenderResult } from '@testing-library/react'
import { afterEach } from 'vitest'
import type { ReactElement, ReactNode } from 'react'
import type { Language } from '../../../src/shared/errors'
import { App } from '../../../src/renderer/src/App'
import type { Route } from '../../../src/renderer/src/AppShell'
import type { Clock } from '../../../src/renderer/src/hooks/clock'
import { ClockProvider } from '../../../src/renderer/src/hooks/clock-context'
import { I18nProvider } from '../../../src/renderer/src/i18n/i18n-context'
import { createInProcessTransport, FakeHost, type FakeHostOptions } from './fake-host'

// Without Vitest globals, Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup()
})

/** A clock the test moves by hand. */
export function createManualClock(start: number): Clock & { set: (now: number) => void } {
  let now = start
  const listeners = new Set<() => void>()
  return {
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    getNow: () => now,
    set(next) {
      now = next
      for (const listener of [...listeners]) listener()
    },
  }
}

/** Renders the whole app against an in-memory host, through the in-process transport. */
export function renderApp(
  options: FakeHostOptions & {
    initialRoute?: Route
    clock?: Clock
    beforeRender?: (host: FakeHost) => void
  } = {},
): RenderResult & { host: FakeHost } {
  const host = new FakeHost(options)
  options.beforeRender?.(host)
  const transport = createInProcessTransport(host)
  const result = render(
    <App transport={transport} clock={options.clock} initialRoute={options.initialRoute} />,
  )
  return { ...result, host }
}

/** Renders a presentational component with a language (and a clock for rows that tick). */
export function renderWithLanguage(element: ReactElement, language: Language = 'en'): RenderResult {
  function Wrapper(props: { children: ReactNode }): ReactNode {
    return (
      <I18nProvider language={language}>
        <ClockProvider clock={createManualClock(0)}>{props.children}</ClockProvider>
      </I18nProvider>
    )
  }
  return render(element, { wrapper: Wrapper })
}
