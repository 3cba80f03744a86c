// Only the installed desktop app updates itself. The headless host answers the update requests
// with "unavailable" and never loads electron-updater; neither does the CLI or the shared runtime.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentLogger } from '../../src/main/common/logger'
import { startHeadlessHost, type HeadlessHost } from '../../src/host/headless-host'
import { apiRequest } from './http-client'

const root = resolve(import.meta.dirname, '../..')

describe('the headless host and updates', () => {
  let folder: string
  let host: HeadlessHost
  let auth: Record<string, string>

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'vod-host-updates-'))
    const renderer = join(folder, 'renderer')
    await mkdir(renderer, { recursive: true })
    await writeFile(join(renderer, 'index.html'), '<!doctype html><title>VOD Downloader</title>')
    host = await startHeadlessHost({
      dataFolder: join(folder, 'data'),
      downloadFolder: join(folder, 'downloads'),
      rendererDirectory: renderer,
      environment: {},
      log: silentLogger,
    })
    auth = { Authorization: `Bearer ${host.server.token}` }
  })

  afterAll(async () => {
    await host.close()
    await rm(folder, { recursive: true, force: true })
  })

  it('says it never updates itself, and refuses "Restart now"', async () => {
    const status = await apiRequest(host.server.port, 'app.updateStatus', {}, auth)
    expect(JSON.parse(status.body)).toEqual({
      ok: true,
      value: { state: 'unavailable', reason: 'headless' },
    })
    const restart = await apiRequest(host.server.port, 'app.restartToUpdate', {}, auth)
    expect(JSON.parse(restart.body)).toMatchObject({ ok: false, error: { code: 'Unsupported' } })
  })

  it('has the update settings, which only the desktop app acts on', async () => {
    const settings = JSON.parse(
      (await apiRequest(host.server.port, 'settings.get', {}, auth)).body,
    ) as { value: Record<string, unknown> }
    expect(settings.value).toMatchObject({ autoUpdate: true, updateChannel: 'stable' })
  })

  it('cannot load electron-updater: only the desktop shell imports it', async () => {
    async function sources(directory: string): Promise<string[]> {
      const entries = await readdir(directory, { withFileTypes: true, recursive: true })
      return entries
        .filter((entry) => entry.isFile() && /\.(ts|tsx|mts|js|mjs)$/.test(entry.name))
        .map((entry) => join(entry.parentPath, entry.name))
    }
    const importers: string[] = []
    for (const file of await sources(join(root, 'src'))) {
      if (/from 'electron-updater'|import\('electron-updater'\)/.test(await readFile(file, 'utf8')))
        importers.push(relative(root, file).split('\\').join('/'))
    }
    expect(importers).toEqual(['src/main/desktop/adapters/updater.ts'])
  })
})
