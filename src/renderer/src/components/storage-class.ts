import type { I18n } from '../i18n/i18n-context'
import type { MessageKey } from '../i18n/messages'

/**
 * VOD's storage classes (StorageClass of GetVideoInfo / SearchMedia). `Source…` classes hold only
 * the source file in that class; `changing` is a class change in progress.
 */
const storageClassKeys: Readonly<Record<string, MessageKey>> = {
  Standard: 'storageClass.Standard',
  IA: 'storageClass.IA',
  Archive: 'storageClass.Archive',
  ColdArchive: 'storageClass.ColdArchive',
  DeepColdArchive: 'storageClass.DeepColdArchive',
  SourceIA: 'storageClass.SourceIA',
  SourceArchive: 'storageClass.SourceArchive',
  SourceColdArchive: 'storageClass.SourceColdArchive',
  SourceDeepColdArchive: 'storageClass.SourceDeepColdArchive',
  changing: 'storageClass.changing',
}

/** A storage class in the UI language; classes VOD adds later show as VOD spells them. */
export function storageClassLabel(i18n: Pick<I18n, 't'>, storageClass: string | null): string {
  if (storageClass === null) return '—'
  const key = Object.hasOwn(storageClassKeys, storageClass)
    ? storageClassKeys[storageClass]
    : undefined
  return key ? i18n.t(key) : storageClass
}
