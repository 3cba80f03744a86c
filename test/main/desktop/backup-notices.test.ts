import { describe, expect, it } from 'vitest'
import { backupNotice, FinishedBackups } from '../../../src/main/desktop/backup-notices'
import type { BackupRunSummary, BackupView } from '../../../src/shared/contract'
import { toErrorData } from '../../../src/shared/errors'

const run: BackupRunSummary = {
  startedAt: 1,
  finishedAt: 2,
  outcome: 'completed',
  items: { new: 3, modified: 1, renamed: 0, unchanged: 10, deleted: 0 },
  files: { new: 3, changed: 1, downloaded: 4, failed: 0, pending: 0, needsRestore: 0 },
  bytes: 100,
  error: null,
}

function view(id: string, overrides: Partial<BackupView> = {}): BackupView {
  return {
    id,
    name: `Backup ${id}`,
    source: { kind: 'library' },
    mediaTypes: ['video'],
    files: ['source'],
    folder: '/backup',
    scheduleHours: null,
    createdAt: 0,
    lastRun: null,
    running: null,
    nextRunAt: null,
    ...overrides,
  }
}

const running = { phase: 'listing', listed: 0, resolved: 0, downloads: 0, downloaded: 0, failed: 0 }

describe('backup notifications', () => {
  it('tells once, when a run ends, not while it runs or for an old run', () => {
    const finished = new FinishedBackups()
    expect(finished.take([view('a', { lastRun: run })])).toEqual([])
    expect(finished.take([view('a', { running })])).toEqual([])
    expect(finished.take([view('a', { running: { ...running, listed: 500 } })])).toEqual([])
    expect(finished.take([view('a', { lastRun: run })]).map((entry) => entry.id)).toEqual(['a'])
    expect(finished.take([view('a', { lastRun: run })])).toEqual([])
  })

  it('sums up a run, or several that end together, in one notice', () => {
    expect(backupNotice([view('a', { lastRun: run })], 'en')).toEqual({
      title: 'Backup “Backup a” finished',
      body: '4 files downloaded, 4 new or changed items.',
    })
    const failedFiles = { ...run, files: { ...run.files, failed: 2 } }
    expect(
      backupNotice([view('a', { lastRun: run }), view('b', { lastRun: failedFiles })], 'zh-CN'),
    ).toEqual({
      title: '2 个备份已完成',
      body: '已下载 8 个文件，新增或变化的条目 8 个，失败 2 个。',
    })
    const stopped = { ...run, outcome: 'failed' as const, error: toErrorData('NotConfigured') }
    expect(backupNotice([view('a', { lastRun: stopped })], 'en')?.title).toBe(
      'Backup “Backup a” stopped',
    )
    expect(backupNotice([], 'en')).toBeNull()
  })
})
