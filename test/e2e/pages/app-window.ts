import type { Locator, Page } from 'playwright-core'
import type { PageGlobals } from './page-globals'

export type Section = 'library' | 'downloads' | 'settings'

/** The window around every screen: navigation, notices, and what the document says about itself. */
export class AppWindow {
  constructor(readonly page: Page) {}

  /**
   * Notices (toasts) sit over the bottom of the window for a few seconds, where the action
   * buttons are. A user would close one that is in the way; so does this handler, before any
   * click that a notice covers.
   */
  async dismissNoticesInTheWay(): Promise<void> {
    await this.page.addLocatorHandler(
      this.page.getByTestId('notice').first(),
      async (notice) => {
        await notice.locator('button').last().click()
      },
      { noWaitAfter: true },
    )
  }

  async waitUntilLoaded(): Promise<void> {
    await this.page.getByTestId('app-shell').waitFor()
  }

  async go(section: Section): Promise<void> {
    await this.page.getByTestId(`nav-${section}`).click()
  }

  /** The newest notice (toast) with this text. */
  notice(text: string | RegExp): Locator {
    return this.page.getByTestId('notice').filter({ hasText: text }).last()
  }

  /** Resolves once the document language is `language` (the renderer sets `lang` on <html>). */
  async waitForLanguage(language: string): Promise<void> {
    await this.page.waitForFunction(
      (wanted) => (globalThis as unknown as PageGlobals).document.documentElement.lang === wanted,
      language,
    )
  }

  /** Resolves once the applied theme (`data-theme` on <html>) is `theme`. */
  async waitForTheme(theme: 'light' | 'dark'): Promise<void> {
    await this.page.waitForFunction(
      (wanted) =>
        (globalThis as unknown as PageGlobals).document.documentElement.dataset.theme === wanted,
      theme,
    )
  }
}
