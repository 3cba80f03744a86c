import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeJob } from '../support/fixtures'
import { installLayout } from '../support/layout'
import { renderApp } from '../support/render-app'

let restoreLayout: () => void

beforeEach(() => {
  restoreLayout = installLayout(800)
})

afterEach(() => {
  restoreLayout()
})

function row(id: number): HTMLElement {
  const found = screen
    .getAllByTestId('download-row')
    .find((element) => element.dataset.jobId === String(id))
  if (!found) throw new Error(`no row for job ${id}`)
  return found
}

function rowIds(): number[] {
  return screen.queryAllByTestId('download-row').map((element) => Number(element.dataset.jobId))
}

function selectedIds(): number[] {
  return screen
    .getAllByTestId('download-row')
    .filter((element) => element.getAttribute('aria-selected') === 'true')
    .map((element) => Number(element.dataset.jobId))
}

async function openDownloads(options: Parameters<typeof renderApp>[0] = {}) {
  const rendered = renderApp({ ...options, initialRoute: { screen: 'downloads' } })
  await screen.findByTestId('downloads-screen')
  return rendered
}

const queued = Array.from({ length: 6 }, (_, index) =>
  makeJob({ id: index + 1, state: 'queued', fileName: `clip-${index + 1}.mp4` }),
)

describe('Downloads screen for big queues', () => {
  it('selects rows by click, Shift, Ctrl, a Shift-click on a checkbox and Ctrl+A, and acts on the selection', async () => {
    const { host } = await openDownloads({ jobs: queued })
    await waitFor(() => expect(rowIds()).toEqual([1, 2, 3, 4, 5, 6]))
    fireEvent.click(row(2))
    fireEvent.click(row(4), { shiftKey: true })
    expect(selectedIds()).toEqual([2, 3, 4])
    fireEvent.click(row(6), { ctrlKey: true })
    expect(selectedIds()).toEqual([2, 3, 4, 6])
    // A Shift-click on a checkbox adds the range from the anchor, as in mail clients.
    fireEvent.click(row(1))
    fireEvent.click(within(row(3)).getByTestId('download-row-select'))
    fireEvent.click(within(row(5)).getByTestId('download-row-select'), { shiftKey: true })
    expect(selectedIds()).toEqual([1, 3, 4, 5])
    expect(screen.getByTestId('downloads-selection-count').textContent).toBe('4 downloads selected')
    fireEvent.click(screen.getByTestId('downloads-selection-pause'))
    await waitFor(() => expect(host.callsOf('downloads.pause')).toEqual([{ ids: [1, 3, 4, 5] }]))
    fireEvent.click(screen.getByTestId('downloads-selection-moveTop'))
    await waitFor(() =>
      expect(host.callsOf('downloads.reorder')).toEqual([{ ids: [1, 3, 4, 5], to: 'top' }]),
    )
    fireEvent.keyDown(screen.getByTestId('downloads-list'), { key: 'a', ctrlKey: true })
    expect(selectedIds()).toHaveLength(6)
    fireEvent.keyDown(screen.getByTestId('downloads-list'), { key: 'Escape' })
    expect(screen.queryByTestId('downloads-selection-bar')).toBeNull()
  })

  it('moves the selection with Alt+↑ and Alt+↓', async () => {
    const { host } = await openDownloads({ jobs: queued })
    await waitFor(() => expect(rowIds()).toEqual([1, 2, 3, 4, 5, 6]))
    fireEvent.click(row(4))
    const list = screen.getByTestId('downloads-list')
    fireEvent.keyDown(list, { key: 'ArrowUp', altKey: true })
    await waitFor(() => expect(rowIds()).toEqual([1, 2, 4, 3, 5, 6]))
    fireEvent.keyDown(list, { key: 'ArrowDown', altKey: true })
    await waitFor(() => expect(rowIds()).toEqual([1, 2, 3, 4, 5, 6]))
    expect(host.callsOf('downloads.reorder')).toEqual([
      { ids: [4], to: { before: 3 } },
      { ids: [4], to: { before: 5 } },
    ])
  })

  it('reorders by dragging a row’s handle onto another row', async () => {
    const { host } = await openDownloads({ jobs: queued })
    await waitFor(() => expect(rowIds()).toEqual([1, 2, 3, 4, 5, 6]))
    const data = new Map<string, string>()
    const dataTransfer = {
      setData: (type: string, value: string) => data.set(type, value),
      getData: (type: string) => data.get(type) ?? '',
      get types() {
        return [...data.keys()]
      },
      effectAllowed: 'all',
    }
    fireEvent.dragStart(within(row(5)).getByTestId('download-row-handle'), { dataTransfer })
    fireEvent.dragOver(row(2), { dataTransfer })
    fireEvent.drop(row(2), { dataTransfer })
    await waitFor(() => expect(rowIds()).toEqual([1, 5, 2, 3, 4, 6]))
    expect(host.callsOf('downloads.reorder')).toEqual([{ ids: [5], to: { before: 2 } }])
  })

  it('asks before canceling, saying the partial files go', async () => {
    const { host } = await openDownloads({
      jobs: [
        makeJob({
          id: 1,
          state: 'downloading',
          doneBytes: 69 * 1024 ** 2,
          totalBytes: 180 * 1024 ** 2,
        }),
      ],
    })
    await waitFor(() => expect(rowIds()).toEqual([1]))
    fireEvent.click(within(row(1)).getByTestId('download-row-cancel'))
    const dialog = await screen.findByTestId('cancel-dialog')
    expect(dialog.textContent).toContain('69 MB')
    fireEvent.click(within(dialog).getByTestId('cancel-keep'))
    expect(host.callsOf('downloads.cancel')).toEqual([])
    fireEvent.click(within(row(1)).getByTestId('download-row-cancel'))
    fireEvent.click(
      within(await screen.findByTestId('cancel-dialog')).getByTestId('cancel-confirm'),
    )
    await waitFor(() => expect(row(1).dataset.state).toBe('canceled'))
    expect(host.callsOf('downloads.cancel')).toEqual([{ ids: [1] }])
  })

  it('reads sensibly when nothing runs, and searches and sorts the list', async () => {
    await openDownloads({
      jobs: [
        makeJob({
          id: 1,
          state: 'completed',
          fileName: 'b-master.mov',
          doneBytes: 1000,
          totalBytes: 1000,
        }),
        makeJob({ id: 2, state: 'paused', fileName: 'a-cover.jpg', totalBytes: 10, doneBytes: 5 }),
        makeJob({ id: 3, state: 'failed', fileName: 'c-HD.mp4', totalBytes: 500 }),
      ],
    })
    await waitFor(() => expect(rowIds()).toEqual([1, 2, 3]))
    const overview = screen.getByTestId('downloads-overview')
    expect(overview.dataset.status).toBe('idle')
    expect(overview.textContent).toContain('Nothing is downloading: 1 of 3 files done')
    expect(overview.textContent).toContain('1 paused, 1 failed, 0 queued')
    expect(overview.textContent).not.toContain('ETA')
    fireEvent.change(screen.getByTestId('downloads-sort'), { target: { value: 'name' } })
    await waitFor(() => expect(rowIds()).toEqual([2, 1, 3]))
    fireEvent.change(screen.getByTestId('downloads-sort'), { target: { value: 'size' } })
    fireEvent.click(screen.getByTestId('downloads-sort-direction'))
    await waitFor(() => expect(rowIds()).toEqual([1, 3, 2]))
    fireEvent.change(screen.getByTestId('downloads-search'), { target: { value: 'MASTER' } })
    await waitFor(() => expect(rowIds()).toEqual([1]))
    fireEvent.change(screen.getByTestId('downloads-search'), { target: { value: 'nothing' } })
    fireEvent.click(await screen.findByTestId('downloads-search-clear'))
    await waitFor(() => expect(rowIds()).toEqual([1, 3, 2]))
  })

  it('names a batch by what was selected and the media that had nothing matching', async () => {
    const members = Array.from({ length: 25 }, (_, index) =>
      makeJob({ id: 10 + index, batchId: 4, state: index < 5 ? 'completed' : 'queued' }),
    )
    const { host } = await openDownloads({
      jobs: members,
      beforeRender: (host) => {
        host.batches = [
          {
            id: 4,
            createdAt: 1_700_000_000_000,
            origin: {
              kind: 'selection',
              mediaType: 'video',
              selection: 'rendition',
              definition: 'HD',
              format: null,
              mediaCount: 12,
            },
            skippedMedia: 2,
            skippedMediaItems: [
              { mediaId: 'a', title: 'Launch teaser', reason: null },
              { mediaId: 'b', title: null, reason: null },
            ],
          },
        ]
      },
    })
    const batch = await screen.findByTestId('download-batch-row')
    await waitFor(() =>
      expect(within(batch).getByTestId('download-batch-name').textContent).toBe(
        'HD renditions of 12 media',
      ),
    )
    expect(within(batch).getByTestId('download-batch-skipped').textContent).toBe(
      '2 media had nothing matching: Launch teaser, b',
    )
    expect(within(batch).getByTestId('download-batch-files').textContent).toBe('5 of 25 files')
    expect(rowIds()).toEqual([])
    fireEvent.click(within(batch).getByTestId('download-batch-pause'))
    await waitFor(() =>
      expect(host.callsOf('downloads.pause')).toEqual([{ ids: members.map((job) => job.id) }]),
    )
  })
})
