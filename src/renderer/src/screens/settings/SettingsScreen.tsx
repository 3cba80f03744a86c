import type { ReactNode } from 'react'
import type { Settings } from '../../../../shared/settings'
import { errorDataOf } from '../../api/api-client'
import { useApi } from '../../api/api-context'
import { useI18n } from '../../i18n/i18n-context'
import { useNotify } from '../../notices/notices-context'
import { useAppInfo, useSettings } from '../../store/app-state-context'
import { AccountSection } from './AccountSection'
import { AppearanceSection } from './AppearanceSection'
import { UpdatesSection } from './UpdatesSection'
import { NetworkSection } from './NetworkSection'
import { DiagnosticsSection } from './DiagnosticsSection'
import { SettingsForm, settingLabelKeys } from './SettingsForm'
import { useSettingsAutosave } from './use-settings-autosave'
import './settings.css'

/**
 * Account, appearance and every download setting. Settings apply as they change (see
 * `useSettingsAutosave`); the account and the MtsHlsUriToken keep their own buttons, because a
 * half-typed secret must never replace a working one.
 */
export function SettingsScreen(): ReactNode {
  const client = useApi()
  const notify = useNotify()
  const info = useAppInfo()
  const { t, errorMessage } = useI18n()
  const [settings, setSettings] = useSettings()
  const autosave = useSettingsAutosave((fields) =>
    notify({
      tone: 'error',
      text: t('settings.notSaved', {
        fields: fields
          .map((field) => {
            const key = settingLabelKeys[field]
            return key ? t(key) : field
          })
          .join(', '),
      }),
    }),
  )

  async function update(changes: Partial<Settings>): Promise<Settings | null> {
    try {
      const saved = await client.request('settings.update', changes)
      setSettings(saved)
      return saved
    } catch (error) {
      notify({ tone: 'error', text: errorMessage(errorDataOf(error)) })
      return null
    }
  }

  async function chooseDirectory(): Promise<void> {
    try {
      const chosen = await client.request('dialog.chooseDirectory', {
        defaultPath: autosave.values.downloadDirectory,
      })
      const path = chosen.path
      if (path !== null) autosave.change({ downloadDirectory: path })
    } catch (error) {
      notify({ tone: 'error', text: errorMessage(errorDataOf(error)) })
    }
  }

  return (
    <section
      className="screen screen--scroll"
      data-testid="settings-screen"
      aria-labelledby="settings-heading"
    >
      <h1 id="settings-heading" className="screen__title">
        {t('settings.title')}
      </h1>
      <AccountSection />
      <AppearanceSection
        language={settings.language}
        theme={settings.theme}
        onChange={(changes) => void update(changes)}
      />
      <section className="card" aria-label={t('settings.downloadsHeading')}>
        <SettingsForm
          values={autosave.values}
          problems={autosave.problems}
          capabilities={info.capabilities}
          status={autosave.status}
          applied={autosave.applied}
          onChange={autosave.change}
          onCommit={autosave.commit}
          onChooseDirectory={() => void chooseDirectory()}
        />
      </section>
      <NetworkSection />
      <UpdatesSection />
      <DiagnosticsSection />
    </section>
  )
}
