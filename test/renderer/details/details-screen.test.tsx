import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { toErrorData } from '../../../src/shared/errors'
import { makeFile, makeJob, makeReference } from '../support/fixtures'
import { renderApp } from '../support/render-app'

const route = { screen: 'details', mediaId: 'media-3', mediaType: 'video' } as const

describe('Details screen', () => {
  it('shows metadata, the source with its size, renditions and thumbnails', async () => {
    renderApp({ initialRoute: route })
    expect((await screen.findByTestId('details-title')).textContent).toBe('Clip 3')
    expect(screen.getByTestId('details-metadata').textContent).toContain('media-3')
    expect(screen.getByTestId('source-size').textContent).toBe('4.0 GB')
    expect(screen.getAllByTestId('rendition-row')).toHaveLength(4)
    expect(screen.getAllByTestId('thumbnail-item').map((item) => item.dataset.kind)).toEqual([
      'cover',
      'snapshot',
    ])
  })

  it('offers the source of a video still transcoding and says why the rest is not there', async () => {
    renderApp({
      initialRoute: route,
      beforeRender: (host) => {
        host.media = host.media.map((item) =>
          item.mediaId === 'media-3' ? { ...item, status: 'Transcoding' } : item,
        )
      },
    })
    await screen.findByTestId('details-title')
    expect(screen.getByTestId('source-size').textContent).toBe('4.0 GB')
    expect(screen.queryAllByTestId('rendition-row')).toHaveLength(0)
    const [reason] = screen.getAllByTestId('details-unavailable')
    expect(reason?.dataset.reason).toBe('IllegalStatus')
    expect(reason?.textContent).toBe(
      'Transcoded renditions, Cover snapshots, Snapshots: The video is not in the Normal state (still uploading, transcoding, under review or blocked), so this part cannot be downloaded yet. (Transcoding)',
    )
  })

  it('checks a quality, then queues the checked files with the chosen address type', async () => {
    const { host } = renderApp({ initialRoute: route })
    await screen.findByTestId('details-title')
    const download = screen.getByTestId<HTMLButtonElement>('details-download')
    // aria-disabled keeps it focusable: focus stays on it once a download empties the selection.
    expect(download.getAttribute('aria-disabled')).toBe('true')

    fireEvent.change(screen.getByTestId('quality-select'), { target: { value: 'HD' } })
    fireEvent.click(screen.getByTestId('source-checkbox'))
    fireEvent.click(screen.getByTestId('address-type-oss'))
    expect(screen.getByTestId('details-selection-summary').textContent).toContain(
      '3 files selected',
    )
    fireEvent.click(download)

    await waitFor(() => expect(host.callsOf('downloads.enqueue')).toHaveLength(1))
    const [input] = host.callsOf('downloads.enqueue')
    expect(input?.addressType).toBe('oss')
    expect(
      input?.items.map((item) => [
        item.reference.kind,
        item.reference.definition,
        item.reference.format,
      ]),
    ).toEqual([
      ['source', undefined, undefined],
      ['rendition', 'HD', 'mp4'],
      ['rendition', 'HD', 'm3u8'],
    ])
    expect((await screen.findByTestId('notice')).textContent).toContain('3 downloads added')
    // The new jobs show next to their files.
    await waitFor(() => expect(screen.getAllByTestId('file-job-status').length).toBe(3))
  })

  it('follows a queued file to completion through job events', async () => {
    const reference = makeReference({
      mediaId: 'media-3',
      definition: 'SD',
      format: 'mp4',
      jobId: 'j-sd',
    })
    const { host } = renderApp({
      initialRoute: route,
      jobs: [makeJob({ id: 8, state: 'downloading', source: { kind: 'vod', reference } })],
    })
    await screen.findByTestId('details-title')
    const sdRow = screen
      .getAllByTestId('rendition-row')
      .find((row) => row.dataset.definition === 'SD' && row.dataset.format === 'mp4')
    if (!sdRow) throw new Error('no SD row')
    await waitFor(() =>
      expect(within(sdRow).getByTestId('file-job-status').textContent).toContain('Downloading'),
    )
    act(() => {
      host.updateJob(8, { state: 'completed', doneBytes: 1000 })
    })
    await waitFor(() =>
      expect(within(sdRow).getByTestId('file-job-status').textContent).toBe('Downloaded'),
    )
  })

  it('shows a failure with retry', async () => {
    renderApp({ initialRoute: { screen: 'details', mediaId: 'missing', mediaType: 'video' } })
    const error = await screen.findByTestId('details-error')
    expect(error.textContent).toContain('does not exist')
  })
})

describe('Batch screen', () => {
  const batch = {
    screen: 'batch',
    mediaType: 'video',
    mediaIds: ['media-1', 'media-2', 'media-3'],
  } as const

  it('summarizes count and size before starting', async () => {
    const { host } = renderApp({ initialRoute: batch })
    const summary = await screen.findByTestId('batch-summary')
    expect(summary.textContent).toContain('3 files from 3 media, 3.0 GB in total')
    expect(host.callsOf('downloads.summarize')[0]).toEqual({
      mediaType: 'video',
      mediaIds: ['media-1', 'media-2', 'media-3'],
      selection: 'source',
    })

    fireEvent.click(screen.getByTestId('batch-selection-rendition'))
    fireEvent.change(screen.getByTestId('batch-definition'), { target: { value: 'HD' } })
    await waitFor(() =>
      expect(host.callsOf('downloads.summarize').at(-1)).toMatchObject({
        selection: 'rendition',
        definition: 'HD',
      }),
    )
    fireEvent.click(screen.getByTestId('batch-selection-snapshots'))
    await waitFor(() =>
      expect(screen.getByTestId('batch-summary').textContent).toContain('3 of unknown size'),
    )
  })

  it('starts the batch and returns to the library', async () => {
    const { host } = renderApp({ initialRoute: batch })
    await screen.findByTestId('batch-summary')
    const start = screen.getByTestId<HTMLButtonElement>('batch-start')
    await waitFor(() => expect(start.disabled).toBe(false))
    fireEvent.click(start)
    await waitFor(() => expect(host.callsOf('downloads.enqueueSelection')).toHaveLength(1))
    expect(await screen.findByTestId('library-screen')).toBeTruthy()
    expect((await screen.findByTestId('notice')).textContent).toContain('3 downloads added')
    expect(screen.getByTestId('nav-downloads-count').textContent).toBe('3')
  })

  it('offers only image choices for images', async () => {
    renderApp({ initialRoute: { screen: 'batch', mediaType: 'image', mediaIds: ['media-1'] } })
    await screen.findByTestId('batch-form')
    expect(screen.queryByTestId('batch-selection-rendition')).toBeNull()
    expect(screen.getByTestId('batch-form').textContent).toContain('All original images')
  })

  it('names HDR types in the quality selector, and offers no DASH rendition', async () => {
    renderApp({
      initialRoute: route,
      beforeRender: (host) => {
        host.extraFiles.set('media-3', [
          makeFile({
            reference: makeReference({ mediaId: 'media-3', definition: '4K', jobId: 'j-4k' }),
            definition: '4K',
            hdrType: 'HDR10',
          }),
          makeFile({
            reference: makeReference({
              mediaId: 'media-3',
              definition: 'SD',
              format: 'mpd',
              jobId: 'j-dash',
            }),
            definition: 'SD',
            format: 'mpd',
            downloadable: false,
            reason: toErrorData('DashUnsupported'),
          }),
        ])
      },
    })
    await screen.findByTestId('details-title')
    const options = within(screen.getByTestId('quality-select'))
      .getAllByRole('option')
      .map((option) => option.textContent)
    expect(options).toContain('4K · HDR10')
    const dash = screen.getAllByTestId('rendition-row').find((row) => row.dataset.format === 'mpd')!
    expect(within(dash).getByTestId<HTMLInputElement>('rendition-checkbox').disabled).toBe(true)
    expect(dash.textContent).toContain('DASH (mpd)')
    fireEvent.change(screen.getByTestId('quality-select'), { target: { value: 'SD' } })
    expect(within(dash).getByTestId<HTMLInputElement>('rendition-checkbox').checked).toBe(false)
  })

  it('copies a signed address with its expiry, on the address type chosen', async () => {
    const copied: string[] = []
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => Promise.resolve(void copied.push(text)) },
    })
    try {
      const { host } = renderApp({ initialRoute: route })
      await screen.findByTestId('details-title')
      fireEvent.click(screen.getByTestId('address-type-oss'))
      const source = screen.getByTestId('details-source')
      fireEvent.click(within(source).getByTestId('copy-address'))
      await waitFor(() => expect(copied).toHaveLength(1))
      const [input] = host.callsOf('media.address')
      expect(input?.reference).toMatchObject({
        mediaId: 'media-3',
        kind: 'source',
        outputType: 'oss',
      })
      expect(copied[0]).toMatch(/^https:\/\/cdn\.example\.com\/media-3\/source/)
      const notice = (await screen.findByTestId('notice')).textContent ?? ''
      expect(notice).toContain('Address copied. It is signed')
      expect(notice).toMatch(/It expires at 2026-06-01 \d\d:00\./)
    } finally {
      Reflect.deleteProperty(navigator, 'clipboard')
    }
  })

  it('shows the address to copy by hand when the clipboard refuses', async () => {
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => Promise.reject(new Error('not allowed')) },
    })
    try {
      renderApp({ initialRoute: route })
      await screen.findByTestId('details-title')
      const [first] = screen.getAllByTestId('rendition-row')
      fireEvent.click(within(first!).getByTestId('copy-address'))
      const shown = await screen.findByTestId<HTMLInputElement>('copy-address-text')
      expect(shown.value).toMatch(/^https:\/\/cdn\.example\.com\/media-3\/rendition/)
      expect((await screen.findByTestId('notice')).textContent).toContain(
        'The clipboard is not available',
      )
    } finally {
      Reflect.deleteProperty(navigator, 'clipboard')
    }
  })
})
