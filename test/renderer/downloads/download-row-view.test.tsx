import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { toErrorData } from '../../../src/shared/errors'
import type { JobProgress, JobSnapshot } from '../../../src/shared/jobs'
import {
  DownloadRowView,
  type RowCapabilities,
} from '../../../src/renderer/src/screens/downloads/DownloadRowView'
import { makeJob, makeProgress } from '../support/fixtures'
import { renderWithLanguage } from '../support/render-app'

const desktop: RowCapabilities = { revealFiles: true, openFiles: true, dragFiles: true }

function renderRow(
  snapshot: JobSnapshot,
  options: {
    progress?: JobProgress | null
    now?: number
    language?: 'en' | 'zh-CN'
    capabilities?: RowCapabilities
    revealedPath?: string
  } = {},
) {
  const onAction = vi.fn()
  const onDragStart = vi.fn()
  renderWithLanguage(
    <DownloadRowView
      optionId="download-option-j-1"
      snapshot={snapshot}
      progress={options.progress ?? null}
      now={options.now ?? 0}
      cover={null}
      capabilities={options.capabilities ?? desktop}
      revealedPath={options.revealedPath ?? null}
      selected={false}
      focused={false}
      inBatch={false}
      reorderable
      onAction={onAction}
      onClick={vi.fn()}
      onToggle={vi.fn()}
      onDragOut={onDragStart}
      onReorderStart={vi.fn()}
      onReorderDrop={vi.fn()}
    />,
    options.language,
  )
  return { onAction, onDragStart, row: screen.getByTestId('download-row') }
}

describe('DownloadRowView', () => {
  it('shows live bytes, speed and ETA while downloading', () => {
    const { row } = renderRow(makeJob({ state: 'downloading', totalBytes: 4 * 1024 ** 3 }), {
      progress: makeProgress({
        id: 1,
        doneBytes: 1024 ** 3,
        totalBytes: 4 * 1024 ** 3,
        speed: 5 * 1024 ** 2,
        etaSeconds: 185,
      }),
    })
    expect(row.dataset.state).toBe('downloading')
    expect(screen.getByTestId('download-row-figures').textContent).toContain('1.0 GB / 4.0 GB')
    expect(row.textContent).toContain('25%')
    expect(screen.getByTestId('download-row-speed').textContent).toContain('5.0 MB/s')
    expect(screen.getByTestId('download-row-eta').textContent).toContain('ETA 3m 05s')
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25')
    expect(screen.getByTestId('download-row-state').textContent).toContain('Downloading')
  })

  it('says when the address is being refreshed', () => {
    renderRow(makeJob({ state: 'refreshing', doneBytes: 300 }), { language: 'zh-CN' })
    expect(screen.getByTestId('download-row-state').textContent).toContain('正在刷新下载地址')
  })

  it('counts down to the next retry from nextAttemptAt and shows the last error', () => {
    renderRow(
      makeJob({
        state: 'retrying',
        nextAttemptAt: 10_000,
        error: toErrorData('NetworkError', 'ECONNRESET'),
      }),
      { now: 4_200 },
    )
    expect(screen.getByTestId('download-row-state').textContent).toContain(
      'Waiting for retry in 6 s',
    )
    expect(screen.getByTestId('download-row-error').textContent).toContain(
      'Last error: The network connection failed',
    )
    expect(screen.getByTestId('download-row-pause').hasAttribute('disabled')).toBe(false)
  })

  it('shows a failed URL import by its address, with a still bar, one fitting message and only Retry and Remove', () => {
    const url = 'https://media.example.com/masters/launch.mov'
    const { row } = renderRow(
      makeJob({
        state: 'failed',
        fileName: '',
        label: url,
        source: { kind: 'url', url },
        totalBytes: null,
        doneBytes: 0,
        error: toErrorData('NetworkError', 'ECONNREFUSED'),
      }),
    )
    expect(row.querySelector('.download-row__name')?.textContent).toBe(url)
    const bar = screen.getByRole('progressbar')
    expect(bar.className).not.toContain('indeterminate')
    expect(bar.getAttribute('aria-valuenow')).toBe('0')
    const message = screen.getByTestId('download-row-error').textContent ?? ''
    expect(message).toContain('Stopped after repeated network failures')
    expect(message).not.toContain('resumes when the connection is back')
    expect(screen.getByTestId('download-row-retry')).toBeTruthy()
    expect(screen.getByTestId('download-row-remove')).toBeTruthy()
    expect(screen.queryByTestId('download-row-cancel')).toBeNull()
  })

  it('says a canceled row kept no bytes and offers Retry to start over', () => {
    const { onAction } = renderRow(makeJob({ state: 'canceled', doneBytes: 69 * 1024 ** 2 }))
    expect(screen.getByTestId('download-row-canceled').textContent).toContain(
      'Retry starts it over',
    )
    expect(screen.getByTestId('download-row-figures').textContent).not.toContain('69')
    fireEvent.click(screen.getByTestId('download-row-retry'))
    expect(onAction.mock.calls).toEqual([['retry']])
  })

  it('shows a failure in the UI language with retry, and settings for a settings problem', () => {
    const { onAction } = renderRow(
      makeJob({ state: 'failed', error: toErrorData('FilePermission', '/mnt/masters') }),
      { language: 'zh-CN' },
    )
    expect(screen.getByTestId('download-row-error').textContent).toContain('无法写入下载文件夹')
    expect(screen.getByTestId('download-row-error').textContent).toContain('/mnt/masters')
    fireEvent.click(screen.getByTestId('download-row-retry'))
    fireEvent.click(screen.getByTestId('download-row-openSettings'))
    expect(onAction.mock.calls).toEqual([['retry'], ['openSettings']])
    expect(screen.queryByTestId('download-row-pause')).toBeNull()
  })

  it('offers only retry for a failure settings cannot fix', () => {
    renderRow(makeJob({ state: 'failed', error: toErrorData('UrlExpired') }))
    expect(screen.getByTestId('download-row-retry')).toBeTruthy()
    expect(screen.queryByTestId('download-row-openSettings')).toBeNull()
  })

  it('offers resume and move to top for paused jobs, as icon buttons with tooltips', () => {
    const { onAction, row } = renderRow(makeJob({ state: 'paused', doneBytes: 500 }))
    const resume = screen.getByTestId('download-row-resume')
    expect(resume.getAttribute('data-tooltip')).toBe('Resume')
    expect(resume.getAttribute('aria-label')).toContain('Resume: ')
    expect(resume.querySelector('svg')).not.toBeNull()
    fireEvent.click(resume)
    fireEvent.click(screen.getByTestId('download-row-moveTop'))
    expect(onAction.mock.calls).toEqual([['resume'], ['moveTop']])
    expect(screen.getByTestId('download-row-figures').textContent).toContain('500 B / 1000 B')
    expect(row.textContent).toContain('50%')
  })

  it('makes completed rows draggable with desktop file actions', () => {
    const { row, onAction, onDragStart } = renderRow(
      makeJob({ state: 'completed', doneBytes: 1000 }),
    )
    expect(row.getAttribute('draggable')).toBe('true')
    fireEvent.dragStart(row)
    expect(onDragStart).toHaveBeenCalledTimes(1)
    fireEvent.click(within(row).getByLabelText(/^Show in folder/))
    fireEvent.click(within(row).getByLabelText(/^Open:/))
    expect(onAction.mock.calls).toEqual([['reveal'], ['open']])
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100')
  })

  it('shows the path instead of desktop actions when headless', () => {
    const { row } = renderRow(makeJob({ state: 'completed' }), {
      capabilities: { revealFiles: false, openFiles: false, dragFiles: false },
      revealedPath: '/srv/vod/Launch/HD-1.mp4',
    })
    expect(within(row).getByLabelText(/^Show path/)).toBeTruthy()
    expect(within(row).queryByLabelText(/^Open:/)).toBeNull()
    expect(screen.getByTestId('download-row-path').textContent).toContain(
      '/srv/vod/Launch/HD-1.mp4',
    )
  })

  it('is not draggable before completion', () => {
    const { row } = renderRow(makeJob({ state: 'downloading' }))
    expect(row.getAttribute('draggable')).toBe('false')
  })
})
