import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { Settings } from '../../../../shared/settings'
import { errorDataOf } from '../../api/api-client'
import { useApi } from '../../api/api-context'
import { Field } from '../../components/Field'
import { useI18n } from '../../i18n/i18n-context'
import type { MessageKey } from '../../i18n/messages'
import { useNotify } from '../../notices/notices-context'
import { useSettings } from '../../store/app-state-context'

/**
 * The MtsHlsUriToken: whether one is saved, a field for a new one, and removal. The token goes
 * one way (main seals it) and is never shown again; it is saved on its own, not with the form.
 */
export function HlsTokenField(): ReactNode {
  const client = useApi()
  const notify = useNotify()
  const { t, errorMessage } = useI18n()
  const [settings, setSettings] = useSettings()
  const [token, setToken] = useState('')
  const [busy, setBusy] = useState(false)
  const configured = settings.mtsHlsUriTokenConfigured
  const typed = token.trim()
  // A token typed but never saved is gone when Settings closes: say so rather than lose it quietly.
  const unsaved = useRef({ typed, say: () => undefined as void })
  useEffect(() => {
    unsaved.current = {
      typed,
      say: () => notify({ tone: 'error', text: t('settings.hlsToken.notSaved') }),
    }
  })
  useEffect(
    () => () => {
      if (unsaved.current.typed !== '') unsaved.current.say()
    },
    [],
  )

  async function run(action: () => Promise<Settings>, done: MessageKey): Promise<void> {
    setBusy(true)
    try {
      setSettings(await action())
      setToken('')
      notify({ tone: 'success', text: t(done) })
    } catch (error) {
      notify({ tone: 'error', text: errorMessage(errorDataOf(error)) })
    } finally {
      setBusy(false)
    }
  }

  function save(): void {
    if (typed === '' || busy) return
    void run(
      () => client.request('settings.saveHlsToken', { token: typed }),
      'settings.hlsToken.savedNotice',
    )
  }

  return (
    <Field
      label={t('settings.mtsHlsUriToken')}
      hint={t('settings.mtsHlsUriTokenHint')}
      testId="setting-mtsHlsUriToken"
    >
      {(control) => (
        <>
          <span
            className="hint"
            data-testid="hls-token-status"
            data-configured={String(configured)}
          >
            {configured ? t('settings.hlsToken.saved') : t('settings.hlsToken.none')}
          </span>
          <span className="input-row">
            <input
              id={control.id}
              className="input"
              type="password"
              value={token}
              placeholder={configured ? t('settings.hlsToken.replacePlaceholder') : undefined}
              aria-describedby={control.describedBy}
              onChange={(event) => setToken(event.target.value)}
              onKeyDown={(event) => {
                // Enter saves the token, not the surrounding settings form.
                if (event.key !== 'Enter') return
                event.preventDefault()
                save()
              }}
              spellCheck={false}
              autoComplete="off"
              data-testid="hls-token-input"
            />
            <button
              type="button"
              className="button"
              onClick={save}
              disabled={busy || typed === ''}
              data-testid="hls-token-save"
            >
              {t('settings.hlsToken.save')}
            </button>
            {configured && (
              <button
                type="button"
                className="button button--danger"
                onClick={() =>
                  void run(
                    () => client.request('settings.clearHlsToken'),
                    'settings.hlsToken.clearedNotice',
                  )
                }
                disabled={busy}
                data-testid="hls-token-clear"
              >
                {t('settings.hlsToken.clear')}
              </button>
            )}
          </span>
        </>
      )}
    </Field>
  )
}
