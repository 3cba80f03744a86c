import { describe, expect, it } from 'vitest'
import { NotificationPresenter } from '../../../../src/main/desktop/adapters/notifications'
import type { NotificationModel } from '../../../../src/main/desktop/policies/notification-grouping'
import { FakeNotification } from '../fakes/electron'

function setup(supported = true, maximumRetained = 20) {
  const created: FakeNotification[] = []
  const clicked: NotificationModel[] = []
  const presenter = new NotificationPresenter({
    create: (options) => {
      const notification = new FakeNotification(options)
      created.push(notification)
      return notification
    },
    isSupported: () => supported,
    onClick: (model) => clicked.push(model),
    maximumRetained,
  })
  return { created, clicked, presenter }
}

const model: NotificationModel = {
  title: 'Downloads finished',
  body: '3 files downloaded',
  outcome: 'completed',
  jobIds: [1, 2, 3],
}

describe('NotificationPresenter', () => {
  it('shows a notification and reports its click', () => {
    const { created, clicked, presenter } = setup()
    presenter.show(model)
    expect(created[0]?.shown).toBe(true)
    expect(created[0]?.options).toEqual({
      title: 'Downloads finished',
      body: '3 files downloaded',
      silent: false,
    })
    created[0]?.emit('click')
    expect(clicked).toEqual([model])
  })

  it('shows plain notices and says whether it could', () => {
    expect(setup().presenter.notify('Still running', 'In the tray')).toBe(true)
    const unsupported = setup(false)
    expect(unsupported.presenter.notify('Still running', 'In the tray')).toBe(false)
    unsupported.presenter.show(model)
    expect(unsupported.created).toEqual([])
  })

  it('keeps notifications referenced until clicked or closed, within a cap (electron/electron#16922)', () => {
    const { created, presenter } = setup(true, 2)
    presenter.show(model)
    presenter.show(model)
    presenter.show(model)
    const retained = (presenter as unknown as { retained: Set<FakeNotification> }).retained
    expect([...retained]).toEqual([created[1], created[2]])
    created[2]?.close()
    expect([...retained]).toEqual([created[1]])
    presenter.dispose()
    expect(retained.size).toBe(0)
  })
})
