import type { BackupView } from '../../shared/contract'
import type { Language } from '../../shared/errors'

/**
 * One notification when backups finish (pure): a run's end is one notice with its totals, not
 * one per file; backups that finish together share it.
 */

/** Remembers which backups were running, to tell when one has finished. */
export class FinishedBackups {
  private readonly running = new Set<string>()

  /** The backups of `views` that were running before and are not any more. */
  take(views: readonly BackupView[]): BackupView[] {
    const finished: BackupView[] = []
    const now = new Set<string>()
    for (const view of views) {
      if (view.running) now.add(view.id)
      else if (this.running.has(view.id) && view.lastRun) finished.push(view)
    }
    this.running.clear()
    for (const id of now) this.running.add(id)
    return finished
  }
}

const strings = {
  en: {
    one: (name: string) => `Backup “${name}” finished`,
    many: (count: number) => `${count} backups finished`,
    failed: (name: string) => `Backup “${name}” stopped`,
    totals: (downloaded: number, items: number, failed: number) =>
      `${downloaded} file${downloaded === 1 ? '' : 's'} downloaded, ${items} new or changed item${items === 1 ? '' : 's'}${failed > 0 ? `, ${failed} failed` : ''}.`,
  },
  'zh-CN': {
    one: (name: string) => `备份“${name}”已完成`,
    many: (count: number) => `${count} 个备份已完成`,
    failed: (name: string) => `备份“${name}”已停止`,
    totals: (downloaded: number, items: number, failed: number) =>
      `已下载 ${downloaded} 个文件，新增或变化的条目 ${items} 个${failed > 0 ? `，失败 ${failed} 个` : ''}。`,
  },
} as const

/** The notification for backups that just finished; null when none did. */
export function backupNotice(
  finished: readonly BackupView[],
  language: Language,
): { title: string; body: string } | null {
  const text = strings[language]
  const runs = finished.flatMap((view) => (view.lastRun ? [{ view, run: view.lastRun }] : []))
  const first = runs[0]
  if (!first) return null
  if (runs.length === 1 && first.run.outcome === 'failed') {
    const reason = first.run.error
      ? language === 'zh-CN'
        ? first.run.error.messageZh
        : first.run.error.message
      : ''
    return { title: text.failed(first.view.name), body: reason }
  }
  let downloaded = 0
  let items = 0
  let failed = 0
  for (const { run } of runs) {
    downloaded += run.files.downloaded
    items += run.items.new + run.items.modified
    failed += run.files.failed + (run.outcome === 'failed' ? 1 : 0)
  }
  return {
    title: runs.length === 1 ? text.one(first.view.name) : text.many(runs.length),
    body: text.totals(downloaded, items, failed),
  }
}
