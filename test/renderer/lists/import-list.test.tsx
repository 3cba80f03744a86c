import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { importListLimitBytes } from '../../../src/shared/contract'
import { toErrorData } from '../../../src/shared/errors'
import { installLayout } from '../support/layout'
import { renderApp } from '../support/render-app'

let restoreLayout: () => void

beforeEach(() => {
  restoreLayout = installLayout(800)
})

afterEach(() => {
  restoreLayout()
})

async function openDownloads(options: Parameters<typeof renderApp>[0] = {}) {
  const rendered = renderApp({ ...options, initialRoute: { screen: 'downloads' } })
  await screen.findByTestId('downloads-screen')
  return rendered
}

/** Picks a file in the hidden input, as the file chooser would. */
function pick(file: File): void {
  const input = screen.getByTestId<HTMLInputElement>('downloads-import-input')
  fireEvent.change(input, { target: { files: [file] } })
}

const goodId = '93ab850b4f654b6e91d24d81d44d3a1e'

describe('Import list', () => {
  it('sends the picked file as text and shows what was added and the bad line by number', async () => {
    const { host } = await openDownloads()
    const button = screen.getByTestId('downloads-import')
    expect(button.textContent).toBe('Import list…')
    // The button opens the file chooser of the hidden input.
    const input = screen.getByTestId<HTMLInputElement>('downloads-import-input')
    let opened = 0
    input.addEventListener('click', (event) => {
      opened += 1
      event.preventDefault()
    })
    fireEvent.click(button)
    expect(opened).toBe(1)

    const text = [
      'mediaId,fileName',
      `${goodId},master.mov`,
      'https://partner.example.com/ep1.mp4,ep1.mp4',
      'not-an-id,oops.mp4',
    ].join('\r\n')
    pick(new File([text], 'pulls.csv', { type: 'text/csv' }))

    const result = await screen.findByTestId('import-result')
    expect(host.callsOf('lists.import')).toEqual([{ fileName: 'pulls.csv', text }])
    expect(within(result).getByTestId('import-added').textContent).toBe(
      '2 downloads added from pulls.csv, as one batch.',
    )
    expect(within(result).getByTestId('import-bad-count').textContent).toBe(
      '1 line was not imported:',
    )
    const problems = within(result).getAllByTestId('import-problem')
    expect(problems.map((problem) => problem.dataset.line)).toEqual(['4'])
    expect(problems[0]?.textContent).toBe('Line 4: not a media id or an http(s) URL: "not-an-id"')
    // The new jobs arrive as events, like any others.
    await waitFor(() => expect(screen.getAllByTestId('download-row')).toHaveLength(2))

    fireEvent.click(screen.getByTestId('import-close'))
    expect(screen.queryByTestId('import-dialog')).toBeNull()
  })

  it('refuses a file over 10 MiB without reading or sending it', async () => {
    const { host } = await openDownloads({ settings: { language: 'zh-CN' } })
    pick(new File(['a'.repeat(importListLimitBytes + 1)], 'huge.txt', { type: 'text/plain' }))
    const message = await screen.findByTestId('import-too-large')
    expect(message.textContent).toBe('huge.txt 超过 10 MB，请拆分列表后分别导入。')
    expect(host.callsOf('lists.import')).toEqual([])
  })

  it('shows why the whole import failed, with the way to fix it', async () => {
    const { host } = await openDownloads()
    host.failures.set('lists.import', toErrorData('NotConfigured'))
    pick(new File([goodId], 'ids.txt', { type: 'text/plain' }))
    const error = await screen.findByTestId('import-error')
    expect(error.textContent).toContain('No VOD account is configured')
    expect(within(error).getByRole('button', { name: 'Open settings' })).toBeTruthy()
    expect(screen.queryAllByTestId('download-row')).toHaveLength(0)
  })
})
