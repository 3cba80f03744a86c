import { useState, type ReactNode } from 'react'
import type { RestartOutcome, UpdateStatus } from '../../../../shared/contract'
import { updateChannels, type Settings, type UpdateChannel } from '../../../../shared/settings'
import { errorDataOf } from '../../api/api-client'
import { useApi } from '../../api/api-context'
import { Field } from '../../components/Field'
import { useI18n } from '../../i18n/i18n-context'
import type { MessageKey } from '../../i18n/messages'
import { useNotify } from '../../notices/notices-context'
import { useSettings } from '../../store/app-state-context'
import { useUpdateStatus } from './use-update-status'

const channelKeys: Record<UpdateChannel, MessageKey> = {
  stable: 'settings.updates.channel.stable',
  beta: 'settings.updates.channel.beta',
}

const unavailableKeys: Record<
  Exclude<Extract<UpdateStatus, { state: 'unavailable' }>['reason'], 'headless'>,
  MessageKey
> = {
  development: 'settings.updates.unavailable.development',
  package: 'settings.updates.unavailable.package',
  'no-feed': 'settings.updates.unavailable.noFeed',
}

/**
 * The desktop app's updates: the switch and the channel (both apply at once), where the update
 * stands, and "Restart now" once one is downloaded. Absent in the headless host, which never
 * updates itself.
 */
export function UpdatesSection(): ReactNode {
  const client = useApi()
  const notify = useNotify()
  const { t, errorMessage } = useI18n()
  const [settings, setSettings] = useSettings()
  const status = useUpdateStatus()
  const [restarting, setRestarting] = useState(false)
  if (status === null || (status.state === 'unavailable' && status.reason === 'headless')) {
    return null
  }
  const controlsEnabled = status.state !== 'unavailable'

  async function change(patch: Partial<Pick<Settings, 'autoUpdate' | 'updateChannel'>>) {
    try {
      setSettings(await client.request('settings.update', patch))
    } catch (error) {
      notify({ tone: 'error', text: errorMessage(errorDataOf(error)) })
    }
  }

  async function restart() {
    setRestarting(true)
    let outcome: RestartOutcome | null = null
    try {
      outcome = await client.request('app.restartToUpdate')
    } catch (error) {
      notify({ tone: 'error', text: errorMessage(errorDataOf(error)) })
    }
    // While restarting, the window goes away; otherwise the button is usable again.
    if (outcome !== 'restarting') setRestarting(false)
  }

  let line: ReactNode = null
  switch (status.state) {
    case 'unavailable':
      if (status.reason !== 'headless') line = t(unavailableKeys[status.reason])
      break
    case 'off':
      line = t('settings.updates.off')
      break
    case 'idle':
      line = status.lastCheckFailed
        ? t('settings.updates.checkFailed')
        : t('settings.updates.upToDate')
      break
    case 'checking':
      line = t('settings.updates.checking')
      break
    case 'downloading':
      line = t('settings.updates.downloading', { version: status.version, percent: status.percent })
      break
    case 'ready':
      line = (
        <>
          {t(status.waitingForDownloads ? 'settings.updates.waiting' : 'settings.updates.ready', {
            version: status.version,
          })}{' '}
          <button
            type="button"
            className="button button--primary button--small"
            disabled={restarting}
            onClick={() => void restart()}
            data-testid="update-restart"
          >
            {t('settings.updates.restart')}
          </button>
        </>
      )
      break
  }

  return (
    <section className="card" aria-labelledby="updates-heading" data-testid="updates-section">
      <h2 id="updates-heading">{t('settings.updates.heading')}</h2>
      <label className="checkbox" data-testid="setting-autoUpdate">
        <input
          type="checkbox"
          checked={settings.autoUpdate}
          disabled={!controlsEnabled}
          onChange={(event) => void change({ autoUpdate: event.target.checked })}
        />
        {t('settings.updates.auto')}
      </label>
      <Field label={t('settings.updates.channel')} testId="setting-updateChannel">
        {(control) => (
          <select
            id={control.id}
            className="input"
            value={settings.updateChannel}
            disabled={!controlsEnabled || !settings.autoUpdate}
            onChange={(event) => {
              const channel = updateChannels.find((choice) => choice === event.target.value)
              if (channel) void change({ updateChannel: channel })
            }}
          >
            {updateChannels.map((choice) => (
              <option key={choice} value={choice}>
                {t(channelKeys[choice])}
              </option>
            ))}
          </select>
        )}
      </Field>
      {line !== null && (
        <p className="hint" role="status" data-testid="update-status" data-state={status.state}>
          {line}
        </p>
      )}
    </section>
  )
}
