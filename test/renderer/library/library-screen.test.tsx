import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { I18nProvider } from '../../../src/renderer/src/i18n/i18n-context'
import { MediaList, mediaRowHeight } from '../../../src/renderer/src/screens/library/MediaList'
import { emptySelection } from '../../../src/renderer/src/screens/library/selection'
import { unconfiguredAccount } from '../../../src/shared/contract'
import { makeMedia } from '../support/fixtures'
import { installLayout } from '../support/layout'
import { renderApp } from '../support/render-app'

let restoreLayout: () => void

beforeEach(() => {
  restoreLayout = installLayout(640)
})

afterEach(() => {
  restoreLayout()
})

function list(): HTMLElement {
  return screen.getByTestId('media-list')
}

function rowIds(): string[] {
  return screen.getAllByTestId('media-row').map((row) => row.dataset.mediaId ?? '')
}

describe('MediaList with 10,000 items', () => {
  it('renders only the rows in view', () => {
    const items = Array.from({ length: 10_000 }, (_, index) => makeMedia(index))
    render(
      <I18nProvider language="en">
        <MediaList
          items={items}
          selection={emptySelection}
          hasMore={false}
          loadingMore={false}
          onSelectionAction={vi.fn()}
          onOpen={vi.fn()}
          onLoadMore={vi.fn()}
        />
      </I18nProvider>,
    )
    const rendered = screen.getAllByTestId('media-row')
    expect(rendered.length).toBeGreaterThan(5)
    expect(rendered.length).toBeLessThan(40)
    const canvas = list().firstElementChild as HTMLElement
    expect(canvas.style.height).toBe(`${10_000 * mediaRowHeight}px`)
  })
})

describe('Library rows of media that is not Normal', () => {
  it('say what can be downloaded for now, in both languages', () => {
    const items = [
      makeMedia(0),
      makeMedia(1, { status: 'Transcoding' }),
      makeMedia(2, { status: 'Checking' }),
      makeMedia(3, { status: 'Uploading' }),
    ]
    for (const language of ['en', 'zh-CN'] as const) {
      const { unmount } = render(
        <I18nProvider language={language}>
          <MediaList
            items={items}
            selection={emptySelection}
            hasMore={false}
            loadingMore={false}
            onSelectionAction={vi.fn()}
            onOpen={vi.fn()}
            onLoadMore={vi.fn()}
          />
        </I18nProvider>,
      )
      const offers = screen
        .getAllByTestId('media-row')
        .map((row) => row.querySelector('[data-testid="media-row-offers"]')?.textContent ?? null)
      expect(offers).toEqual(
        language === 'en'
          ? [null, 'source only for now', 'source and snapshots for now', 'nothing to download yet']
          : [null, '暂时只能下载源文件', '暂时只能下载源文件和截图', '暂时没有可下载的文件'],
      )
      unmount()
    }
  })
})

describe('Library screen', () => {
  it('loads the first page and shows the total', async () => {
    const { host } = renderApp({ mediaCount: 10_000 })
    await screen.findByTestId('media-list')
    expect(screen.getByTestId('library-total').textContent).toBe('100 of 10000 loaded')
    expect(host.callsOf('library.search')[0]).toMatchObject({
      mediaType: 'video',
      pageSize: 100,
      sort: 'created-desc',
    })
    expect(rowIds()[0]).toBe('media-0')
  })

  it('pages through the cursor when scrolled near the end', async () => {
    const { host } = renderApp({ mediaCount: 10_000 })
    await screen.findByTestId('media-list')
    act(() => {
      list().scrollTop = 95 * mediaRowHeight
      fireEvent.scroll(list())
    })
    await waitFor(() =>
      expect(screen.getByTestId('library-total').textContent).toBe('200 of 10000 loaded'),
    )
    expect(host.callsOf('library.search')[1]).toMatchObject({ cursor: '100' })
  })

  it('selects with the keyboard: arrows, space, shift and ctrl+A', async () => {
    renderApp()
    await screen.findByTestId('media-list')
    const listbox = list()
    listbox.focus()
    fireEvent.keyDown(listbox, { key: 'ArrowDown' })
    fireEvent.keyDown(listbox, { key: ' ' })
    expect(screen.getByTestId('selection-count').textContent).toBe('1 selected')
    expect(listbox.getAttribute('aria-activedescendant')).toBe('media-option-media-1')
    fireEvent.keyDown(listbox, { key: 'ArrowDown', shiftKey: true })
    fireEvent.keyDown(listbox, { key: 'ArrowDown', shiftKey: true })
    expect(screen.getByTestId('selection-count').textContent).toBe('3 selected')
    fireEvent.keyDown(listbox, { key: 'a', ctrlKey: true })
    expect(screen.getByTestId('selection-count').textContent).toBe('30 selected')
    fireEvent.keyDown(listbox, { key: 'Escape' })
    expect(screen.getByTestId('selection-count').textContent).toBe('0 selected')
  })

  it('selects a range with shift-click and marks rows as selected', async () => {
    renderApp()
    await screen.findByTestId('media-list')
    const rows = screen.getAllByTestId('media-row')
    fireEvent.click(rows[1] as HTMLElement)
    fireEvent.click(rows[4] as HTMLElement, { shiftKey: true })
    expect(screen.getByTestId('selection-count').textContent).toBe('4 selected')
    expect(rows[2]?.getAttribute('aria-selected')).toBe('true')
    expect(rows[5]?.getAttribute('aria-selected')).toBe('false')
  })

  it('opens details with Enter and comes back to the same list', async () => {
    renderApp()
    await screen.findByTestId('media-list')
    const listbox = list()
    fireEvent.keyDown(listbox, { key: 'ArrowDown' })
    fireEvent.keyDown(listbox, { key: 'Enter' })
    expect((await screen.findByTestId('details-title')).textContent).toBe('Clip 1')
    fireEvent.click(screen.getByTestId('details-back'))
    expect(screen.getByTestId('library-screen').closest('[hidden]')).toBeNull()
    expect(list().getAttribute('aria-activedescendant')).toBe('media-option-media-1')
  })

  it('searches by title on submit and resets the selection', async () => {
    const { host } = renderApp()
    await screen.findByTestId('media-list')
    fireEvent.click(screen.getAllByTestId('media-row')[0] as HTMLElement)
    fireEvent.change(screen.getByTestId('library-search-input'), { target: { value: 'Clip 2' } })
    fireEvent.click(screen.getByTestId('library-search-submit'))
    await waitFor(() =>
      expect(rowIds()).toEqual([
        'media-2',
        'media-20',
        'media-21',
        'media-22',
        'media-23',
        'media-24',
        'media-25',
        'media-26',
        'media-27',
        'media-28',
        'media-29',
      ]),
    )
    expect(host.callsOf('library.search').at(-1)).toMatchObject({ title: 'Clip 2' })
    expect(screen.getByTestId('selection-count').textContent).toBe('0 selected')
  })

  it('sends filters as search input, with local days as instants', async () => {
    const { host } = renderApp()
    await screen.findByTestId('media-list')
    fireEvent.change(screen.getByTestId('library-filter-status'), { target: { value: 'Normal' } })
    fireEvent.change(screen.getByTestId('library-filter-created-from'), {
      target: { value: '2024-05-01' },
    })
    fireEvent.change(screen.getByTestId('library-sort'), { target: { value: 'created-asc' } })
    await waitFor(() =>
      expect(host.callsOf('library.search').at(-1)).toMatchObject({
        status: 'Normal',
        sort: 'created-asc',
        createdFrom: new Date(2024, 4, 1).toISOString(),
      }),
    )
    await waitFor(() =>
      expect(
        within(screen.getByTestId('library-filter-category')).getAllByRole('option'),
      ).toHaveLength(3),
    )
  })

  it('lists sub-categories indented under their parent and filters by one', async () => {
    const { host } = renderApp()
    await screen.findByTestId('media-list')
    const select = screen.getByTestId('library-filter-category')
    await waitFor(() => expect(within(select).getAllByRole('option')).toHaveLength(3))
    const labels = within(select)
      .getAllByRole('option')
      .map((option) => option.textContent ?? '')
    expect(labels[1]).toBe('Launches')
    expect(labels[2]).toBe('\u00a0\u00a0\u00a0Keynotes')
    fireEvent.change(select, { target: { value: '71' } })
    await waitFor(() =>
      expect(host.callsOf('library.search').at(-1)).toMatchObject({ categoryId: 71 }),
    )
  })

  it('switches media type with the tabs and arrow keys', async () => {
    const { host } = renderApp()
    await screen.findByTestId('media-list')
    const videoTab = screen.getByTestId('library-tab-video')
    fireEvent.keyDown(videoTab, { key: 'ArrowRight' })
    expect(screen.getByTestId('library-tab-audio').getAttribute('aria-selected')).toBe('true')
    expect(document.activeElement).toBe(screen.getByTestId('library-tab-audio'))
    await screen.findByTestId('library-empty')
    expect(host.callsOf('library.search').at(-1)).toMatchObject({ mediaType: 'audio' })
  })

  it('shows the error with its fix when the search fails', async () => {
    const host = renderApp().host
    await screen.findByTestId('media-list')
    host.failures.set('library.search', {
      code: 'InvalidAccessKey',
      message: 'bad key',
      messageZh: '错误',
    })
    fireEvent.change(screen.getByTestId('library-search-input'), { target: { value: 'x' } })
    fireEvent.click(screen.getByTestId('library-search-submit'))
    const error = await screen.findByTestId('library-error')
    expect(error.textContent).toContain('The AccessKey ID was not found')
    fireEvent.click(within(error).getByText('Open settings'))
    expect(await screen.findByTestId('settings-screen')).toBeTruthy()
  })

  it('asks for an account before searching', async () => {
    const { host } = renderApp({ account: unconfiguredAccount })
    expect(await screen.findByTestId('library-not-configured')).toBeTruthy()
    fireEvent.click(within(screen.getByTestId('library-not-configured')).getByRole('button'))
    expect(await screen.findByTestId('settings-screen')).toBeTruthy()
    expect(host.callsOf('account.get')).toHaveLength(1)
    expect(host.callsOf('library.search')).toEqual([])
  })

  it('starts over when the account changes', async () => {
    const { host } = renderApp()
    await screen.findByTestId('media-list')
    expect(host.callsOf('library.search')).toHaveLength(1)
    act(() => {
      host.emit('account.changed', { ...host.account, regionId: 'cn-beijing' })
    })
    await waitFor(() => expect(host.callsOf('library.search')).toHaveLength(2))
    await screen.findByTestId('media-list')
  })

  it('hands the selection to the batch screen', async () => {
    renderApp()
    await screen.findByTestId('media-list')
    const rows = screen.getAllByTestId('media-row')
    fireEvent.click(rows[0] as HTMLElement)
    fireEvent.click(rows[2] as HTMLElement, { shiftKey: true })
    fireEvent.click(screen.getByTestId('selection-download'))
    expect((await screen.findByTestId('batch-screen')).textContent).toContain('Download 3 media')
  })
})
