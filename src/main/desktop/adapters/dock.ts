/** The part of `app.dock` (macOS only; `undefined` elsewhere) the shell uses. */
export interface DockLike {
  show(): Promise<void> | void
  hide(): void
  isVisible(): boolean
}

/**
 * Shows or hides the Dock icon for menu-bar-only mode. Showing is asynchronous in Electron and
 * focus must follow it, otherwise the window comes up behind others after the icon reappears.
 */
export async function setDockVisible(dock: DockLike | undefined, visible: boolean): Promise<void> {
  if (!dock || dock.isVisible() === visible) return
  if (visible) await dock.show()
  else dock.hide()
}
