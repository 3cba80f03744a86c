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
    action: 'pause' | 'resume' | 'retry' | 'cancel' | 'remove' | 'reveal',
  ): Promise<void> {
    await this.row(name).getByTestId(`download-row-${action}`).click()
  }

  async errorText(name: string): Promise<string> {
    const error = this.row(name).getByTestId('download-row-error')
    await error.waitFor()
    return (await error.textContent()) ?? ''
  }
}
