import { screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { renderApp } from '../support/render-app'

/** A drop of one folder on the window, as Chromium dispatches it. */
function dropFolder(name: string): void {
  const event = new Event('drop', { bubbles: true, cancelable: true })
  Object.defineProperty(event, 'dataTransfer', {
    value: { files: [new File([], name)], types: ['Files'] },
  })
  window.dispatchEvent(event)
}

/**
 * Drops until the window answers: the app listens for drops once main's capabilities have
 * arrived, which may come after the shell is on screen (under load it did, and a single drop
 * then fell on a window that did not listen yet).
 */
async function dropFolderOnceListening(name: string, answered: () => boolean): Promise<void> {
  await waitFor(() => {
    if (!answered()) dropFolder(name)
    expect(answered()).toBe(true)
  })
}

describe('a folder dropped on the window (desktop)', () => {
  beforeEach(() => {
    // The preload's drop helper: the real path of a dropped file.
    ;(window as unknown as { api?: unknown }).api = { pathForFile: () => '/media/in' }
  })

  afterEach(() => {
    delete (window as unknown as { api?: unknown }).api
  })

  it('says where downloads now go once main has set the folder', async () => {
    const { host } = renderApp({ capabilities: { chooseDirectory: true } })
    await screen.findByTestId('app-shell')
    await dropFolderOnceListening('in', () => host.callsOf('dialog.useDroppedFolder').length > 0)
    await screen.findByText('Download folder set to /media/in.')
    // Every drop the window took asked main about the same folder.
    expect(host.callsOf('dialog.useDroppedFolder')).toContainEqual({ path: '/media/in' })
    expect(new Set(host.callsOf('dialog.useDroppedFolder').map((call) => call.path))).toEqual(
      new Set(['/media/in']),
    )
  })

  it('says nothing when the user declined main’s confirmation (path null)', async () => {
    let asked = 0
    renderApp({
      capabilities: { chooseDirectory: true },
      beforeRender: (host) => {
        host.handlers['dialog.useDroppedFolder'] = () => {
          asked += 1
          return Promise.resolve({ path: null })
        }
      },
    })
    await screen.findByTestId('app-shell')
    await dropFolderOnceListening('in', () => asked > 0)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(screen.queryByText(/Download folder set to/)).toBeNull()
  })
})
