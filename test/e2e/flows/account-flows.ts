import { expect } from 'vitest'
import { LibraryPage } from '../pages/library-page'
import { SettingsPage } from '../pages/settings-page'
import type { FlowContext } from './flow-context'

/**
 * A wrong secret, then the right one for the same AccessKey ID: the Library's error offers
 * Retry and Settings, and once the right secret is saved the Library shows the media by itself
 * (no tab change, no reload).
 */
export async function libraryRecoversWhenCredentialsAreFixed(context: FlowContext): Promise<void> {
  const { page } = context.driver
  const { emulator } = context
  const account = {
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: 'not-the-secret-0000',
    regionId: emulator.regionId,
    endpoint: emulator.endpoint,
  }
  const right = { ...account, accessKeySecret: emulator.accessKeySecret }
  const settings = new SettingsPage(page)
  const library = new LibraryPage(page)
  try {
    await settings.open()
    await settings.saveAccount(account)
    await library.open()
    const error = page.getByTestId('library-error')
    await error.waitFor()
    expect(await error.textContent()).toContain('SignatureMismatch')
    expect(await error.getByTestId('error-notice-retry').isVisible()).toBe(true)
    expect(await error.getByRole('button', { name: 'Open settings' }).isVisible()).toBe(true)

    await error.getByRole('button', { name: 'Open settings' }).click()
    await page.getByTestId('settings-screen').waitFor()
    await settings.saveAccount(right)
    await library.open()
    await library.rows().first().waitFor()
    expect(await error.count()).toBe(0)
  } finally {
    // The flows after this one need the account, whatever happened here.
    await context.driver.request('account.save', { kind: 'access-key', ...right })
  }
}
