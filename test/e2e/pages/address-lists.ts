import { readFile } from 'node:fs/promises'
import type { Locator, Page } from 'playwright-core'

/** The Library's "Export addresses…" dialog. */
export class ExportDialogPage {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByTestId('export-dialog')
  }

  async open(): Promise<void> {
    await this.page.getByTestId('selection-export').click()
    await this.dialog().waitFor()
  }

  async isChecked(testId: string): Promise<boolean> {
    return this.dialog().getByTestId(testId).isChecked()
  }

  /** Starts the export and waits until its result (or its error) is shown. */
  async start(): Promise<void> {
    await this.dialog().getByTestId('export-start').click()
    await this.dialog()
      .getByTestId('export-result')
      .or(this.dialog().getByTestId('export-error'))
      .waitFor()
  }

  async text(testId: string): Promise<string> {
    return (await this.dialog().getByTestId(testId).textContent()) ?? ''
  }

  async attribute(testId: string, name: string): Promise<string | null> {
    return this.dialog().getByTestId(testId).getAttribute(name)
  }

  /** Clicks "Save …" and answers the browser download: its suggested name and its text. */
  async save(format: 'csv' | 'json'): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.dialog().getByTestId(`export-save-${format}`).click(),
    ])
    const path = await download.path()
    return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') }
  }

  async close(): Promise<void> {
    await this.dialog().getByTestId('export-close').click()
    await this.dialog().waitFor({ state: 'detached' })
  }
}

/** The Downloads screen's "Import list…" and the dialog with its result. */
export class ImportDialogPage {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByTestId('import-dialog')
  }

  /** Picks a list in the file chooser and waits for the import's result (or its error). */
  async importList(name: string, text: string): Promise<void> {
    const [chooser] = await Promise.all([
      this.page.waitForEvent('filechooser'),
      this.page.getByTestId('downloads-import').click(),
    ])
    await chooser.setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') })
    await this.dialog()
      .getByTestId('import-result')
      .or(this.dialog().getByTestId('import-error'))
      .waitFor()
  }

  async addedCount(): Promise<number> {
    return Number(await this.dialog().getByTestId('import-added').getAttribute('data-count'))
  }

  /** The reported bad lines: line number and text. */
  async problems(): Promise<Array<{ line: number; text: string }>> {
    const items = await this.dialog().getByTestId('import-problem').all()
    return Promise.all(
      items.map(async (item) => ({
        line: Number(await item.getAttribute('data-line')),
        text: (await item.textContent()) ?? '',
      })),
    )
  }

  async close(): Promise<void> {
    await this.dialog().getByTestId('import-close').click()
    await this.dialog().waitFor({ state: 'detached' })
  }
}
