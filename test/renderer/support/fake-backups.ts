import type {
  BackupView,
  DomainHandlers,
  EventPayload,
  ParsedRequestInput,
} from '../../../src/shared/contract'
import { AppError } from '../../../src/shared/errors'

/**
 * Saved backups in memory, for the renderer tests: `backups.run` finishes at once with the run
 * the test put in `nextRun` (or a clean one), announcing the running state first as main does.
 */
export class FakeBackups {
  backups: BackupView[] = []
  nextRun: BackupView['lastRun'] = null
  private nextId = 1

  handlers(emit: (payload: EventPayload<'backups.changed'>) => void): DomainHandlers<'backups'> {
    const save = (input: ParsedRequestInput<'backups.save'>): BackupView => {
      const existing = this.backups.find((backup) => backup.id === input.id)
      const { id: _id, ...fields } = input
      const view: BackupView = {
        id: existing?.id ?? `backup-${this.nextId++}`,
        ...fields,
        createdAt: existing?.createdAt ?? 1_780_000_000_000,
        lastRun: existing?.lastRun ?? null,
        running: null,
        nextRunAt:
          fields.scheduleHours === null
            ? null
            : 1_780_000_000_000 + fields.scheduleHours * 3_600_000,
      }
      this.backups = existing
        ? this.backups.map((backup) => (backup.id === view.id ? view : backup))
        : [...this.backups, view]
      emit(this.backups)
      return view
    }
    const find = (id: string): BackupView => {
      const found = this.backups.find((backup) => backup.id === id)
      if (!found) throw new AppError('NotFound', `backup ${id}`)
      return found
    }
    return {
      'backups.list': () => Promise.resolve(this.backups),
      'backups.save': (input) => Promise.resolve(save(input)),
      'backups.remove': (input) => {
        this.backups = this.backups.filter((backup) => backup.id !== input.id)
        emit(this.backups)
        return Promise.resolve(null)
      },
      'backups.run': (input) => {
        const backup = find(input.id)
        const running = {
          ...backup,
          running: {
            phase: 'listing',
            listed: 0,
            resolved: 0,
            downloads: 0,
            downloaded: 0,
            failed: 0,
          },
        }
        this.backups = this.backups.map((entry) => (entry.id === backup.id ? running : entry))
        emit(this.backups)
        const lastRun = this.nextRun ?? {
          startedAt: 1_780_000_100_000,
          finishedAt: 1_780_000_160_000,
          outcome: 'completed' as const,
          items: { new: 3, modified: 0, renamed: 0, unchanged: 0, deleted: 0 },
          files: { new: 3, changed: 0, downloaded: 3, failed: 0, pending: 0, needsRestore: 0 },
          bytes: 3 * 1024 * 1024,
          error: null,
        }
        setTimeout(() => {
          this.backups = this.backups.map((entry) =>
            entry.id === backup.id ? { ...entry, running: null, lastRun } : entry,
          )
          emit(this.backups)
        }, 0)
        return Promise.resolve(running)
      },
    }
  }
}
