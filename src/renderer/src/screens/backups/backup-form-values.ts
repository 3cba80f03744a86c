import type {
  BackupFileWord,
  BackupInput,
  BackupView,
  MediaStatus,
  MediaType,
} from '../../../../shared/contract'
import { maximumScheduleHours } from '../../../../shared/contract/backups'
import type { MessageKey } from '../../i18n/messages'

/** What the backup form edits, as typed (pure conversions to and from the request). */
export interface BackupFormValues {
  id: string | null
  name: string
  sourceKind: 'library' | 'category' | 'search'
  categoryId: string
  searchTitle: string
  searchStatus: MediaStatus | ''
  mediaTypes: MediaType[]
  files: BackupFileWord[]
  folder: string
  scheduled: boolean
  scheduleHours: string
}

/** A new backup: the whole library's sources and images into the download folder. */
export function emptyBackupForm(downloadFolder: string): BackupFormValues {
  return {
    id: null,
    name: '',
    sourceKind: 'library',
    categoryId: '',
    searchTitle: '',
    searchStatus: '',
    mediaTypes: ['video', 'audio', 'image'],
    files: ['source', 'image'],
    folder: downloadFolder ? `${downloadFolder.replace(/[\\/]+$/, '')}/Backup` : '',
    scheduled: false,
    scheduleHours: '24',
  }
}

/** The form for an existing backup. */
export function formOfBackup(backup: BackupView): BackupFormValues {
  const { source } = backup
  return {
    id: backup.id,
    name: backup.name,
    sourceKind: source.kind,
    categoryId: source.kind === 'category' ? String(source.categoryId) : '',
    searchTitle: source.kind === 'search' ? (source.title ?? '') : '',
    searchStatus: source.kind === 'search' ? (source.status ?? '') : '',
    mediaTypes: [...backup.mediaTypes],
    files: [...backup.files],
    folder: backup.folder,
    scheduled: backup.scheduleHours !== null,
    scheduleHours: String(backup.scheduleHours ?? 24),
  }
}

/** The first problem with the values, as a message key; null when they can be saved. */
export function backupFormProblem(values: BackupFormValues): MessageKey | null {
  if (values.name.trim() === '') return 'backups.problemName'
  if (values.sourceKind === 'category' && !/^\d+$/.test(values.categoryId)) {
    return 'backups.problemCategory'
  }
  if (
    values.sourceKind === 'search' &&
    values.searchTitle.trim() === '' &&
    values.searchStatus === ''
  ) {
    return 'backups.problemSearch'
  }
  if (values.mediaTypes.length === 0) return 'backups.problemTypes'
  if (values.files.length === 0) return 'backups.problemFiles'
  if (!/^(\/|[A-Za-z]:[\\/])/.test(values.folder.trim())) return 'backups.problemFolder'
  if (values.scheduled) {
    const hours = Number(values.scheduleHours)
    if (!Number.isInteger(hours) || hours < 1 || hours > maximumScheduleHours) {
      return 'backups.problemSchedule'
    }
  }
  return null
}

/** The `backups.save` input for valid values. */
export function inputOfForm(values: BackupFormValues): BackupInput {
  const source: BackupInput['source'] =
    values.sourceKind === 'library'
      ? { kind: 'library' }
      : values.sourceKind === 'category'
        ? { kind: 'category', categoryId: Number(values.categoryId) }
        : {
            kind: 'search',
            ...(values.searchTitle.trim() ? { title: values.searchTitle.trim() } : {}),
            ...(values.searchStatus ? { status: values.searchStatus } : {}),
          }
  return {
    ...(values.id ? { id: values.id } : {}),
    name: values.name.trim(),
    source,
    mediaTypes: values.mediaTypes,
    files: values.files,
    folder: values.folder.trim(),
    scheduleHours: values.scheduled ? Number(values.scheduleHours) : null,
  }
}

/** Adds or removes one entry of a checkbox group, keeping the catalogue's order. */
export function toggled<T>(all: readonly T[], chosen: readonly T[], value: T, on: boolean): T[] {
  return all.filter((entry) => (entry === value ? on : chosen.includes(entry)))
}
