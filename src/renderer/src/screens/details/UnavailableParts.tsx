import type { ReactNode } from 'react'
import type { UnavailablePart } from '../../../../shared/vod'
import { useI18n } from '../../i18n/i18n-context'

/**
 * The parts of a video that cannot be downloaded now, grouped by reason: "Transcoded
 * renditions, Snapshots: the video is not in the Normal state… (Transcoding)". A snapshot type
 * that simply has no snapshot job is left out (the strip shows what exists), and so are failed
 * calls, which the screen shows as warnings.
 */
export function UnavailableParts(props: { parts: readonly UnavailablePart[] }): ReactNode {
  const { t, errorMessage } = useI18n()
  // Failed calls are the screen's warnings; here only "nothing here now" reasons.
  const shown = props.parts.filter(
    (part) =>
      part.error.code === 'IllegalStatus' ||
      part.error.code === 'NoStream' ||
      (part.error.code === 'NotFound' && (part.part === 'source' || part.part === 'renditions')),
  )
  if (shown.length === 0) return null
  const byReason = new Map<string, { parts: string[]; part: UnavailablePart }>()
  for (const part of shown) {
    const reason = errorMessage(part.error)
    const group = byReason.get(reason) ?? { parts: [], part }
    group.parts.push(t(`details.part.${part.part}`))
    byReason.set(reason, group)
  }
  return (
    <section className="unavailable" aria-labelledby="details-unavailable-heading">
      <h3 id="details-unavailable-heading">{t('details.unavailable')}</h3>
      <ul className="unavailable__list">
        {[...byReason].map(([reason, group]) => (
          <li
            key={reason}
            data-testid="details-unavailable"
            data-parts={group.parts.join(',')}
            data-reason={group.part.error.code}
          >
            {t('details.unavailableParts', { parts: group.parts.join(', '), reason })}
          </li>
        ))}
      </ul>
    </section>
  )
}
