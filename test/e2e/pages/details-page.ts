import type { Page } from 'playwright-core'
import type { PageGlobals } from './page-globals'

/** One media item: its files, the checkboxes, and the download button. */
export class DetailsPage {
  constructor(readonly page: Page) {}

  async waitForTitle(title: string): Promise<void> {
    await this.page.getByTestId('details-title').filter({ hasText: title }).waitFor()
  }

  async checkRendition(definition: string, format: string): Promise<void> {
    await this.page
      .locator(
        `[data-testid="rendition-row"][data-definition="${definition}"][data-format="${format}"]`,
      )
      .first()
      .getByTestId('rendition-checkbox')
      .check()
  }

  async checkSource(): Promise<void> {
    await this.page.getByTestId('source-checkbox').check()
  }

  /**
   * Queues the checked files. Success clears the selection; a refusal shows an error notice,
   * whose text becomes the failure here.
   */
  async download(): Promise<void> {
    await this.page.getByTestId('details-download').click()
    await this.page.waitForFunction(() => {
      const { document } = globalThis as unknown as PageGlobals
      return (
        document.querySelector('[data-testid="notice"][role="alert"]') !== null ||
        document.querySelector(
          '[data-testid="rendition-checkbox"]:checked, [data-testid="source-checkbox"]:checked',
        ) === null
      )
    })
    const refusal = this.page.locator('[data-testid="notice"][role="alert"]')
    if ((await refusal.count()) > 0) {
      throw new Error(`queueing was refused: ${(await refusal.first().textContent()) ?? ''}`)
    }
  }

  /** The captions under the thumbnails (cover, snapshots, images), in order. */
  async thumbnailCaptions(kind?: string): Promise<string[]> {
    const items = kind
      ? this.page.locator(`[data-testid="thumbnail-item"][data-kind="${kind}"]`)
      : this.page.getByTestId('thumbnail-item')
    return (await items.allTextContents()).map((text) => text.trim())
  }

  /** One value of the metadata list (`storageClass`, `dimensions`, …). */
  async meta(field: string): Promise<string> {
    return (await this.page.getByTestId(`details-meta-${field}`).textContent()) ?? ''
  }

  async back(): Promise<void> {
    await this.page.getByTestId('details-back').click()
    await this.page.getByTestId('library-screen').waitFor()
  }
}
