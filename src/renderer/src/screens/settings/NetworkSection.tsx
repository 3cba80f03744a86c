import { useEffect, useState, type ReactNode } from 'react'
import type { NetworkStatus } from '../../../../shared/contract'
import { proxyModes, type ProxyMode, type Settings } from '../../../../shared/settings'
import { errorDataOf } from '../../api/api-client'
import { useApi } from '../../api/api-context'
import { Field } from '../../components/Field'
import { useI18n } from '../../i18n/i18n-context'
import type { MessageKey } from '../../i18n/messages'
import { useNotify } from '../../notices/notices-context'
import { useSettings } from '../../store/app-state-context'

const modeKeys: Record<ProxyMode, MessageKey> = {
  system: 'settings.proxy.mode.system',
  direct: 'settings.proxy.mode.direct',
  manual: 'settings.proxy.mode.manual',
}

type ProxyFields = Pick<Settings, 'proxyMode' | 'proxyServer' | 'proxyUsername' | 'proxyBypass'>

function proxyFieldsOf(settings: Settings): ProxyFields {
  const { proxyMode, proxyServer, proxyUsername, proxyBypass } = settings
  return { proxyMode, proxyServer, proxyUsername, proxyBypass }
}

/**
 * The proxy every download and VOD API call goes through: the system's (the OS settings and PAC
 * script on the desktop, HTTPS_PROXY / NO_PROXY in the headless host), none, or one typed here —
 * HTTP(S) or SOCKS5, with a user and a password. The fields apply together with "Apply", since a
 * half-typed proxy address would cut every download off; the password is sealed in main and never
 * shown again.
 */
export function NetworkSection(): ReactNode {
  const client = useApi()
  const notify = useNotify()
  const { t, errorMessage } = useI18n()
  const [settings, setSettings] = useSettings()
  const [draft, setDraft] = useState<ProxyFields>(() => proxyFieldsOf(settings))
  const [status, setStatus] = useState<NetworkStatus | null>(null)
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const saved = proxyFieldsOf(settings)
  const changed = (Object.keys(draft) as (keyof ProxyFields)[]).some(
    (key) => draft[key] !== saved[key],
  )

  useEffect(() => {
    let current = true
    client.request('network.status').then(
      (answer) => {
        if (current) setStatus(answer)
      },
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [client])

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    setBusy(true)
    try {
      return await work()
    } catch (error) {
      notify({ tone: 'error', text: errorMessage(errorDataOf(error)) })
      return undefined
    } finally {
      setBusy(false)
    }
  }

  async function apply(): Promise<void> {
    const next = await run(() => client.request('settings.update', draft))
    if (next) {
      setSettings(next)
      setDraft(proxyFieldsOf(next))
      notify({ tone: 'success', text: t('settings.proxy.applied') })
    }
  }

  async function savePassword(): Promise<void> {
    const next = await run(() => client.request('network.saveProxyPassword', { password }))
    if (next) {
      setStatus(next)
      setPassword('')
    }
  }

  async function clearPassword(): Promise<void> {
    const next = await run(() => client.request('network.clearProxyPassword'))
    if (next) setStatus(next)
  }

  const manual = draft.proxyMode === 'manual'
  return (
    <section className="card" aria-labelledby="proxy-heading" data-testid="proxy-section">
      <h2 id="proxy-heading">{t('settings.proxy.heading')}</h2>
      <Field label={t('settings.proxy.mode')} testId="setting-proxyMode">
        {(control) => (
          <select
            id={control.id}
            className="input"
            value={draft.proxyMode}
            onChange={(event) => {
              const mode = proxyModes.find((choice) => choice === event.target.value)
              if (mode) setDraft({ ...draft, proxyMode: mode })
            }}
          >
            {proxyModes.map((choice) => (
              <option key={choice} value={choice}>
                {t(modeKeys[choice])}
              </option>
            ))}
          </select>
        )}
      </Field>
      {manual && (
        <>
          <Field
            label={t('settings.proxy.server')}
            hint={t('settings.proxy.serverHint')}
            testId="setting-proxyServer"
          >
            {(control) => (
              <input
                id={control.id}
                aria-describedby={control.describedBy}
                className="input"
                value={draft.proxyServer}
                placeholder="http://proxy.example.com:8080"
                spellCheck={false}
                onChange={(event) => setDraft({ ...draft, proxyServer: event.target.value })}
              />
            )}
          </Field>
          <Field label={t('settings.proxy.username')} testId="setting-proxyUsername">
            {(control) => (
              <input
                id={control.id}
                className="input"
                value={draft.proxyUsername}
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => setDraft({ ...draft, proxyUsername: event.target.value })}
              />
            )}
          </Field>
          <Field
            label={t('settings.proxy.bypass')}
            hint={t('settings.proxy.bypassHint')}
            testId="setting-proxyBypass"
          >
            {(control) => (
              <input
                id={control.id}
                aria-describedby={control.describedBy}
                className="input"
                value={draft.proxyBypass}
                spellCheck={false}
                onChange={(event) => setDraft({ ...draft, proxyBypass: event.target.value })}
              />
            )}
          </Field>
        </>
      )}
      <div className="toolbar">
        <button
          type="button"
          className="button button--primary"
          disabled={!changed || busy}
          onClick={() => void apply()}
          data-testid="proxy-apply"
        >
          {t('settings.proxy.apply')}
        </button>
      </div>
      {manual && (
        <Field
          label={t('settings.proxy.password')}
          hint={t(
            status?.proxyPasswordSaved
              ? 'settings.proxy.passwordSaved'
              : 'settings.proxy.passwordNone',
          )}
          testId="setting-proxyPassword"
        >
          {(control) => (
            <div className="toolbar">
              <input
                id={control.id}
                aria-describedby={control.describedBy}
                className="input"
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
              <button
                type="button"
                className="button"
                disabled={password === '' || busy}
                onClick={() => void savePassword()}
                data-testid="proxy-password-save"
              >
                {t('settings.proxy.passwordSave')}
              </button>
              {status?.proxyPasswordSaved && (
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  onClick={() => void clearPassword()}
                  data-testid="proxy-password-clear"
                >
                  {t('settings.proxy.passwordClear')}
                </button>
              )}
            </div>
          )}
        </Field>
      )}
    </section>
  )
}
