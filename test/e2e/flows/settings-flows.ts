import { join } from 'node:path'
import { expect } from 'vitest'
import { DownloadsPage } from '../pages/downloads-page'
import type { PageGlobals } from '../pages/page-globals'
import { SettingsPage } from '../pages/settings-page'
import type { FlowContext } from './flow-context'

const mebibyte = 1024 * 1024

/**
 * The walkthrough's lost settings: change the speed limit and the folder, go straight to
 * Downloads, come back. Both are applied (main has them, the fields show them, each is marked
 * "Applied"); a value that is not valid is kept out, and leaving says it was not saved.
 */
export async function settingsApplyAsTheyChange(context: FlowContext): Promise<void> {
  const { driver } = context
  const { page } = driver
  const settings = new SettingsPage(page)
  const downloads = new DownloadsPage(page)
  const folder = join(context.downloadFolder, 'masters')
  try {
    await settings.open()
    await settings.field('speedLimitBytesPerSecond').fill('4')
    await settings.field('downloadDirectory').fill(folder)
    await downloads.open()
    await settings.open()
    expect(await settings.field('speedLimitBytesPerSecond').inputValue()).toBe('4')
    expect(await settings.field('downloadDirectory').inputValue()).toBe(folder)
    const saved = await driver.request('settings.get', {})
    expect(saved.speedLimitBytesPerSecond).toBe(4 * mebibyte)
    expect(saved.downloadDirectory).toBe(folder)

    // Applied while staying: a pause in typing is enough, and the field says so.
    await settings.field('maxConcurrentJobs').fill('2')
    await page
      .getByTestId('setting-maxConcurrentJobs')
      .getByTestId('field-status')
      .filter({ hasText: 'Applied' })
      .waitFor()
    expect((await driver.request('settings.get', {})).maxConcurrentJobs).toBe(2)

    // An invalid value is never sent, and leaving with it says so.
    await settings.field('connectionsPerJob').fill('99')
    expect(
      await page.getByTestId('setting-connectionsPerJob').getByRole('alert').textContent(),
    ).toContain('Enter a whole number from 1 to 32.')
    // Leave, and read the notice without a locator wait (which would let the handler that
    // clears notices out of the way close it first).
    await page.getByTestId('nav-downloads').click()
    await page.waitForFunction(() =>
      Array.from(
        (globalThis as unknown as PageGlobals).document.querySelectorAll('[data-testid="notice"]'),
      ).some((notice) =>
        notice.textContent?.includes(
          'Not saved, because the value was not valid: Connections per download.',
        ),
      ),
    )
    expect((await driver.request('settings.get', {})).connectionsPerJob).not.toBe(99)
  } finally {
    await driver.request('settings.update', {
      speedLimitBytesPerSecond: 0,
      maxConcurrentJobs: 3,
      downloadDirectory: context.downloadFolder,
    })
  }
}
