import { describe, expect, it } from 'vitest'
import { setDockVisible } from '../../../../src/main/desktop/adapters/dock'

class FakeDock {
  visible = true
  readonly calls: string[] = []
  show(): Promise<void> {
    this.calls.push('show')
    this.visible = true
    return Promise.resolve()
  }
  hide(): void {
    this.calls.push('hide')
    this.visible = false
  }
  isVisible(): boolean {
    return this.visible
  }
}

describe('setDockVisible', () => {
  it('hides and shows only when needed, and does nothing off macOS', async () => {
    const dock = new FakeDock()
    await setDockVisible(dock, true)
    await setDockVisible(dock, false)
    await setDockVisible(dock, false)
    await setDockVisible(dock, true)
    expect(dock.calls).toEqual(['hide', 'show'])
    await setDockVisible(undefined, false)
  })
})
