import type { Locator, Page } from 'playwright-core'
import { AppWindow } from './app-window'
import type { PageGlobals } from './page-globals'

/** The library: tabs, search, filters, the media list and the selection bar. */
export class LibraryPage {
  private readonly window: AppWindow

  constructor(readonly page: Page) {
    this.window = new AppWindow(page)
  }

  async open(): Promise<void> {
    await this.window.go('library')
    await this.page.getByTestId('library-screen').waitFor()
  }

  rows(): Locator {
    return this.page.getByTestId('media-row')
  }

  row(mediaId: string): Locator {
    return this.page.locator(`[data-testid="media-row"][data-media-id="${mediaId}"]`)
  }

  async search(title: string): Promise<void> {
    await this.page.getByTestId('library-search-input').fill(title)
    await this.page.getByTestId('library-search-submit').click()
  }

  async filterStatus(status: string): Promise<void> {
    await this.page.getByTestId('library-filter-status').selectOption(status)
  }

  async filterCategory(categoryId: number | null): Promise<void> {
    await this.page
      .getByTestId('library-filter-category')
      .selectOption(categoryId === null ? '' : String(categoryId))
  }

  /** Waits until the list shows exactly these media ids (in any order). */
  async waitForMedia(mediaIds: readonly string[]): Promise<void> {
    await this.page.waitForFunction(
      (wanted) => {
        const { document } = globalThis as unknown as PageGlobals
        const shown = Array.from(document.querySelectorAll('[data-testid="media-row"]')).map(
          (row) => row.getAttribute('data-media-id') ?? '',
        )
        return shown.length === wanted.length && wanted.every((id) => shown.includes(id))
      },
      [...mediaIds],
    )
  }

  /** Back to no filter at all: a flow that changed filters leaves the Library as it found it. */
  async resetFilters(): Promise<void> {
    await this.filterStatus('')
    await this.filterCategory(null)
    for (const which of ['from', 'to'] as const) {
      await this.page.getByTestId(`library-filter-created-${which}`).fill('')
    }
    await this.search('')
  }

  /** Types a day into the created-from or created-to field, as a user would, and leaves it. */
  async typeDate(which: 'from' | 'to', text: string): Promise<void> {
    const field = this.page.getByTestId(`library-filter-created-${which}`)
    await field.fill(text)
    await field.blur()
  }

  /** The status shown in a row: its VOD status and how it stands out (`normal` or a tone). */
  async rowStatus(mediaId: string): Promise<{ status: string; tone: string; text: string }> {
    const status = this.row(mediaId).getByTestId('media-row-status')
    return {
      status: (await status.getAttribute('data-status')) ?? '',
      tone: (await status.getAttribute('data-tone')) ?? '',
      text: (await status.textContent()) ?? '',
    }
  }

  async openDetails(mediaId: string): Promise<void> {
    await this.row(mediaId).getByTestId('media-row-open').click()
    await this.page.getByTestId('details-screen').waitFor()
  }
}
