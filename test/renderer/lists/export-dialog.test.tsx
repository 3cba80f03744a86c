import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toErrorData } from '../../../src/shared/errors'
import { formatDateTime } from '../../../src/shared/format'
import { installLayout } from '../support/layout'
import { renderApp } from '../support/render-app'

let restoreLayout: () => void
/** Blobs the page handed to the browser as downloads, with the names they were saved under. */
let saved: Array<{ name: string; blob: Blob }>
let restoreDownloads: () => void

beforeEach(() => {
  restoreLayout = installLayout(640)
  saved = []
  // jsdom has neither object URLs nor downloads: keep the Blobs, and take the download link's
  // click (a browser would save the file; jsdom would try to navigate).
  const blobs = new Map<string, Blob>()
  Object.defineProperty(URL, 'createObjectURL', {
    configurable: true,
    value: (blob: Blob) => {
      const url = `blob:test/${blobs.size}`
      blobs.set(url, blob)
      return url
    },
  })
  Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, value: () => undefined })
  const onClick = (event: MouseEvent): void => {
    const link = event.target
    if (!(link instanceof HTMLAnchorElement) || !link.download) return
    event.preventDefault()
    const blob = blobs.get(link.getAttribute('href') ?? '')
    if (blob) saved.push({ name: link.download, blob })
  }
  document.addEventListener('click', onClick)
  restoreDownloads = () => {
    document.removeEventListener('click', onClick)
    Reflect.deleteProperty(URL, 'createObjectURL')
    Reflect.deleteProperty(URL, 'revokeObjectURL')
  }
})

afterEach(() => {
  restoreDownloads()
  restoreLayout()
})

async function openExport(): Promise<HTMLElement> {
  fireEvent.click(await screen.findByTestId('selection-export'))
  return screen.findByTestId('export-dialog')
}

describe('Export addresses dialog', () => {
  it('exports the whole current filter with the settings, shows the expiry and saves the CSV', async () => {
    const { host } = renderApp({
      mediaCount: 30,
      settings: { authTimeoutSeconds: 7200, defaultAddressType: 'oss' },
    })
    await screen.findByTestId('media-list')
    fireEvent.change(screen.getByTestId('library-search-input'), { target: { value: 'Clip 1' } })
    fireEvent.click(screen.getByTestId('library-search-submit'))
    await waitFor(() =>
      expect(screen.getByTestId('library-total').textContent).toBe('11 of 11 loaded'),
    )

    const dialog = await openExport()
    // Nothing is selected, so the filter is the scope; the warning is there before anything runs.
    expect(within(dialog).getByTestId<HTMLInputElement>('export-scope-selection').disabled).toBe(
      true,
    )
    expect(within(dialog).getByTestId<HTMLInputElement>('export-scope-filter').checked).toBe(true)
    expect(within(dialog).getByTestId('export-warning').textContent).toContain(
      'The URLs in this list are signed and expire',
    )
    expect(within(dialog).getByTestId<HTMLInputElement>('export-auth-timeout').value).toBe('2')
    fireEvent.click(within(dialog).getByTestId('export-file-cover'))
    fireEvent.click(within(dialog).getByTestId('export-start'))

    const result = await within(dialog).findByTestId('export-result')
    expect(host.callsOf('lists.export')).toEqual([
      {
        mediaType: 'video',
        target: { kind: 'filter', title: 'Clip 1', sort: 'created-desc' },
        files: ['source', 'cover'],
        authTimeoutSeconds: 7200,
        formats: ['csv'],
      },
    ])
    expect(within(result).getByTestId('export-summary').textContent).toBe('11 media, 22 files.')
    const expiry = within(result).getByTestId('export-expiry')
    const expiresAt = 1_700_000_000_000 + 7200 * 1000
    expect(expiry.dataset.earliestExpiresAt).toBe(new Date(expiresAt).toISOString())
    expect(expiry.textContent).toContain(formatDateTime(expiresAt))
    expect(within(result).queryByTestId('export-save-json')).toBeNull()
    // Focus moved to the result, so the keyboard user lands on "Save".
    expect(document.activeElement).toBe(within(result).getByTestId('export-save-csv'))

    fireEvent.click(within(result).getByTestId('export-save-csv'))
    expect(saved).toHaveLength(1)
    expect(saved[0]?.name).toMatch(/^vod-addresses-video-\d{8}-\d{4}\.csv$/)
    const text = await saved[0]?.blob.text()
    expect(text?.split('\r\n').filter((line) => line.startsWith('media-'))).toHaveLength(22)
    expect(saved[0]?.blob.type).toBe('text/csv;charset=utf-8')
  })

  it('exports the selection as chosen: renditions of one quality, CDN, JSON too', async () => {
    const { host } = renderApp({ mediaCount: 30 })
    await screen.findByTestId('media-list')
    const rows = screen.getAllByTestId('media-row')
    fireEvent.click(rows[1] as HTMLElement)
    fireEvent.click(rows[3] as HTMLElement, { shiftKey: true })
    const dialog = await openExport()
    expect(within(dialog).getByTestId<HTMLInputElement>('export-scope-selection').checked).toBe(
      true,
    )
    fireEvent.click(within(dialog).getByTestId('export-file-source'))
    // Nothing to export: the button waits for a choice.
    expect(within(dialog).getByTestId<HTMLButtonElement>('export-start').disabled).toBe(true)
    fireEvent.click(within(dialog).getByTestId('export-file-rendition'))
    fireEvent.change(within(dialog).getByTestId('export-definition'), { target: { value: 'HD' } })
    fireEvent.change(within(dialog).getByTestId('export-format'), { target: { value: 'mp4' } })
    // CDN is the default: one choice, marked so, sent as no choice at all.
    expect(within(dialog).getByTestId<HTMLInputElement>('address-type-cdn').checked).toBe(true)
    expect(within(dialog).queryByTestId('address-type-default')).toBeNull()
    fireEvent.click(within(dialog).getByTestId('address-type-cdn'))
    fireEvent.click(within(dialog).getByTestId('export-type-json'))
    fireEvent.change(within(dialog).getByTestId('export-auth-timeout'), { target: { value: '0' } })
    expect(within(dialog).getByTestId<HTMLButtonElement>('export-start').disabled).toBe(true)
    fireEvent.change(within(dialog).getByTestId('export-auth-timeout'), { target: { value: '12' } })
    fireEvent.click(within(dialog).getByTestId('export-start'))

    await within(dialog).findByTestId('export-result')
    expect(host.callsOf('lists.export')[0]).toEqual({
      mediaType: 'video',
      target: { kind: 'selection', mediaIds: ['media-1', 'media-2', 'media-3'] },
      files: ['rendition'],
      definition: 'HD',
      format: 'mp4',
      authTimeoutSeconds: 43_200,
      formats: ['csv', 'json'],
    })
    fireEvent.click(within(dialog).getByTestId('export-save-json'))
    expect(saved.map((file) => file.name)).toEqual([expect.stringMatching(/\.json$/)])
  })

  it('shows a failure with its code, in Chinese, and the warning in Chinese', async () => {
    const { host } = renderApp({ settings: { language: 'zh-CN' } })
    await screen.findByTestId('media-list')
    host.failures.set('lists.export', toErrorData('Throttled'))
    const dialog = await openExport()
    expect(within(dialog).getByTestId('export-warning').textContent).toContain(
      '此列表中的 URL 均已签名，且会过期',
    )
    fireEvent.click(within(dialog).getByTestId('export-start'))
    const error = await within(dialog).findByTestId('export-error')
    expect(error.textContent).toContain('点播接口请求过于频繁')
    expect(error.textContent).toContain('Throttled')
    expect(within(dialog).queryByTestId('export-result')).toBeNull()
  })

  it('keeps focus inside while open, closes with Esc and gives focus back', async () => {
    renderApp()
    await screen.findByTestId('media-list')
    const opener = await screen.findByTestId('selection-export')
    opener.focus()
    fireEvent.click(opener)
    const dialog = await screen.findByTestId('export-dialog')
    expect(dialog.getAttribute('role')).toBe('dialog')
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(dialog.getAttribute('aria-labelledby')).toBe(
      within(dialog).getByRole('heading', { name: 'Export download addresses' }).id,
    )
    // The first control that can take focus has it (the selection radio is disabled).
    expect(document.activeElement).toBe(within(dialog).getByTestId('export-scope-filter'))
    const close = within(dialog).getByTestId('export-close')
    close.focus()
    fireEvent.keyDown(close, { key: 'Tab' })
    expect(document.activeElement).toBe(within(dialog).getByTestId('export-scope-filter'))
    fireEvent.keyDown(document.activeElement as Element, { key: 'Tab', shiftKey: true })
    expect(document.activeElement).toBe(close)

    // Focus that fell out of the dialog (a focused button became disabled) is brought back.
    close.blur()
    expect(document.activeElement).toBe(document.body)
    fireEvent.keyDown(document.body, { key: 'Tab' })
    expect(document.activeElement).toBe(within(dialog).getByTestId('export-scope-filter'))

    fireEvent.keyDown(close, { key: 'Escape' })
    expect(screen.queryByTestId('export-dialog')).toBeNull()
    expect(document.activeElement).toBe(screen.getByTestId('selection-export'))

    // Esc closes it from outside too.
    fireEvent.click(screen.getByTestId('selection-export'))
    await screen.findByTestId('export-dialog')
    ;(document.activeElement as HTMLElement).blur()
    fireEvent.keyDown(document.body, { key: 'Escape' })
    expect(screen.queryByTestId('export-dialog')).toBeNull()
  })
})
