import { describe, expect, it } from 'vitest'
import { DownloadedFileMarker } from '../../../src/main/desktop/downloaded-file-marker'
import { DownloadsMonitor } from '../../../src/main/desktop/downloads-monitor'
import type { DownloadOrigin } from '../../../src/main/desktop/policies/download-origin'
import { FakeDownloads, makeJob } from './fakes/downloads'

function setup(initial = [makeJob({ id: 1, state: 'downloading' })]) {
  const engine = new FakeDownloads(initial)
  const monitor = new DownloadsMonitor(engine)
  const marked: { filePath: string; origin: DownloadOrigin }[] = []
  const logged: string[] = []
  let fail = false
  const marker = new DownloadedFileMarker({
    monitor,
    mark: (filePath, origin) => {
      if (fail) return Promise.reject(new Error('no alternate streams on this drive'))
      marked.push({ filePath, origin })
      return Promise.resolve()
    },
    log: (message, error) => logged.push(`${message}: ${String(error)}`),
  })
  return { engine, marker, marked, logged, failNext: () => (fail = true) }
}

describe('DownloadedFileMarker', () => {
  it('marks a file when its job completes, with the origin of its source', async () => {
    const { engine, marker, marked } = setup()
    const job = makeJob({
      id: 1,
      state: 'completed',
      directory: '/downloads',
      fileName: 'Show/master.mov',
      source: { kind: 'url', url: 'https://cdn.example.com/master.mov?auth_key=1-2-3-abc' },
    })
    engine.state(job)
    await marker.idle()
    expect(marked).toEqual([
      {
        filePath: '/downloads/Show/master.mov',
        origin: { hostUrl: 'https://cdn.example.com/master.mov', referrerUrl: null },
      },
    ])
  })

  it('leaves jobs that did not complete, and jobs that were already complete', async () => {
    const { engine, marker, marked } = setup([
      makeJob({ id: 1, state: 'downloading' }),
      makeJob({ id: 2, state: 'completed' }),
    ])
    engine.state(makeJob({ id: 1, state: 'failed' }))
    engine.state(makeJob({ id: 3, state: 'completed' }))
    engine.state(makeJob({ id: 2, state: 'completed', doneBytes: 1000 }))
    await marker.idle()
    expect(marked).toEqual([])
  })

  it('logs a failed mark and keeps marking the next files', async () => {
    const { engine, marker, marked, logged, failNext } = setup([
      makeJob({ id: 1, state: 'downloading' }),
      makeJob({ id: 2, state: 'downloading' }),
    ])
    failNext()
    engine.state(makeJob({ id: 1, state: 'completed' }))
    await marker.idle()
    expect(logged).toEqual([
      'Marking a downloaded file as coming from the internet failed: Error: no alternate streams on this drive',
    ])
    expect(marked).toEqual([])
  })

  it('marks exported copies, one file at a time', async () => {
    const { marker, marked } = setup([])
    const source = { kind: 'url' as const, url: 'https://cdn.example.com/a.mp4' }
    marker.mark({ source }, '/export/a.mp4')
    marker.mark({ source }, '/export/a (1).mp4')
    await marker.idle()
    expect(marked.map((entry) => entry.filePath)).toEqual(['/export/a.mp4', '/export/a (1).mp4'])
  })

  it('stops marking once disposed', async () => {
    const { engine, marker, marked } = setup()
    marker.dispose()
    engine.state(makeJob({ id: 1, state: 'completed' }))
    await marker.idle()
    expect(marked).toEqual([])
  })
})
