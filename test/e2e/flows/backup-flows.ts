import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { openBackupManifest } from '../../../src/main/database/backup-manifest-repository'
import { BackupsPage } from '../pages/backups-page'
import type { FlowContext } from './flow-context'

/**
 * Adds a backup of one category (and the ones below it) from the Backups screen, runs it, and
 * runs it again: the first run copies every source into the folder with its sidecar, the second
 * finds nothing new and downloads nothing.
 */
export async function backUpACategory(context: FlowContext): Promise<void> {
  const { page } = context.driver
  // 国内 Domestic, and 杭州 Hangzhou below it.
  const domestic = [1000201, 1000211]
  const expected = context.emulator.library.videos.filter((video) =>
    domestic.includes(video.cateId),
  )
  expect(expected.some((video) => video.cateId === 1000211)).toBe(true)
  const folder = join(context.downloadFolder, 'Backups', 'Domestic')
  const backups = new BackupsPage(page)
  await backups.open()
  await backups.addCategoryBackup({
    name: 'Domestic masters',
    categoryId: 1000201,
    mediaTypes: ['video'],
    folder,
  })

  const first = await backups.runNow('Domestic masters')
  expect(await first.getByTestId('backup-items').getAttribute('data-new')).toBe(
    String(expected.length),
  )
  expect(await first.getByTestId('backup-files').getAttribute('data-failed')).toBe('0')
  const manifest = openBackupManifest(folder)
  const files = manifest.listFiles({ mediaId: '', selector: '' }, 1000)
  manifest.close()
  expect(files.length).toBeGreaterThan(0)
  for (const file of files) {
    expect(existsSync(join(folder, file.localPath))).toBe(true)
    const itemFolder = join(folder, file.localPath, '..')
    expect(existsSync(itemFolder)).toBe(true)
  }

  const second = await backups.runNow('Domestic masters')
  expect(await second.getByTestId('backup-items').getAttribute('data-new')).toBe('0')
  expect(await second.getByTestId('backup-files').textContent()).toContain('0 downloaded')
}
