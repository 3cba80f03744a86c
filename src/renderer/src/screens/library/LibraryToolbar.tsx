import { useId, type ReactNode } from 'react'
import { librarySortOrders, type Category } from '../../../../shared/contract'
import { DateField } from '../../components/DateField'
import { SelectField } from '../../components/Select'
import { TextInput } from '../../components/TextField'
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
        <TextInput
          id={`${id}-title`}
          type="search"
          value={props.draftTitle}
          placeholder={t('library.searchPlaceholder')}
          onChange={props.onDraftTitleChange}
          testId="library-search-input"
        />
        <button type="submit" className="button" data-testid="library-search-submit">
          {t('library.search')}
        </button>
      </form>
      <div className="filters">
        <SelectField
          inline
          label={t('library.status')}
          value={filters.status}
          options={[
            { value: '', label: t('library.anyStatus') },
            ...statusesByMediaType[filters.mediaType].map((status) => ({
              value: status,
              label: t(`mediaStatus.${status}`),
            })),
          ]}
          onChange={(status) => props.onFiltersChange({ status })}
          testId="library-filter-status"
        />
        <SelectField
          inline
          label={t('library.category')}
          value={filters.categoryId === null ? '' : String(filters.categoryId)}
          options={[
            { value: '', label: t('library.anyCategory') },
            ...props.categories.map((category) => ({
              value: String(category.id),
              // Levels 0-2: each sub-category sits under its parent, indented.
              label: '\u00a0'.repeat(category.level * 3) + category.name,
            })),
          ]}
          onChange={(categoryId) =>
            props.onFiltersChange({ categoryId: categoryId === '' ? null : Number(categoryId) })
          }
          testId="library-filter-category"
        />
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
        <SelectField
          inline
          label={t('library.sort')}
          value={filters.sort}
          options={librarySortOrders.map((sort) => ({ value: sort, label: t(`sort.${sort}`) }))}
          onChange={(sort) => props.onFiltersChange({ sort })}
          testId="library-sort"
        />
      </div>
    </div>
  )
}
