import { describe, expect, it } from 'vitest'
import { TargetFolderStore } from '../../../src/main/desktop/target-folder-store'
import { guardTargetFolders } from '../../../src/main/desktop/target-folder-guard'
import type { Handlers } from '../../../src/shared/contract'
import { dispatchRequest } from '../../../src/shared/contract'

/** Handlers that record which requests reached the services. */
function recordingHandlers(): { handlers: Handlers; reached: string[] } {
  const reached: string[] = []
  const handlers = new Proxy({} as Handlers, {
    get: (_target, name: string) => (input: unknown) => {
      reached.push(`${name} ${JSON.stringify(input)}`)
      return Promise.resolve(
        name === 'downloads.enqueueSelection' ? { jobs: [], skippedMedia: 0 } : [],
      )
    },
  })
  return { handlers, reached }
}

const reference = { mediaId: 'a'.repeat(32), mediaType: 'video', kind: 'source', outputType: 'cdn' }

function setup(platform: NodeJS.Platform = 'linux') {
  const store = new TargetFolderStore({
    platform,
    configured: () => (platform === 'win32' ? 'D:\\Media' : '/srv/downloads'),
  })
  const { handlers, reached } = recordingHandlers()
  return { store, reached, guarded: guardTargetFolders(handlers, store) }
}

describe('guardTargetFolders', () => {
  it('refuses a download folder the user did not choose, before Settings sees it', async () => {
    const { guarded, reached } = setup()
    const result = await dispatchRequest(guarded, 'settings.update', {
      downloadDirectory: '/home/a/.config/autostart',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'FolderNotAllowed' } })
    expect(reached).toEqual([])
  })

  it('lets the configured folder, its subfolders and picked folders through', async () => {
    const { guarded, reached, store } = setup()
    store.grant('/mnt/picked')
    for (const downloadDirectory of ['/srv/downloads', '/srv/downloads/2026', '/mnt/picked']) {
      expect(
        await dispatchRequest(guarded, 'settings.update', { downloadDirectory }),
      ).toMatchObject({ ok: true })
    }
    expect(
      await dispatchRequest(guarded, 'settings.update', { maxConcurrentJobs: 3 }),
    ).toMatchObject({
      ok: true,
    })
    expect(reached).toHaveLength(4)
  })

  it('checks the folder override of both queueing requests', async () => {
    const { guarded, reached } = setup()
    const refused = await dispatchRequest(guarded, 'downloads.enqueue', {
      items: [{ reference }],
      directory: '/etc',
    })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'FolderNotAllowed', detail: '/etc' },
    })
    const selection = await dispatchRequest(guarded, 'downloads.enqueueSelection', {
      mediaType: 'video',
      mediaIds: ['a'.repeat(32)],
      selection: 'source',
      directory: '/tmp',
    })
    expect(selection).toMatchObject({ ok: false, error: { code: 'FolderNotAllowed' } })
    expect(reached).toEqual([])
    expect(
      await dispatchRequest(guarded, 'downloads.enqueue', {
        items: [{ reference }],
        directory: '/srv/downloads/Show',
      }),
    ).toMatchObject({ ok: true })
    expect(
      await dispatchRequest(guarded, 'downloads.enqueue', { items: [{ reference }] }),
    ).toMatchObject({ ok: true })
    expect(reached).toHaveLength(2)
  })

  it('checks the folder of a backup before it is saved', async () => {
    const { guarded, reached, store } = setup()
    const backup = {
      name: 'Masters',
      source: { kind: 'library' },
      mediaTypes: ['video'],
      files: ['source'],
      scheduleHours: null,
    }
    expect(
      await dispatchRequest(guarded, 'backups.save', { ...backup, folder: '/home/a/.ssh' }),
    ).toMatchObject({ ok: false, error: { code: 'FolderNotAllowed' } })
    expect(reached).toEqual([])
    store.grant('/mnt/nas/vod')
    expect(
      await dispatchRequest(guarded, 'backups.save', { ...backup, folder: '/mnt/nas/vod' }),
    ).toMatchObject({ ok: true })
    expect(reached).toHaveLength(1)
  })

  it('refuses network paths on Windows', async () => {
    const { guarded, reached } = setup('win32')
    for (const downloadDirectory of ['\\\\server\\share', '//server/share']) {
      expect(
        await dispatchRequest(guarded, 'settings.update', { downloadDirectory }),
      ).toMatchObject({
        ok: false,
        error: { code: 'FolderNotAllowed' },
      })
    }
    expect(
      await dispatchRequest(guarded, 'settings.update', { downloadDirectory: 'd:\\media\\Show' }),
    ).toMatchObject({ ok: true })
    expect(reached).toHaveLength(1)
  })
})
