import type { ReactNode } from 'react'
import { useI18n } from './i18n/i18n-context'
import type { MessageKey } from './i18n/messages'
import { useJobTotals } from './store/use-job-totals'

export type Section = 'library' | 'downloads' | 'backups' | 'settings'

const sections: { section: Section; key: MessageKey }[] = [
  { section: 'library', key: 'nav.library' },
  { section: 'downloads', key: 'nav.downloads' },
  { section: 'backups', key: 'nav.backups' },
  { section: 'settings', key: 'nav.settings' },
]

/** The sections; Downloads carries the count of unfinished jobs. */
export function AppNavigation(props: {
  current: Section
  onNavigate: (section: Section) => void
}): ReactNode {
  const { t } = useI18n()
  const totals = useJobTotals()
  return (
    <nav className="app-nav" aria-label={t('nav.label')}>
      {sections.map(({ section, key }) => (
        <button
          key={section}
          type="button"
          className="app-nav__item"
          aria-current={props.current === section ? 'page' : undefined}
          onClick={() => props.onNavigate(section)}
          data-testid={`nav-${section}`}
        >
          {t(key)}
          {section === 'downloads' && totals.counts.active > 0 && (
            <span className="count" data-testid="nav-downloads-count">
              {totals.counts.active}
            </span>
          )}
        </button>
      ))}
    </nav>
  )
}
