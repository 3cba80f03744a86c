import { applyAutostartEntry } from '../io/autostart-file'
import type { ElectronLoginItemSettings, LoginItemPlan } from '../policies/login-item'

/** The part of Electron's `app` that manages login items (Windows, macOS). */
export interface LoginItemAppLike {
  setLoginItemSettings(settings: ElectronLoginItemSettings): void
}

/** Carries out a login-item plan; returns false when the platform or build cannot do it. */
export async function applyLoginItem(
  plan: LoginItemPlan,
  app: LoginItemAppLike,
  autostartDirectory: string,
): Promise<boolean> {
  switch (plan.kind) {
    case 'electron':
      app.setLoginItemSettings(plan.settings)
      return true
    case 'xdg-autostart':
      await applyAutostartEntry(autostartDirectory, plan.fileName, plan.contents)
      return true
    case 'unsupported':
      return false
  }
}
