import { act, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { PickedTransport } from '../../../src/renderer/src/api/pick-transport'
import { Root } from '../../../src/renderer/src/Root'
import { createInProcessTransport, FakeHost } from '../support/fake-host'
import '../support/render-app'

/** A page whose address bar the test edits, as a user pasting a link does. */
function addressBar() {
  const target = new EventTarget()
  const location = { hash: '' }
  return {
    source: Object.assign(target, { location }) as unknown as Window,
    paste(hash: string) {
      location.hash = hash
      target.dispatchEvent(new Event('hashchange'))
    },
  }
}

describe('a token link pasted into a tab that is not connected', () => {
  it('connects without a reload', async () => {
    const bar = addressBar()
    const host = new FakeHost()
    const pick = (): PickedTransport =>
      bar.source.location.hash.includes('token=')
        ? { ok: true, transport: createInProcessTransport(host) }
        : { ok: false, reason: 'missing-token' }
    render(<Root pick={pick} source={bar.source} />)
    expect(screen.getByTestId('not-connected')).toBeTruthy()

    act(() => bar.paste('#section'))
    expect(screen.getByTestId('not-connected')).toBeTruthy()

    act(() => bar.paste('#token=abc'))
    await screen.findByTestId('app-shell')
    expect(screen.queryByTestId('not-connected')).toBeNull()
  })
})
