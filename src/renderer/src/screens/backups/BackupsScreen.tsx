import { useState, type ReactNode } from 'react'
import type { BackupView } from '../../../../shared/contract'
import { errorDataOf } from '../../api/api-client'
import { useApi } from '../../api/api-context'
import { StatusMessage } from '../../components/StatusMessage'
import { useI18n } from '../../i18n/i18n-context'
import { useNotify } from '../../notices/notices-context'
import { useAccount, useAppInfo, useSettings } from '../../store/app-state-context'
import { useCategories } from '../library/use-categories'
import { BackupCard } from './BackupCard'
import { BackupForm } from './BackupForm'
import {
  emptyBackupForm,
  formOfBackup,
  inputOfForm,
  type BackupFormValues,
} from './backup-form-values'
import { useBackups } from './use-backups'

/**
 * Library backups: the saved ones with their last run (or progress), "Run now", and a form to
 * add or change one. Runs happen in main, with the app's engine; the screen only follows them.
 */
export function BackupsScreen(): ReactNode {
  const client = useApi()
  const notify = useNotify()
  const info = useAppInfo()
  const [settings] = useSettings()
  const [account] = useAccount()
  const { t, errorMessage } = useI18n()
  const { state, reload } = useBackups()
  const [form, setForm] = useState<BackupFormValues | null>(null)
  const [busy, setBusy] = useState(false)
  const accountKey = account.configured
    ? [account.kind, account.maskedAccessKeyId, account.regionId, account.endpoint].join('|')
    : null
  const categories = useCategories('video', accountKey)

  const failed = (error: unknown): void => {
    notify({ tone: 'error', text: errorMessage(errorDataOf(error)) })
  }

  async function save(values: BackupFormValues): Promise<void> {
    setBusy(true)
    try {
      const saved = await client.request('backups.save', inputOfForm(values))
      setForm(null)
      notify({ tone: 'info', text: t('backups.saved', { name: saved.name }) })
    } catch (error) {
      failed(error)
    } finally {
      setBusy(false)
    }
  }

  async function chooseFolder(values: BackupFormValues): Promise<void> {
    try {
      const chosen = await client.request('dialog.chooseDirectory', {
        ...(values.folder ? { defaultPath: values.folder } : {}),
      })
      if (chosen.path !== null) setForm({ ...values, folder: chosen.path })
    } catch (error) {
      failed(error)
    }
  }

  async function run(backup: BackupView): Promise<void> {
    try {
      await client.request('backups.run', { id: backup.id })
      notify({ tone: 'info', text: t('backups.started', { name: backup.name }) })
    } catch (error) {
      failed(error)
    }
  }

  async function remove(backup: BackupView): Promise<void> {
    try {
      await client.request('backups.remove', { id: backup.id })
    } catch (error) {
      failed(error)
    }
  }

  return (
    <section
      className="screen screen--scroll"
      data-testid="backups-screen"
      aria-labelledby="backups-heading"
    >
      <h1 id="backups-heading" className="screen__title">
        {t('backups.title')}
      </h1>
      <p className="muted">{t('backups.intro')}</p>
      {form === null && (
        <div className="toolbar">
          <button
            type="button"
            className="button button--primary"
            onClick={() => setForm(emptyBackupForm(settings.downloadDirectory))}
            data-testid="backups-add"
          >
            {t('backups.add')}
          </button>
        </div>
      )}
      {form !== null && (
        <BackupForm
          values={form}
          categories={categories}
          canChooseFolder={info.capabilities.chooseDirectory}
          busy={busy}
          onChange={(patch) => setForm({ ...form, ...patch })}
          onChooseFolder={() => void chooseFolder(form)}
          onSave={() => void save(form)}
          onCancel={() => setForm(null)}
        />
      )}
      {state.kind === 'loading' && (
        <StatusMessage kind="loading" title={t('backups.loading')} testId="backups-loading" />
      )}
      {state.kind === 'error' && (
        <StatusMessage
          kind="error"
          title={t('backups.loadFailed')}
          detail={errorMessage(state.error)}
          action={{ label: t('action.retry'), onClick: reload }}
          testId="backups-error"
        />
      )}
      {state.kind === 'loaded' && state.backups.length === 0 && form === null && (
        <StatusMessage
          kind="empty"
          title={t('backups.empty')}
          detail={t('backups.emptyDetail')}
          testId="backups-empty"
        />
      )}
      {state.kind === 'loaded' && (
        <div className="backup-list" data-testid="backups-list">
          {state.backups.map((backup) => (
            <BackupCard
              key={backup.id}
              backup={backup}
              categories={categories}
              onRun={() => void run(backup)}
              onEdit={() => setForm(formOfBackup(backup))}
              onRemove={() => void remove(backup)}
            />
          ))}
        </div>
      )}
    </section>
  )
}
