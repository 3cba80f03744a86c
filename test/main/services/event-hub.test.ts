import { describe, expect, it } from 'vitest'
import type { EventMessage } from '../../../src/shared/contract'
import { EventHub } from '../../../src/main/services/event-hub'

const message: EventMessage = { event: 'jobs.removed', payload: [1] }

describe('event hub', () => {
  it('delivers to every subscriber and isolates one that throws', () => {
    const failures: unknown[] = []
    const hub = new EventHub((error) => failures.push(error))
    const first: EventMessage[] = []
    const second: EventMessage[] = []
    hub.subscribe((received) => first.push(received))
    hub.subscribe(() => {
      throw new Error('broken window')
    })
    const unsubscribe = hub.subscribe((received) => second.push(received))
    hub.emit(message)
    unsubscribe()
    hub.emit(message)
    expect(first).toEqual([message, message])
    expect(second).toEqual([message])
    expect(failures).toHaveLength(2)
    expect(hub.subscriberCount).toBe(2)
    hub.clear()
    expect(hub.subscriberCount).toBe(0)
  })
})
