import { formatBytes } from '../../../shared/format'
import type { BackupReport, CountAndBytes } from '../../../main/backup/backup-report'
import type { FileDecision } from '../../../main/backup/plan-types'
import type { DisplayStream } from '../../progress-display'
import { printTable } from '../../table'

/** The plan and outcome of `vod sync` as people read it (the JSON report is for programs). */

const columns: ReadonlyArray<[FileDecision, string]> = [
  ['new', 'NEW'],
  ['changed', 'CHANGED'],
  ['unchanged', 'UNCHANGED'],
  ['repair', 'REPAIR'],
  ['needs-restore', 'NEEDS RESTORE'],
  ['unavailable', 'UNAVAILABLE'],
  ['deleted', 'DELETED'],
]

function cell(count: CountAndBytes): string {
  if (count.files === 0) return '-'
  const unknown = count.unknownSizes === count.files
  return unknown ? `${count.files}` : `${count.files} · ${formatBytes(count.bytes)}`
}

function counted(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`
}

function sized(count: CountAndBytes): string {
  const unknown = count.unknownSizes > 0 ? `, ${count.unknownSizes} of unknown size` : ''
  return `${counted(count.files, 'file')}, ${formatBytes(count.bytes)}${unknown}`
}

export function printSyncReport(stream: DisplayStream, report: BackupReport): void {
  const { items } = report
  stream.write(
    `${report.dryRun ? 'Plan' : 'Backup'} of ${report.mediaTypes.join(', ')} into ${report.folder}\n`,
  )
  stream.write(
    `Items: ${items.new} new, ${items.modified} modified, ${items.renamed} renamed, ${items.unchanged} unchanged, ${items.deleted} deleted in VOD, ${items.left} no longer selected\n\n`,
  )
  if (report.kinds.length > 0) {
    printTable(
      stream,
      ['KIND', ...columns.map(([, title]) => title)],
      report.kinds.map((kind) => [
        kind.kind,
        ...columns.map(([decision]) => cell(kind.decisions[decision])),
      ]),
    )
    stream.write('\n')
  }
  const { download } = report
  const verb = report.dryRun ? 'To download' : 'Downloads'
  stream.write(
    download.files === 0
      ? `${verb}: nothing (0 bytes)\n`
      : `${verb}: ${sized(download)} — CDN ${sized(download.byAddressType.cdn)} (billed as CDN traffic); OSS origin ${sized(download.byAddressType.oss)} (billed as OSS egress)\n`,
  )
  const restore = report.kinds.reduce((sum, kind) => sum + kind.decisions['needs-restore'].files, 0)
  if (restore > 0) {
    stream.write(
      `Archived: ${counted(restore, 'file')} must be restored from archive storage first (RestoreMedia); a later sync fetches them once restored\n`,
    )
  }
  if (items.deleted > 0) {
    stream.write(
      report.trashFolder && !report.dryRun && report.outcome && report.outcome.trashed > 0
        ? `Deleted in VOD: ${counted(items.deleted, 'item')}; their files went to ${report.trashFolder}\n`
        : `Deleted in VOD: ${counted(items.deleted, 'item')}; their files are kept (--delete moves them to the trash folder)\n`,
    )
  }
  if (report.outcome) {
    const { outcome } = report
    stream.write(
      `Done: ${outcome.downloaded} downloaded, ${outcome.moved} moved, ${outcome.trashed} to the trash, ${outcome.failed} failed${outcome.pending > 0 ? `, ${outcome.pending} not finished (run the same command again to continue)` : ''}\n`,
    )
  }
  for (const failure of report.failures.slice(0, 20)) {
    const what = failure.file ?? '(its files could not be listed)'
    stream.write(`  failed: ${failure.mediaId} ${what}: ${failure.error}\n`)
  }
  if (report.failures.length > 20) {
    stream.write(`  … and ${report.failures.length - 20} more (see --json)\n`)
  }
  if (report.apiCalls !== null) stream.write(`API calls: ${report.apiCalls}\n`)
}
