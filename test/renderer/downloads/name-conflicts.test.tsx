import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp } from '../support/render-app'

const route = { screen: 'details', mediaId: 'media-3', mediaType: 'video' } as const

describe('name conflicts when queueing', () => {
  it('asks once, then sends the choice and remembers it in Settings when asked to', async () => {
    const { host } = renderApp({
      initialRoute: route,
      beforeRender: (fake) => {
        fake.conflicts = {
          count: 2,
          replaceable: 1,
          examples: [
            { fileName: 'Launch/source.mov', holder: 'file' },
            { fileName: 'Launch/HD.mp4', holder: 'download' },
          ],
        }
      },
    })
    await screen.findByTestId('details-title')
    fireEvent.click(screen.getByTestId('source-checkbox'))
    fireEvent.click(screen.getByTestId('details-download'))
    const dialog = await screen.findByTestId('conflict-dialog')
    expect(dialog.textContent).toContain('2 files have names that are already taken')
    expect(dialog.textContent).toContain('Launch/source.mov')
    expect(dialog.textContent).toContain('a file in the download folder')
    expect(dialog.textContent).toContain('Replace unfinished downloads (1)')
    // Nothing is queued while the question is open.
    expect(host.jobs.size).toBe(0)
    fireEvent.click(within(dialog).getByTestId('conflict-choice-skip'))
    fireEvent.click(within(dialog).getByTestId('conflict-remember'))
    fireEvent.click(within(dialog).getByTestId('conflict-continue'))
    await waitFor(() => expect(host.callsOf('downloads.enqueue')).toHaveLength(2))
    expect(host.callsOf('downloads.enqueue')[0]?.conflicts).toBeUndefined()
    expect(host.callsOf('downloads.enqueue')[1]?.conflicts).toBe('skip')
    expect(host.callsOf('settings.update')).toEqual([{ nameConflicts: 'skip' }])
    expect(host.settings.nameConflicts).toBe('skip')
  })

  it('says what was added and what was already there', async () => {
    const { host } = renderApp({ initialRoute: route })
    await screen.findByTestId('details-title')
    const original = host.handlers['downloads.enqueue']
    host.handlers['downloads.enqueue'] = async (input) => ({
      ...(await original(input)),
      added: 5,
      alreadyDownloaded: 1,
    })
    fireEvent.click(screen.getByTestId('source-checkbox'))
    fireEvent.click(screen.getByTestId('details-download'))
    expect((await screen.findByTestId('notice')).textContent).toContain(
      '5 downloads added, 1 already downloaded.',
    )
  })
})
