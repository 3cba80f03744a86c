import type { ReactNode } from 'react'
import type { AppCapabilities } from '../../../../shared/contract'
import { fileNamePlaceholders } from '../../../../shared/file-name-template'
import {
  notificationChoices,
  settingsLimits,
  type Settings,
  nameConflictChoices,
} from '../../../../shared/settings'
import { Field } from '../../components/Field'
import { Select } from '../../components/Select'
import { TextInput } from '../../components/TextField'
import { useI18n } from '../../i18n/i18n-context'
import type { MessageKey } from '../../i18n/messages'
import { previewFileName } from './file-name-preview'
import { HlsTokenField } from './HlsTokenField'
import { NumberSetting, type NumberSettingKey } from './NumberSetting'
import type { SettingsProblems } from './settings-validation'
import type { AutosaveStatus } from './use-settings-autosave'

export interface SettingsFormProps {
  values: Settings
  problems: SettingsProblems
  capabilities: Pick<AppCapabilities, 'chooseDirectory' | 'tray' | 'startAtLogin'>
  status: AutosaveStatus
  /** Fields saved while the screen is open: they show "Applied" until edited again. */
  applied: ReadonlySet<keyof Settings>
  onChange: (patch: Partial<Settings>) => void
  /** Sends the valid changes now (a field was left, or Enter pressed). */
  onCommit: () => void
  onChooseDirectory: () => void
}

/** The label of each setting on this form, for "not saved" notices. */
export const settingLabelKeys: Partial<Record<keyof Settings, MessageKey>> = {
  downloadDirectory: 'settings.downloadDirectory',
  maxConcurrentJobs: 'settings.maxConcurrentJobs',
  connectionsPerJob: 'settings.connectionsPerJob',
  speedLimitBytesPerSecond: 'settings.speedLimit',
  authTimeoutSeconds: 'settings.authTimeout',
  defaultAddressType: 'settings.defaultAddressType',
  cdnReferer: 'settings.cdnReferer',
  playDomain: 'settings.playDomain',
  hlsKeyHosts: 'settings.hlsKeyHosts',
  fileNameTemplate: 'settings.fileNameTemplate',
  notifications: 'settings.notifications',
  closeToTray: 'settings.closeToTray',
  startAtLogin: 'settings.startAtLogin',
}

const notificationKeys: Record<Settings['notifications'], MessageKey> = {
  each: 'settings.notifications.each',
  batch: 'settings.notifications.batch',
  none: 'settings.notifications.none',
}

/** "Ask once per batch", or a remembered answer to the name-conflict question. */
const nameConflictSettings = ['ask', ...nameConflictChoices] as const

/** Download, address and app settings; each applies once it is changed and valid. */
export function SettingsForm(props: SettingsFormProps): ReactNode {
  const { t, errorMessage } = useI18n()
  const { values, problems } = props
  const problem = (key: keyof Settings): string | null => {
    const found = problems[key]
    return found ? t(found.key, found.params) : null
  }
  const applied = (key: keyof Settings): string | null =>
    props.applied.has(key) ? t('settings.applied') : null
  const appliedMark = (key: keyof Settings): ReactNode =>
    props.applied.has(key) && (
      <span className="field__status" role="status" data-testid="field-status">
        {t('settings.applied')}
      </span>
    )
  const numberProps = (setting: NumberSettingKey) => ({
    value: values[setting],
    problem: problem(setting),
    status: applied(setting),
    onChange: (value: number) => {
      const patch: Partial<Settings> = {}
      patch[setting] = value
      props.onChange(patch)
    },
  })
  const invalid = Object.keys(problems).length > 0
  let statusText: string
  if (props.status.kind === 'saving') statusText = t('settings.autosave.saving')
  else if (props.status.kind === 'failed')
    statusText = t('settings.autosave.failed', { reason: errorMessage(props.status.error) })
  else if (invalid) statusText = t('settings.autosave.invalid')
  else if (props.status.kind === 'saved') statusText = t('settings.autosave.saved')
  else statusText = t('settings.autosave.idle')
  const preview = problems.fileNameTemplate
    ? null
    : previewFileName(values.fileNameTemplate, t('settings.sampleTitle'))

  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault()
        props.onCommit()
      }}
      // Leaving a field sends its value at once, rather than after the typing pause.
      onBlur={props.onCommit}
      data-testid="settings-form"
    >
      <h2>{t('settings.downloadsHeading')}</h2>
      <p
        className={`settings-autosave settings-autosave--${invalid && props.status.kind !== 'failed' ? 'invalid' : props.status.kind}`}
        role="status"
        data-testid="settings-save-status"
        data-state={invalid && props.status.kind !== 'saving' ? 'invalid' : props.status.kind}
      >
        {statusText}
        {props.status.kind === 'failed' && (
          <>
            {' '}
            <button
              type="button"
              className="button button--small"
              onClick={props.onCommit}
              data-testid="settings-save-retry"
            >
              {t('action.retry')}
            </button>
          </>
        )}
      </p>
      <Field
        label={t('settings.downloadDirectory')}
        problem={problem('downloadDirectory')}
        status={applied('downloadDirectory')}
        testId="setting-downloadDirectory"
      >
        {(control) => (
          <span className="input-row">
            <TextInput
              control={control}
              value={values.downloadDirectory}
              onChange={(downloadDirectory) => props.onChange({ downloadDirectory })}
              spellCheck={false}
            />
            {props.capabilities.chooseDirectory && (
              <button
                type="button"
                className="button"
                onClick={props.onChooseDirectory}
                data-testid="setting-choose-directory"
              >
                {t('settings.choose')}
              </button>
            )}
          </span>
        )}
      </Field>
      <div className="field-grid">
        <NumberSetting
          setting="maxConcurrentJobs"
          label={t('settings.maxConcurrentJobs')}
          hint={`${t('settings.range', settingsLimits.maxConcurrentJobs)} ${t('settings.maxConcurrentJobsHint')}`}
          {...numberProps('maxConcurrentJobs')}
        />
        <NumberSetting
          setting="connectionsPerJob"
          label={t('settings.connectionsPerJob')}
          hint={t('settings.range', settingsLimits.connectionsPerJob)}
          {...numberProps('connectionsPerJob')}
        />
        <NumberSetting
          setting="speedLimitBytesPerSecond"
          label={t('settings.speedLimit')}
          hint={t('settings.speedLimitHint')}
          {...numberProps('speedLimitBytesPerSecond')}
        />
        <NumberSetting
          setting="authTimeoutSeconds"
          label={t('settings.authTimeout')}
          hint={t('settings.authTimeoutHint')}
          {...numberProps('authTimeoutSeconds')}
        />
      </div>

      <fieldset className="fieldset" data-testid="setting-defaultAddressType">
        <legend>
          {t('settings.defaultAddressType')} {appliedMark('defaultAddressType')}
        </legend>
        <div className="radio-row">
          {(['cdn', 'oss'] as const).map((type) => (
            <label key={type} className="radio">
              <input
                type="radio"
                name="default-address-type"
                checked={values.defaultAddressType === type}
                onChange={() => props.onChange({ defaultAddressType: type })}
                data-testid={`setting-address-${type}`}
              />
              {t(`address.${type}`)}
            </label>
          ))}
        </div>
        <p className="hint">{t('address.hint')}</p>
      </fieldset>
      <Field
        label={t('settings.cdnReferer')}
        hint={t('settings.cdnRefererHint')}
        problem={problem('cdnReferer')}
        status={applied('cdnReferer')}
        testId="setting-cdnReferer"
      >
        {(control) => (
          <TextInput
            control={control}
            value={values.cdnReferer}
            placeholder="https://www.example.com/"
            onChange={(cdnReferer) => props.onChange({ cdnReferer })}
            spellCheck={false}
          />
        )}
      </Field>
      <Field
        label={t('settings.playDomain')}
        hint={t('settings.playDomainHint')}
        problem={problem('playDomain')}
        status={applied('playDomain')}
        testId="setting-playDomain"
      >
        {(control) => (
          <TextInput
            control={control}
            mono
            value={values.playDomain}
            placeholder="media.example.com"
            onChange={(playDomain) => props.onChange({ playDomain: playDomain.trim() })}
            spellCheck={false}
          />
        )}
      </Field>
      <HlsTokenField />
      <Field
        label={t('settings.hlsKeyHosts')}
        hint={t('settings.hlsKeyHostsHint')}
        problem={problem('hlsKeyHosts')}
        status={applied('hlsKeyHosts')}
        testId="setting-hlsKeyHosts"
      >
        {(control) => (
          <TextInput
            control={control}
            mono
            value={values.hlsKeyHosts}
            placeholder="kms.example.com, *.example.net"
            onChange={(hlsKeyHosts) => props.onChange({ hlsKeyHosts })}
            spellCheck={false}
            autoComplete="off"
          />
        )}
      </Field>
      <Field
        label={t('settings.fileNameTemplate')}
        hint={t('settings.fileNameTemplateHint', {
          placeholders: fileNamePlaceholders.map((name) => `{${name}}`).join(' '),
        })}
        problem={problem('fileNameTemplate')}
        status={applied('fileNameTemplate')}
        testId="setting-fileNameTemplate"
      >
        {(control) => (
          <TextInput
            control={control}
            mono
            value={values.fileNameTemplate}
            onChange={(fileNameTemplate) => props.onChange({ fileNameTemplate })}
            spellCheck={false}
          />
        )}
      </Field>
      {preview !== null && (
        <p className="hint" data-testid="file-name-preview">
          {t('settings.preview')} <code>{preview}</code>
        </p>
      )}

      <Field label={t('settings.nameConflicts')} testId="setting-nameConflicts">
        {(control) => (
          <Select
            id={control.id}
            value={values.nameConflicts}
            options={nameConflictSettings.map((choice) => ({
              value: choice,
              label: t(`settings.nameConflicts.${choice}`),
            }))}
            onChange={(nameConflicts) => props.onChange({ nameConflicts })}
          />
        )}
      </Field>

      <h2>{t('settings.appHeading')}</h2>
      <Field
        label={t('settings.notifications')}
        status={applied('notifications')}
        testId="setting-notifications"
      >
        {(control) => (
          <Select
            id={control.id}
            value={values.notifications}
            options={notificationChoices.map((choice) => ({
              value: choice,
              label: t(notificationKeys[choice]),
            }))}
            onChange={(notifications) => props.onChange({ notifications })}
          />
        )}
      </Field>
      <label className="checkbox" data-testid="setting-closeToTray">
        <input
          type="checkbox"
          checked={values.closeToTray}
          disabled={!props.capabilities.tray}
          onChange={(event) => props.onChange({ closeToTray: event.target.checked })}
        />
        {t('settings.closeToTray')} {appliedMark('closeToTray')}
      </label>
      <label className="checkbox" data-testid="setting-startAtLogin">
        <input
          type="checkbox"
          checked={values.startAtLogin}
          disabled={!props.capabilities.startAtLogin}
          onChange={(event) => props.onChange({ startAtLogin: event.target.checked })}
        />
        {t('settings.startAtLogin')} {appliedMark('startAtLogin')}
      </label>
      {(!props.capabilities.tray || !props.capabilities.startAtLogin) && (
        <p className="hint">{t('settings.desktopOnly')}</p>
      )}
    </form>
  )
}
