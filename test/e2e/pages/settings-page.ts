import type { Locator, Page } from 'playwright-core'
import { AppWindow } from './app-window'
import type { PageGlobals } from './page-globals'

export interface AccountEntry {
  accessKeyId: string
  accessKeySecret: string
  regionId: string
  endpoint: string
}

/** The settings screen: account, appearance, download settings. */
export class SettingsPage {
  private readonly window: AppWindow

  constructor(readonly page: Page) {
    this.window = new AppWindow(page)
  }

  async open(): Promise<void> {
    await this.window.go('settings')
    await this.page.getByTestId('settings-screen').waitFor()
  }

  /** Types the credentials, tests them (waiting for "connected") and saves them. */
  async connectAccount(account: AccountEntry): Promise<void> {
    await this.page.getByTestId('account-kind-access-key').check()
    await this.page.getByTestId('account-access-key-id').fill(account.accessKeyId)
    await this.page.getByTestId('account-secret').fill(account.accessKeySecret)
    await this.page.getByTestId('account-region').selectOption(account.regionId)
    await this.page.getByTestId('account-endpoint').fill(account.endpoint)
    await this.page.getByTestId('account-test').click()
    await this.page
      .locator('[data-testid="account-test-result"][data-status="connected"]')
      .waitFor()
    await this.page.getByTestId('account-save').click()
    await this.page.locator('[data-testid="account-status"][data-configured="true"]').waitFor()
  }

  /** Types the credentials and saves them without testing first. */
  async saveAccount(account: AccountEntry): Promise<void> {
    await this.page.getByTestId('account-kind-access-key').check()
    await this.page.getByTestId('account-access-key-id').fill(account.accessKeyId)
    await this.page.getByTestId('account-secret').fill(account.accessKeySecret)
    await this.page.getByTestId('account-region').selectOption(account.regionId)
    await this.page.getByTestId('account-endpoint').fill(account.endpoint)
    await this.page.getByTestId('account-save').click()
    // Main has the secret once the form forgets it.
    await this.page.waitForFunction(
      () =>
        (
          (globalThis as unknown as PageGlobals).document.querySelector(
            '[data-testid="account-secret"]',
          ) as unknown as { value: string } | null
        )?.value === '',
    )
  }

  /** The text box or number field of a download setting (`setting-<name>`). */
  field(name: string): Locator {
    return this.page.getByTestId(`setting-${name}`).locator('input').first()
  }

  async chooseLanguage(language: 'system' | 'en' | 'zh-CN'): Promise<void> {
    await this.page.getByTestId('settings-language').selectOption(language)
  }

  async chooseTheme(theme: 'system' | 'light' | 'dark'): Promise<void> {
    await this.page.getByTestId('settings-theme').selectOption(theme)
  }
}
