import type { Disposable } from '../../common/disposable'
import type { NotificationSink } from '../finished-job-notifier'
import type { NotificationModel } from '../policies/notification-grouping'

/** The part of Electron's `Notification` the shell uses. */
export interface NotificationLike {
  show(): void
  close(): void
  on(event: 'click', listener: () => void): unknown
  on(event: 'close', listener: () => void): unknown
}

export interface NativeNotificationOptions {
  title: string
  body: string
  silent: boolean
}

export interface NotificationPresenterOptions {
  /** `new Notification(options)`. */
  create: (options: NativeNotificationOptions) => NotificationLike
  /** `Notification.isSupported()`. */
  isSupported: () => boolean
  /** A click opens the window (on the jobs the notification is about). */
  onClick: (model: NotificationModel) => void
  /** Notifications kept alive at most; the oldest is released first. */
  maximumRetained?: number
}

/**
 * Shows notifications natively. Each one is kept referenced until it is clicked or closed,
 * because Electron holds only a weak reference and a collected wrapper silently drops its click
 * (electron/electron#16922). A cap keeps Windows' Action Center, which may never report a close,
 * from growing the set for ever.
 */
export class NotificationPresenter implements NotificationSink, Disposable {
  private readonly retained = new Set<NotificationLike>()

  constructor(private readonly options: NotificationPresenterOptions) {}

  /** Shows a plain notice (e.g. "still running in the tray"); returns whether it could be shown. */
  notify(title: string, body: string): boolean {
    return this.present({ title, body, silent: false }, () => undefined)
  }

  show(model: NotificationModel): void {
    this.present({ title: model.title, body: model.body, silent: false }, () =>
      this.options.onClick(model),
    )
  }

  dispose(): void {
    this.retained.clear()
  }

  private present(options: NativeNotificationOptions, onClick: () => void): boolean {
    if (!this.options.isSupported()) return false
    const notification = this.options.create(options)
    const release = (): void => {
      this.retained.delete(notification)
    }
    notification.on('click', () => {
      release()
      onClick()
    })
    notification.on('close', release)
    this.retained.add(notification)
    const limit = this.options.maximumRetained ?? 20
    for (const old of this.retained) {
      if (this.retained.size <= limit) break
      this.retained.delete(old)
    }
    notification.show()
    return true
  }
}
