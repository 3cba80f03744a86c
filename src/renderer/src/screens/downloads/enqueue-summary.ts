import type { EnqueueResult } from '../../../../shared/contract'
import type { I18n } from '../../i18n/i18n-context'
import { plural } from './plural'

/**
 * What a queueing request did, in one sentence: "5 downloads added, 1 already downloaded". The
 * counts come from main, file by file, so "added" never counts a file that was skipped.
 */
export function describeEnqueueResult(i18n: I18n, result: EnqueueResult): string {
  const { t } = i18n
  const parts = [
    result.added > 0 ? plural(i18n, 'enqueue.added', result.added) : t('enqueue.nothingAdded'),
  ]
  const counted: Array<[number, Parameters<I18n['t']>[0]]> = [
    [result.alreadyDownloaded, 'enqueue.alreadyDownloaded'],
    [result.alreadyQueued, 'enqueue.alreadyQueued'],
    [result.skippedConflicts, 'enqueue.skippedConflicts'],
    [result.renamed, 'enqueue.renamed'],
    [result.replaced, 'enqueue.replaced'],
  ]
  for (const [count, key] of counted) if (count > 0) parts.push(t(key, { count }))
  return `${parts.join(i18n.language === 'zh-CN' ? '，' : ', ')}${i18n.language === 'zh-CN' ? '。' : '.'}`
}
