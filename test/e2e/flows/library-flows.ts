import { expect } from 'vitest'
import { AppWindow } from '../pages/app-window'
import { LibraryPage } from '../pages/library-page'
import { SettingsPage } from '../pages/settings-page'
import { videoIdsWithTitle, type FlowContext } from './flow-context'

/**
 * A newcomer's first minute: the library says no account is set, Settings takes the demo
 * AccessKey with the emulator as endpoint, the test says "connected", and the library fills.
 */
export async function connectDemoAccount(context: FlowContext): Promise<void> {
  const { page } = context.driver
  const window = new AppWindow(page)
  await window.waitUntilLoaded()
  await page.getByTestId('library-not-configured').waitFor()
  const settings = new SettingsPage(page)
  await settings.open()
  await settings.connectAccount({
    accessKeyId: context.emulator.accessKeyId,
    accessKeySecret: context.emulator.accessKeySecret,
    regionId: context.emulator.regionId,
    endpoint: context.emulator.endpoint,
  })
  // The secret field is emptied once main has the secret; it never comes back.
  expect(await page.getByTestId('account-secret').inputValue()).toBe('')
  const library = new LibraryPage(page)
  await library.open()
  await library.rows().first().waitFor()
}

/** Title search, status filter and category filter each narrow the list to what VOD says. */
export async function searchAndFilter(context: FlowContext): Promise<void> {
  const { videos } = context.emulator.library
  const library = new LibraryPage(context.driver.page)
  await library.open()
  await library.search('发布会')
  await library.waitForMedia(videoIdsWithTitle(context, '发布会'))

  await library.search(`What's next`)
  await library.waitForMedia(videoIdsWithTitle(context, `What's next`))

  await library.search('')
  await library.filterStatus('Transcoding')
  await library.waitForMedia(
    videos.filter((item) => item.status === 'Transcoding').map((item) => item.id),
  )

  await library.filterStatus('')
  await library.filterCategory(1000005)
  await library.waitForMedia(
    videos.filter((item) => item.cateId === 1000005).map((item) => item.id),
  )
  await library.filterCategory(null)
}

/**
 * A created-date range that ends before it starts is explained in words with a way out (swap),
 * never VOD's raw refusal; days are typed and shown as YYYY-MM-DD in both languages.
 */
export async function dateRangeInWords(context: FlowContext): Promise<void> {
  const { page } = context.driver
  const library = new LibraryPage(page)
  await library.open()
  try {
    await library.search('')
    await library.rows().first().waitFor()
    await library.typeDate('from', '2026-12-31')
    await library.typeDate('to', '2026/1/1')
    expect(await page.getByTestId('library-filter-created-to').inputValue()).toBe('2026-01-01')
    const problem = page.getByTestId('library-date-problem')
    await problem.waitFor()
    expect(await problem.textContent()).toContain('The “to” date is before the “from” date.')
    expect(await page.getByTestId('library-error').count()).toBe(0)
    await page.getByTestId('library-swap-dates').click()
    expect(await page.getByTestId('library-filter-created-from').inputValue()).toBe('2026-01-01')
    expect(await page.getByTestId('library-filter-created-to').inputValue()).toBe('2026-12-31')
    await problem.waitFor({ state: 'detached' })
    await library.rows().first().or(page.getByTestId('library-empty')).waitFor()
    expect(await page.getByTestId('library-error').count()).toBe(0)
  } finally {
    await library.resetFilters()
  }
}

/** In Chinese the date fields read 年-月-日 (not the browser's mm/dd/yyyy) and take 2026年3月1日. */
export async function datesInChinese(context: FlowContext): Promise<void> {
  const { page } = context.driver
  const window = new AppWindow(page)
  await context.driver.request('settings.update', { language: 'zh-CN' })
  try {
    await window.waitForLanguage('zh-CN')
    const library = new LibraryPage(page)
    await library.open()
    const from = page.getByTestId('library-filter-created-from')
    expect(await from.getAttribute('placeholder')).toBe('年-月-日')
    expect(await from.getAttribute('lang')).toBe('zh-CN')
    await library.typeDate('from', '2026年3月1日')
    expect(await from.inputValue()).toBe('2026-03-01')
    await library.typeDate('from', '2026-3')
    expect(await page.getByTestId('library-filter-created-from-field').textContent()).toContain(
      '请输入日期，例如 2026-03-01。',
    )
  } finally {
    await new LibraryPage(page).resetFilters()
    await context.driver.request('settings.update', { language: 'en' })
    await window.waitForLanguage('en')
  }
}

/** A search that finds nothing offers to clear the filters, which brings the media back. */
export async function clearFiltersFromEmptyResult(context: FlowContext): Promise<void> {
  const { page } = context.driver
  const library = new LibraryPage(page)
  await library.open()
  try {
    await library.search('no title is like this one')
    await library.filterStatus('Normal')
    await page.getByTestId('library-empty').waitFor()
    await page.getByTestId('library-clear-filters').click()
    await library.rows().first().waitFor()
    expect(await page.getByTestId('library-search-input').inputValue()).toBe('')
    expect(await page.getByTestId('library-filter-status').inputValue()).toBe('')
  } finally {
    await library.resetFilters()
  }
}

/** Media that is not Normal stands out in the list: a coloured badge, never plain text. */
export async function statusesStandOut(context: FlowContext): Promise<void> {
  const { roles } = context.emulator.library
  const library = new LibraryPage(context.driver.page)
  await library.open()
  await library.search('')
  const expected: Array<[string, string, string]> = [
    [roles.normalWithHdMp4, 'Normal', 'normal'],
    [roles.transcoding, 'Transcoding', 'warning'],
    [roles.blocked, 'Blocked', 'danger'],
    [roles.transcodeFail, 'TranscodeFail', 'danger'],
  ]
  try {
    for (const [mediaId, status, tone] of expected) {
      await library.filterStatus(status)
      await library.row(mediaId).waitFor()
      expect(await library.rowStatus(mediaId)).toMatchObject({ status, tone })
    }
  } finally {
    await library.resetFilters()
  }
}
