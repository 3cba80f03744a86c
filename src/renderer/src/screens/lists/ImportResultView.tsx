import type { ReactNode } from 'react'
import type { ListImportResult, ListLine } from '../../../../shared/contract'
import { useI18n } from '../../i18n/i18n-context'
import type { MessageKey } from '../../i18n/messages'

export interface ImportResultViewProps {
  fileName: string
  result: ListImportResult
}

function LineList(props: { lines: readonly ListLine[]; testId: string }): ReactNode {
  const { t } = useI18n()
  return (
    <ul className="line-list">
      {props.lines.map((line, index) => (
        <li
          key={`${line.line}-${index}`}
          data-testid={props.testId}
          data-line={line.line}
          className="line-list__item"
        >
          <span className="line-list__number">{t('lists.import.line', { line: line.line })}</span>{' '}
          <span className="line-list__message">{line.message}</span>
        </li>
      ))}
    </ul>
  )
}

/**
 * What an import did: how many downloads it added (one batch), what became of names already
 * taken, and every line it skipped with its number and the reason, so the list can be fixed and
 * imported again.
 */
export function ImportResultView(props: ImportResultViewProps): ReactNode {
  const { t } = useI18n()
  const { result, fileName } = props
  const added =
    result.added === 0
      ? t('lists.import.nothingAdded', { name: fileName })
      : result.added === 1
        ? t('lists.import.addedOne', { name: fileName })
        : t('lists.import.added', { count: result.added, name: fileName })
  const hidden = result.badLineCount - new Set(result.badLines.map((line) => line.line)).size
  // What happened to names already taken, as the user chose (or the setting said).
  const nameCounts: Array<[number, MessageKey, string]> = [
    [result.skippedConflicts, 'lists.import.skippedConflicts', 'import-skipped-conflicts'],
    [result.renamed, 'lists.import.renamed', 'import-renamed'],
    [result.replaced, 'lists.import.replaced', 'import-replaced'],
  ]
  return (
    <section className="import-result" aria-live="polite" data-testid="import-result">
      <p className="import-result__added" data-testid="import-added" data-count={result.added}>
        {added}
      </p>
      {result.alreadyQueued > 0 && (
        <p className="muted" data-testid="import-already-queued">
          {t('lists.import.alreadyQueued', { count: result.alreadyQueued })}
        </p>
      )}
      {nameCounts.map(
        ([count, key, testId]) =>
          count > 0 && (
            <p key={key} className="muted" data-testid={testId} data-count={count}>
              {t(key, { count })}
            </p>
          ),
      )}
      {result.badLineCount > 0 && (
        <div className="import-result__problems" role="alert">
          <p className="problem" data-testid="import-bad-count" data-count={result.badLineCount}>
            {result.badLineCount === 1
              ? t('lists.import.badLine')
              : t('lists.import.badLines', { count: result.badLineCount })}
          </p>
          <LineList lines={result.badLines} testId="import-problem" />
          {hidden > 0 && (
            <p className="muted">{t('lists.import.moreBadLines', { count: hidden })}</p>
          )}
        </div>
      )}
      {result.notes.length > 0 && (
        <div>
          <p className="muted">{t('lists.import.notes')}</p>
          <LineList lines={result.notes} testId="import-note" />
        </div>
      )}
    </section>
  )
}
