import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import {
  backupFormProblem,
  emptyBackupForm,
  inputOfForm,
} from '../../../src/renderer/src/screens/backups/backup-form-values'
import { renderApp } from '../support/render-app'

describe('Backups screen', () => {
  it('adds a backup, runs it, and shows what the run did', async () => {
    const { host } = renderApp({ initialRoute: { screen: 'backups' } })
    await screen.findByTestId('backups-empty')
    fireEvent.click(screen.getByTestId('backups-add'))
    const save = screen.getByTestId<HTMLButtonElement>('backup-save')
    expect(save.disabled).toBe(true)
    expect(screen.getByTestId('backup-form-problem').textContent).toContain('name')
    fireEvent.change(screen.getByTestId('backup-name-input'), { target: { value: 'Masters' } })
    fireEvent.click(screen.getByTestId('backup-source-category'))
    expect(save.disabled).toBe(true)
    fireEvent.change(screen.getByTestId('backup-category'), {
      target: {
        value: String((await host.handlers['library.categories']({ mediaType: 'video' }))[0]?.id),
      },
    })
    fireEvent.click(screen.getByTestId('backup-type-audio'))
    fireEvent.click(screen.getByTestId('backup-file-cover'))
    fireEvent.click(screen.getByTestId('backup-scheduled'))
    fireEvent.change(screen.getByTestId('backup-schedule-hours'), { target: { value: '6' } })
    fireEvent.change(screen.getByTestId('backup-folder'), { target: { value: '/media/nas/vod' } })
    expect(save.disabled).toBe(false)
    fireEvent.click(save)

    const card = await screen.findByTestId('backup-card')
    const [saved] = host.callsOf('backups.save') as Array<Record<string, unknown>>
    expect(saved).toMatchObject({
      name: 'Masters',
      source: { kind: 'category' },
      mediaTypes: ['video', 'image'],
      files: ['source', 'cover', 'image'],
      folder: '/media/nas/vod',
      scheduleHours: 6,
    })
    expect(within(card).getByTestId('backup-never-run')).toBeTruthy()
    expect(within(card).getByTestId('backup-schedule').textContent).toContain('Every 6 h')

    fireEvent.click(within(card).getByTestId('backup-run'))
    const lastRun = await within(card).findByTestId('backup-last-run')
    expect(lastRun.dataset.outcome).toBe('completed')
    expect(within(card).getByTestId('backup-items').textContent).toContain('3 new')
    expect(within(card).getByTestId('backup-files').textContent).toContain('3 downloaded')
  })

  it('edits and removes a backup; its folder is never touched from here', async () => {
    const { host } = renderApp({ initialRoute: { screen: 'backups' } })
    await host.handlers['backups.save']({
      name: 'Old name',
      source: { kind: 'library' },
      mediaTypes: ['video'],
      files: ['source'],
      folder: '/media/nas/vod',
      scheduleHours: null,
    })
    const card = await screen.findByTestId('backup-card')
    fireEvent.click(within(card).getByTestId('backup-edit'))
    const name = screen.getByTestId<HTMLInputElement>('backup-name-input')
    expect(name.value).toBe('Old name')
    fireEvent.change(name, { target: { value: 'New name' } })
    fireEvent.click(screen.getByTestId('backup-save'))
    await waitFor(() => expect(screen.getByTestId('backup-name').textContent).toBe('New name'))
    expect(host.backups.backups).toHaveLength(1)
    fireEvent.click(screen.getByTestId('backup-remove'))
    fireEvent.click(screen.getByTestId('backup-remove-confirm'))
    await screen.findByTestId('backups-empty')
  })

  it('shows a failed run with its reason in the UI language', async () => {
    const { host } = renderApp({ initialRoute: { screen: 'backups' } })
    await host.handlers['backups.save']({
      name: 'Broken',
      source: { kind: 'library' },
      mediaTypes: ['video'],
      files: ['source'],
      folder: '/media/nas/vod',
      scheduleHours: null,
    })
    host.backups.nextRun = {
      startedAt: 1,
      finishedAt: 2,
      outcome: 'failed',
      items: { new: 0, modified: 0, renamed: 0, unchanged: 0, deleted: 0 },
      files: { new: 0, changed: 0, downloaded: 0, failed: 0, pending: 0, needsRestore: 0 },
      bytes: 0,
      error: {
        code: 'Busy',
        message: 'Another VOD Downloader process is running this job.',
        messageZh: '另一个 VOD Downloader 进程正在运行此任务。',
      },
    }
    fireEvent.click(await screen.findByTestId('backup-run'))
    expect((await screen.findByTestId('backup-error')).textContent).toContain('Another VOD')
  })
})

describe('backup form values', () => {
  it('turns what was typed into the request, and names the first problem', () => {
    const values = { ...emptyBackupForm('/home/me/Downloads'), name: ' Nightly ' }
    expect(values.folder).toBe('/home/me/Downloads/Backup')
    expect(backupFormProblem(values)).toBeNull()
    expect(inputOfForm(values)).toEqual({
      name: 'Nightly',
      source: { kind: 'library' },
      mediaTypes: ['video', 'audio', 'image'],
      files: ['source', 'image'],
      folder: '/home/me/Downloads/Backup',
      scheduleHours: null,
    })
    expect(backupFormProblem({ ...values, folder: 'relative' })).toBe('backups.problemFolder')
    expect(backupFormProblem({ ...values, sourceKind: 'search' })).toBe('backups.problemSearch')
    expect(backupFormProblem({ ...values, scheduled: true, scheduleHours: '0' })).toBe(
      'backups.problemSchedule',
    )
    expect(backupFormProblem({ ...values, files: [] })).toBe('backups.problemFiles')
  })
})
