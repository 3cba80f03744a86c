import type { Locator, Page } from 'playwright-core'

/** The Backups screen: saved backups, their last run, and the form that adds one. */
export class BackupsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-backups').click()
    await this.page.getByTestId('backups-screen').waitFor()
  }

  /** Fills the form for a category backup of one media type and saves it. */
  async addCategoryBackup(entry: {
    name: string
    categoryId: number
    mediaTypes: readonly string[]
    folder: string
  }): Promise<void> {
    await this.page.getByTestId('backups-add').click()
    await this.page.getByTestId('backup-name-input').fill(entry.name)
    await this.page.getByTestId('backup-source-category').check()
    await this.page.getByTestId('backup-category').selectOption(String(entry.categoryId))
    for (const type of ['video', 'audio', 'image']) {
      await this.page.getByTestId(`backup-type-${type}`).setChecked(entry.mediaTypes.includes(type))
    }
    await this.page.getByTestId('backup-folder').fill(entry.folder)
    await this.page.getByTestId('backup-save').click()
    await this.card(entry.name).waitFor()
  }

  card(name: string): Locator {
    return this.page
      .getByTestId('backup-card')
      .filter({ has: this.page.getByTestId('backup-name').getByText(name, { exact: true }) })
  }

  /** Clicks "Run now" and waits until the card shows a run that finished after the click. */
  async runNow(name: string): Promise<Locator> {
    const card = this.card(name)
    const lastRun = card.getByTestId('backup-last-run')
    const before =
      (await lastRun.count()) > 0 ? await lastRun.getAttribute('data-started-at') : null
    await card.getByTestId('backup-run').click()
    await card
      .locator(`[data-testid="backup-last-run"]:not([data-started-at="${before ?? ''}"])`)
      .waitFor({ timeout: 120_000 })
    return lastRun
  }
}
