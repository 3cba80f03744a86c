import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toErrorData } from '../../../src/shared/errors'
import { makeJob, makeProgress } from '../support/fixtures'
import { installLayout } from '../support/layout'
import { createManualClock, renderApp } from '../support/render-app'

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
  return screen.getAllByTestId('download-row').map((element) => Number(element.dataset.jobId))
}

const runningJobs = Array.from({ length: 50 }, (_, index) =>
  makeJob({ id: index + 1, state: 'downloading', totalBytes: 1000, doneBytes: 0 }),
)

async function openDownloads(options: Parameters<typeof renderApp>[0] = {}) {
  const rendered = renderApp({ ...options, initialRoute: { screen: 'downloads' } })
  await screen.findByTestId('downloads-screen')
  return rendered
}

describe('Downloads screen', () => {
  it('shows the empty state when there are no jobs', async () => {
    await openDownloads()
    expect((await screen.findByTestId('downloads-empty')).textContent).toContain('No downloads yet')
  })

  it('virtualizes 50 running jobs and patches one row per progress tick', async () => {
    const { host } = await openDownloads({ jobs: runningJobs })
    await waitFor(() => expect(rowIds().length).toBeGreaterThan(0))
    // 800 px of 52 px rows plus overscan: far fewer than 50 rows exist in the DOM.
    expect(rowIds().length).toBeLessThan(30)
    const untouched = row(2)
    const untouchedFigures = within(untouched).getByTestId('download-row-figures').textContent

    act(() =>
      host.emit('jobs.progress', [
        makeProgress({ id: 1, doneBytes: 640, speed: 2048, etaSeconds: 3 }),
      ]),
    )
    await waitFor(() => expect(row(1).textContent).toContain('64%'))
    expect(within(row(1)).getByTestId('download-row-speed').textContent).toBe('2.0 KB/s')
    // The other row is the same element with the same text: nothing re-mounted, nothing moved.
    expect(row(2)).toBe(untouched)
    expect(within(row(2)).getByTestId('download-row-figures').textContent).toBe(untouchedFigures)
    expect(screen.getByTestId('downloads-footer-lanes').textContent).toContain(
      '0 of 3 large files at a time, 50 small files in their own lane',
    )
    expect(screen.getByTestId('downloads-footer-speed').textContent).toBe('2.0 KB/s')
    expect(screen.getByTestId('downloads-overview-speed').textContent).toBe('2.0 KB/s')
  })

  it('follows state changes, additions and removals pushed by main', async () => {
    const { host } = await openDownloads({ jobs: [makeJob({ id: 1, state: 'downloading' })] })
    await waitFor(() => expect(rowIds()).toEqual([1]))
    act(() => {
      host.updateJob(1, { state: 'refreshing' })
    })
    await waitFor(() =>
      expect(within(row(1)).getByTestId('download-row-state').textContent).toBe(
        'Refreshing address',
      ),
    )
    act(() =>
      host.emit('jobs.changed', [
        makeJob({ id: 2, state: 'queued', updatedAt: 1_800_000_000_000 }),
      ]),
    )
    await waitFor(() => expect(rowIds()).toEqual([1, 2]))
    act(() => {
      host.emit('jobs.removed', [1])
    })
    await waitFor(() => expect(rowIds()).toEqual([2]))
  })

  it('filters by state with counts', async () => {
    await openDownloads({
      jobs: [
        makeJob({ id: 1, state: 'downloading' }),
        makeJob({ id: 2, state: 'failed', error: toErrorData('DiskFull') }),
        makeJob({ id: 3, state: 'completed', doneBytes: 1000 }),
      ],
    })
    await waitFor(() => expect(rowIds()).toEqual([1, 2, 3]))
    expect(screen.getByTestId('downloads-filter-failed').textContent).toContain('1')
    fireEvent.click(screen.getByTestId('downloads-filter-failed'))
    await waitFor(() => expect(rowIds()).toEqual([2]))
    expect(screen.getByTestId('downloads-filter-failed').getAttribute('aria-pressed')).toBe('true')
    fireEvent.click(screen.getByTestId('downloads-filter-completed'))
    await waitFor(() => expect(rowIds()).toEqual([3]))
    fireEvent.click(screen.getByTestId('downloads-filter-active'))
    await waitFor(() => expect(rowIds()).toEqual([1]))
  })

  it('gives canceled jobs a filter of their own', async () => {
    await openDownloads({
      jobs: [makeJob({ id: 1, state: 'downloading' }), makeJob({ id: 2, state: 'canceled' })],
    })
    await waitFor(() => expect(rowIds()).toEqual([1, 2]))
    expect(screen.getByTestId('downloads-filter-canceled').textContent).toContain('1')
    fireEvent.click(screen.getByTestId('downloads-filter-canceled'))
    await waitFor(() => expect(rowIds()).toEqual([2]))
  })

  it('pauses, resumes, retries and moves to the top through the contract', async () => {
    const { host } = await openDownloads({
      jobs: [
        makeJob({ id: 1, state: 'downloading' }),
        makeJob({ id: 2, state: 'failed', error: toErrorData('Timeout') }),
      ],
    })
    await waitFor(() => expect(rowIds()).toEqual([1, 2]))
    fireEvent.click(within(row(1)).getByTestId('download-row-pause'))
    await waitFor(() => expect(row(1).dataset.state).toBe('paused'))
    fireEvent.click(within(row(1)).getByTestId('download-row-resume'))
    await waitFor(() => expect(row(1).dataset.state).toBe('queued'))
    fireEvent.click(within(row(2)).getByTestId('download-row-retry'))
    await waitFor(() => expect(row(2).dataset.state).toBe('queued'))
    fireEvent.click(within(row(2)).getByTestId('download-row-moveTop'))
    await waitFor(() => expect(rowIds()).toEqual([2, 1]))
    expect(host.callsOf('downloads.reorder')).toEqual([{ ids: [2], to: 'top' }])
    expect(host.callsOf('downloads.pause')).toEqual([{ ids: [1] }])
  })

  it('pauses and resumes everything, and clears completed jobs', async () => {
    const { host } = await openDownloads({
      jobs: [
        makeJob({ id: 1, state: 'downloading' }),
        makeJob({ id: 2, state: 'completed', doneBytes: 1000 }),
      ],
    })
    await waitFor(() => expect(rowIds()).toEqual([1, 2]))
    fireEvent.click(screen.getByTestId('downloads-pause-all'))
    await waitFor(() => expect(row(1).dataset.state).toBe('paused'))
    fireEvent.click(screen.getByTestId('downloads-resume-all'))
    await waitFor(() => expect(row(1).dataset.state).toBe('queued'))
    fireEvent.click(screen.getByTestId('downloads-clear-completed'))
    await waitFor(() => expect(rowIds()).toEqual([1]))
    expect(host.callsOf('downloads.clearCompleted')).toHaveLength(1)
  })

  it('exports finished files to a folder in the desktop app, and offers no export headless', async () => {
    const { host } = await openDownloads({
      capabilities: { chooseDirectory: true },
      jobs: [
        makeJob({ id: 1, state: 'downloading' }),
        makeJob({ id: 2, state: 'completed', doneBytes: 1000 }),
        makeJob({ id: 3, state: 'completed', doneBytes: 1000 }),
      ],
    })
    await waitFor(() => expect(rowIds()).toEqual([1, 2, 3]))
    fireEvent.click(screen.getByTestId('downloads-export-move'))
    expect((await screen.findByTestId('notice')).textContent).toContain('Exported 2 files')
    expect(host.callsOf('files.export')).toEqual([{ jobIds: [2, 3], mode: 'move' }])
  })

  it('drags and exports the picked finished files together', async () => {
    const { host } = await openDownloads({
      capabilities: { dragFiles: true, chooseDirectory: true },
      jobs: [
        makeJob({ id: 1, state: 'completed', doneBytes: 1000 }),
        makeJob({ id: 2, state: 'completed', doneBytes: 1000 }),
        makeJob({ id: 3, state: 'completed', doneBytes: 1000 }),
      ],
    })
    await waitFor(() => expect(rowIds()).toEqual([1, 2, 3]))
    fireEvent.click(row(1))
    fireEvent.click(row(3), { ctrlKey: true })
    fireEvent.dragStart(row(3))
    await waitFor(() => expect(host.callsOf('files.startDrag')).toEqual([{ jobIds: [1, 3] }]))
    fireEvent.dragStart(row(2))
    await waitFor(() => expect(host.callsOf('files.startDrag')).toHaveLength(2))
    expect(host.callsOf('files.startDrag')[1]).toEqual({ jobIds: [2] })
    fireEvent.click(screen.getByTestId('downloads-export-copy'))
    await waitFor(() =>
      expect(host.callsOf('files.export')).toEqual([{ jobIds: [1, 3], mode: 'copy' }]),
    )
  })

  it('shows a batch of many small files as one row that expands', async () => {
    const thumbnails = Array.from({ length: 30 }, (_, index) =>
      makeJob({ id: 100 + index, batchId: 7, state: index < 10 ? 'completed' : 'queued' }),
    )
    await openDownloads({ jobs: [makeJob({ id: 1, state: 'downloading' }), ...thumbnails] })
    const batch = await screen.findByTestId('download-batch-row')
    expect(within(batch).getByTestId('download-batch-files').textContent).toBe('10 of 30 files')
    expect(within(batch).getByTestId('download-batch-summary').textContent).toBe(
      '20 to go, 0 failed',
    )
    expect(rowIds()).toEqual([1])
    fireEvent.click(within(batch).getByTestId('download-batch-toggle'))
    await waitFor(() => expect(rowIds()).toContain(100))
  })

  it('offers no export where there is no folder picker', async () => {
    await openDownloads({
      capabilities: { chooseDirectory: false },
      jobs: [makeJob({ id: 2, state: 'completed' })],
    })
    await waitFor(() => expect(rowIds()).toEqual([2]))
    expect(screen.queryByTestId('downloads-export-copy')).toBeNull()
  })

  it('counts down to a retry with the clock', async () => {
    const clock = createManualClock(1_000_000)
    await openDownloads({
      clock,
      jobs: [
        makeJob({
          id: 1,
          state: 'retrying',
          nextAttemptAt: 1_010_000,
          error: toErrorData('Timeout'),
        }),
      ],
    })
    const state = await screen.findByTestId('download-row-state')
    expect(state.textContent).toBe('Waiting for retry in 10 s')
    act(() => clock.set(1_003_500))
    await waitFor(() =>
      expect(screen.getByTestId('download-row-state').textContent).toBe('Waiting for retry in 7 s'),
    )
  })

  it('opens settings from an error that settings can fix', async () => {
    await openDownloads({
      jobs: [makeJob({ id: 1, state: 'failed', error: toErrorData('SecurityTokenExpired') })],
    })
    fireEvent.click(await screen.findByTestId('download-row-openSettings'))
    expect(await screen.findByTestId('settings-screen')).toBeTruthy()
  })

  it('starts a native drag for completed rows in the desktop shell', async () => {
    const { host } = await openDownloads({
      jobs: [makeJob({ id: 4, state: 'completed', doneBytes: 1000 })],
    })
    await waitFor(() => expect(rowIds()).toEqual([4]))
    fireEvent.dragStart(row(4), { dataTransfer: { setData: () => undefined } })
    await waitFor(() => expect(host.callsOf('files.startDrag')).toEqual([{ jobIds: [4] }]))
    fireEvent.click(within(row(4)).getByTestId('download-row-reveal'))
    await waitFor(() => expect(host.callsOf('files.reveal')).toEqual([{ jobId: 4 }]))
    expect(within(row(4)).queryByTestId('download-row-path')).toBeNull()
  })

  it('shows the path the headless host answers instead of opening a folder', async () => {
    const { host } = await openDownloads({
      capabilities: { revealFiles: false, openFiles: false, dragFiles: false },
      jobs: [makeJob({ id: 4, state: 'completed', doneBytes: 1000 })],
    })
    await waitFor(() => expect(rowIds()).toEqual([4]))
    fireEvent.click(within(row(4)).getByLabelText(/^Show path/))
    await waitFor(() =>
      expect(within(row(4)).getByTestId('download-row-path').textContent).toBe(
        '/home/editor/Downloads/job-4.mp4',
      ),
    )
    fireEvent.dragStart(row(4), { dataTransfer: { setData: () => undefined } })
    expect(host.callsOf('files.startDrag')).toEqual([])
  })

  it('reports a failed action as a notice', async () => {
    const { host } = await openDownloads({ jobs: [makeJob({ id: 1, state: 'downloading' })] })
    await waitFor(() => expect(rowIds()).toEqual([1]))
    host.failures.set('downloads.pause', toErrorData('NotFound', 'job 1'))
    fireEvent.click(within(row(1)).getByTestId('download-row-pause'))
    expect((await screen.findByTestId('notice')).textContent).toContain('does not exist')
  })

  it('shows a load failure with retry', async () => {
    await openDownloads({
      jobs: [makeJob({ id: 1 })],
      beforeRender: (host) => host.failures.set('downloads.list', toErrorData('NetworkError')),
    })
    const error = await screen.findByTestId('error-notice')
    expect(error.textContent).toContain('network connection failed')
    fireEvent.click(within(error).getByText('Retry'))
    await waitFor(() => expect(rowIds()).toEqual([1]))
  })
})
