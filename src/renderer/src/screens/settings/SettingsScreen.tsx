import { useState, type ReactNode } from 'react'
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
import { SettingsForm } from './SettingsForm'
import { settingsPatch, validateSettings } from './settings-validation'

/** Account, appearance and every download setting. */
export function SettingsScreen(): ReactNode {
  const client = useApi()
  const notify = useNotify()
  const info = useAppInfo()
  const { t, errorMessage } = useI18n()
  const [settings, setSettings] = useSettings()
  const [draft, setDraft] = useState<{ base: Settings; values: Settings }>({
    base: settings,
    values: settings,
  })
  const [saving, setSaving] = useState(false)
  const patch = settingsPatch(draft.base, draft.values)
  const dirty = Object.keys(patch).length > 0
  // Changes from elsewhere (tray, another window) replace an untouched draft.
  if (draft.base !== settings && !dirty) setDraft({ base: settings, values: settings })

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

  async function save(): Promise<void> {
    setSaving(true)
    const saved = await update(patch)
    setSaving(false)
    if (saved) {
      setDraft({ base: saved, values: saved })
      notify({ tone: 'success', text: t('settings.saved') })
    }
  }

  async function chooseDirectory(): Promise<void> {
    try {
      const chosen = await client.request('dialog.chooseDirectory', {
        defaultPath: draft.values.downloadDirectory,
      })
      const path = chosen.path
      if (path !== null)
        setDraft((current) => ({
          ...current,
          values: { ...current.values, downloadDirectory: path },
        }))
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
          values={draft.values}
          problems={validateSettings(draft.values)}
          capabilities={info.capabilities}
          dirty={dirty}
          saving={saving}
          onChange={(changes) =>
            setDraft((current) => ({ ...current, values: { ...current.values, ...changes } }))
          }
          onChooseDirectory={() => void chooseDirectory()}
          onSave={() => void save()}
          onReset={() => setDraft({ base: settings, values: settings })}
        />
      </section>
      <NetworkSection />
      <UpdatesSection />
      <DiagnosticsSection />
    </section>
  )
}
