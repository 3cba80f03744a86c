import type { Locator, Page } from 'playwright-core'
import type { JobState } from '../../../src/shared/jobs'
import { AppWindow } from './app-window'
import type { PageGlobals } from './page-globals'

/** The downloads list: rows by file name, their state, controls and errors. */
export class DownloadsPage {
  private readonly window: AppWindow

  constructor(readonly page: Page) {
    this.window = new AppWindow(page)
  }

  async open(): Promise<void> {
    await this.window.go('downloads')
    await this.page.getByTestId('downloads-screen').waitFor()
  }

  /** The row whose file name contains `name`. */
  row(name: string): Locator {
    return this.page.getByTestId('download-row').filter({ hasText: name })
  }

  /** Resolves when the row reaches one of the states (the row's `data-state`). */
  async waitForState(name: string, states: readonly JobState[]): Promise<JobState> {
    const selector = states
      .map((state) => `[data-testid="download-row"][data-state="${state}"]`)
      .join(', ')
    const row = this.page.locator(selector).filter({ hasText: name }).first()
    try {
      await row.waitFor()
    } catch (error) {
      throw new Error(
        `"${name}" never reached ${states.join(' or ')}; the list shows:\n${await this.describe()}`,
        { cause: error },
      )
    }
    return (await row.getAttribute('data-state')) as JobState
  }

  /** Every row as `state  text`, for failure messages. */
  async describe(): Promise<string> {
    const rows = await this.page.getByTestId('download-row').all()
    const lines = await Promise.all(
      rows.map(
        async (row) =>
          `${(await row.getAttribute('data-state')) ?? '?'}  ${(await row.textContent()) ?? ''}`,
      ),
    )
    return lines.join('\n')
  }

  /** Resolves once the row's progress bar shows at least `percent`. */
  async waitForProgress(name: string, percent: number): Promise<void> {
    await this.page.waitForFunction(
      ({ fileName, minimum }) =>
        Array.from(
          (globalThis as unknown as PageGlobals).document.querySelectorAll(
            '[data-testid="download-row"]',
          ),
        )
          .filter((row) => row.textContent?.includes(fileName))
          .some((row) => {
            const bar = row.querySelector('[data-testid="download-row-progress"]')
            return Number(bar?.getAttribute('aria-valuenow') ?? '0') >= minimum
          }),
      { fileName: name, minimum: percent },
    )
  }

  async press(
    name: string,
    action: 'pause' | 'resume' | 'retry' | 'cancel' | 'remove' | 'reveal' | 'moveTop',
  ): Promise<void> {
    await this.row(name).getByTestId(`download-row-${action}`).click()
    // Cancel deletes what was downloaded, so it asks first; the flow means it.
    if (action === 'cancel') await this.confirmCancel()
  }

  /** Answers the cancel question with "Cancel and delete partial files". */
  async confirmCancel(): Promise<void> {
    const dialog = this.page.getByTestId('cancel-dialog')
    await dialog.getByTestId('cancel-confirm').click()
    await dialog.waitFor({ state: 'detached' })
  }

  async filter(filter: 'all' | 'active' | 'completed' | 'failed' | 'canceled'): Promise<void> {
    await this.page.getByTestId(`downloads-filter-${filter}`).click()
  }

  /** File names of the job rows in display order. */
  async rowNames(): Promise<string[]> {
    return this.page.getByTestId('download-row').locator('.download-row__name').allTextContents()
  }

  /** Names of the selected job rows. */
  async selectedNames(): Promise<string[]> {
    return this.page
      .locator('[data-testid="download-row"][aria-selected="true"] .download-row__name')
      .allTextContents()
  }

  /** Clicks a row body (with modifiers, as a user selects in a file manager). */
  async clickRow(name: string, modifiers: Array<'Shift' | 'Control'> = []): Promise<void> {
    await this.row(name).locator('.download-row__name').click({ modifiers })
  }

  /** Runs a command of the selection bar. */
  async onSelection(
    command: 'pause' | 'resume' | 'retry' | 'moveTop' | 'cancel' | 'remove',
  ): Promise<void> {
    await this.page.getByTestId(`downloads-selection-${command}`).click()
  }

  /** Drags a row by its handle onto another row (it lands right before that row). */
  async dragBefore(name: string, target: string): Promise<void> {
    await this.row(name).getByTestId('download-row-handle').dragTo(this.row(target))
  }

  async text(testId: string): Promise<string> {
    return (await this.page.getByTestId(testId).first().textContent()) ?? ''
  }

  async errorText(name: string): Promise<string> {
    const error = this.row(name).getByTestId('download-row-error')
    await error.waitFor()
    return (await error.textContent()) ?? ''
  }
}
