import type { MenuItemConstructorOptions } from 'electron'
import type { Disposable } from '../../common/disposable'
import type { TrayAction, TrayIconVariant, TrayMenuEntry } from '../policies/tray-menu'
import { sameTrayMenu } from '../policies/tray-menu'

/** The part of Electron's `Tray` the shell uses; `Menu` is Electron's menu class in production. */
export interface TrayLike<Menu> {
  setImage(image: string): void
  setToolTip(toolTip: string): void
  setContextMenu(menu: Menu | null): void
  on(event: 'click', listener: () => void): unknown
  destroy(): void
}

export interface TrayView {
  menu: TrayMenuEntry[]
  tooltip: string
  icon: TrayIconVariant
}

export interface TrayControllerOptions<Menu> {
  tray: TrayLike<Menu>
  /** `Menu.buildFromTemplate`. */
  buildMenu: (template: MenuItemConstructorOptions[]) => Menu
  /** Absolute path of the icon file for a variant. */
  iconPath: (variant: TrayIconVariant) => string
  platform: NodeJS.Platform
  onAction: (action: TrayAction) => void
}

/** Turns the menu model into an Electron template; each action calls back with its name. */
export function toMenuTemplate(
  entries: readonly TrayMenuEntry[],
  onAction: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return entries.map((entry): MenuItemConstructorOptions => {
    switch (entry.kind) {
      case 'separator':
        return { type: 'separator' }
      case 'status':
        return { label: entry.label, enabled: false }
      case 'action':
        return { label: entry.label, enabled: entry.enabled, click: () => onAction(entry.action) }
    }
  })
}

/**
 * Owns the tray icon. It only touches native state that changed: on Linux every
 * `setContextMenu` re-sends the whole menu over D-Bus (and changes to an existing menu only show
 * after it, per Electron's Tray docs), so an unchanged menu is never re-sent. Disposing destroys
 * the icon, which keeps it from lingering after quit (agalwood/Motrix#867).
 */
export class TrayController<Menu> implements Disposable {
  private menu: TrayMenuEntry[] | null = null
  private tooltip: string | null = null
  private icon: TrayIconVariant | null = null
  private disposed = false

  constructor(private readonly options: TrayControllerOptions<Menu>) {
    // Windows users expect a left click to open the window; macOS and Linux open the menu instead
    // (and Linux may not deliver the click at all), so there the menu's first item does it.
    if (options.platform === 'win32')
      options.tray.on('click', () => options.onAction('show-window'))
  }

  render(view: TrayView): void {
    if (this.disposed) return
    const { tray } = this.options
    if (view.icon !== this.icon) {
      tray.setImage(this.options.iconPath(view.icon))
      this.icon = view.icon
    }
    if (view.tooltip !== this.tooltip) {
      tray.setToolTip(view.tooltip)
      this.tooltip = view.tooltip
    }
    if (!this.menu || !sameTrayMenu(this.menu, view.menu)) {
      tray.setContextMenu(this.options.buildMenu(toMenuTemplate(view.menu, this.options.onAction)))
      this.menu = view.menu
    }
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    this.options.tray.destroy()
  }
}
