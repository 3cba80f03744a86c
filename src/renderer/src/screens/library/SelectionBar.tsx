import type { ReactNode } from 'react'
import { Toolbar, ToolbarSpacer } from '../../components/Toolbar'
import { useI18n } from '../../i18n/i18n-context'

export interface SelectionBarProps {
  selectedCount: number
  loadedCount: number
  total: number | null
  onDownload: () => void
  /** Opens the address-list export (the selection, or the whole filter); absent without results. */
  onExport: (() => void) | null
  onOpenDetails: (() => void) | null
  onClear: () => void
}

/** What is selected and what can be done with it. */
export function SelectionBar(props: SelectionBarProps): ReactNode {
  const { t } = useI18n()
  return (
    <Toolbar selection testId="selection-bar">
      <span data-testid="library-total">
        {props.total === null
          ? ''
          : t('library.loadedOfTotal', { loaded: props.loadedCount, total: props.total })}
      </span>
      <ToolbarSpacer />
      <span aria-live="polite" data-testid="selection-count">
        {t('library.selectedCount', { count: props.selectedCount })}
      </span>
      {props.onExport && (
        <button
          type="button"
          className="button"
          onClick={props.onExport}
          data-testid="selection-export"
        >
          {t('library.exportAddresses')}
        </button>
      )}
      {props.onOpenDetails && (
        <button
          type="button"
          className="button"
          onClick={props.onOpenDetails}
          data-testid="selection-details"
        >
          {t('library.openDetails')}
        </button>
      )}
      <button
        type="button"
        className="button button--primary"
        disabled={props.selectedCount === 0}
        onClick={props.onDownload}
        data-testid="selection-download"
      >
        {t('library.downloadSelected')}
      </button>
      <button
        type="button"
        className="button button--quiet"
        disabled={props.selectedCount === 0}
        onClick={props.onClear}
        data-testid="selection-clear"
      >
        {t('library.clearSelection')}
      </button>
    </Toolbar>
  )
}
