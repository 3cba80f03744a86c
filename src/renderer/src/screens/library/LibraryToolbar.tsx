import { useId, type ReactNode } from 'react'
import {
  librarySortOrders,
  type Category,
  type LibrarySortOrder,
  type MediaStatus,
} from '../../../../shared/contract'
import { DateField } from '../../components/DateField'
import { useI18n } from '../../i18n/i18n-context'
import { dateRangeReversed, statusesByMediaType, type LibraryFilters } from './library-filters'

export interface LibraryToolbarProps {
  filters: LibraryFilters
  /** The title being typed; applied on submit so every keystroke is not a VOD API call. */
  draftTitle: string
  categories: readonly Category[]
  onDraftTitleChange: (title: string) => void
  onSubmitTitle: () => void
  onFiltersChange: (patch: Partial<LibraryFilters>) => void
}

/** Search by title, filters (status, category, created date range) and sort. */
export function LibraryToolbar(props: LibraryToolbarProps): ReactNode {
  const { t } = useI18n()
  const id = useId()
  const { filters } = props
  const reversed = dateRangeReversed(filters)
  return (
    <div className="library-toolbar">
      <form
        className="search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault()
          props.onSubmitTitle()
        }}
      >
        <label htmlFor={`${id}-title`} className="visually-hidden">
          {t('library.searchLabel')}
        </label>
        <input
          id={`${id}-title`}
          type="search"
          className="input"
          value={props.draftTitle}
          placeholder={t('library.searchPlaceholder')}
          onChange={(event) => props.onDraftTitleChange(event.target.value)}
          data-testid="library-search-input"
        />
        <button type="submit" className="button" data-testid="library-search-submit">
          {t('library.search')}
        </button>
      </form>
      <div className="filters">
        <label className="field field--inline">
          <span>{t('library.status')}</span>
          <select
            className="input"
            value={filters.status}
            onChange={(event) =>
              props.onFiltersChange({ status: event.target.value as MediaStatus | '' })
            }
            data-testid="library-filter-status"
          >
            <option value="">{t('library.anyStatus')}</option>
            {statusesByMediaType[filters.mediaType].map((status) => (
              <option key={status} value={status}>
                {t(`mediaStatus.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline">
          <span>{t('library.category')}</span>
          <select
            className="input"
            value={filters.categoryId === null ? '' : String(filters.categoryId)}
            onChange={(event) =>
              props.onFiltersChange({
                categoryId: event.target.value === '' ? null : Number(event.target.value),
              })
            }
            data-testid="library-filter-category"
          >
            <option value="">{t('library.anyCategory')}</option>
            {props.categories.map((category) => (
              <option key={category.id} value={category.id}>
                {/* Levels 0-2: each sub-category sits under its parent, indented. */}
                {'\u00a0'.repeat(category.level * 3)}
                {category.name}
              </option>
            ))}
          </select>
        </label>
        <DateField
          label={t('library.createdFrom')}
          value={filters.createdFrom}
          max={filters.createdTo}
          invalid={reversed}
          onChange={(createdFrom) => props.onFiltersChange({ createdFrom })}
          testId="library-filter-created-from"
        />
        <DateField
          label={t('library.createdTo')}
          value={filters.createdTo}
          min={filters.createdFrom}
          invalid={reversed}
          onChange={(createdTo) => props.onFiltersChange({ createdTo })}
          testId="library-filter-created-to"
        />
        <label className="field field--inline">
          <span>{t('library.sort')}</span>
          <select
            className="input"
            value={filters.sort}
            onChange={(event) =>
              props.onFiltersChange({ sort: event.target.value as LibrarySortOrder })
            }
            data-testid="library-sort"
          >
            {librarySortOrders.map((sort) => (
              <option key={sort} value={sort}>
                {t(`sort.${sort}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  )
}
