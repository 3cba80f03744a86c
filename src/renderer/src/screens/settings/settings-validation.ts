import {
  findFileNameTemplateProblem,
  type FileNameTemplateProblem,
} from '../../../../shared/file-name-template'
import {
  settingsLimits,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../../../shared/settings'
import type { MessageKey, MessageParams } from '../../i18n/messages'

/** A field problem as a message key, so it shows in the UI language. */
export interface FieldProblem {
  key: MessageKey
  params?: MessageParams
}

export type SettingsProblems = Partial<Record<keyof Settings, FieldProblem>>

const templateProblemKeys: Record<FileNameTemplateProblem['kind'], MessageKey> = {
  empty: 'template.problem.empty',
  'too-long': 'template.problem.tooLong',
  'unknown-placeholder': 'template.problem.unknownPlaceholder',
  'unclosed-brace': 'template.problem.unclosedBrace',
  'stray-brace': 'template.problem.strayBrace',
  absolute: 'template.problem.absolute',
  backslash: 'template.problem.backslash',
  'empty-segment': 'template.problem.emptySegment',
  'dot-segment': 'template.problem.dotSegment',
}

/** Describes a template problem for the settings form. */
export function templateProblem(template: string): FieldProblem | null {
  const problem = findFileNameTemplateProblem(template)
  if (!problem) return null
  const params: Record<string, string | number> = {}
  if (problem.kind === 'unknown-placeholder') params.name = problem.name
  if (problem.kind === 'too-long') params.max = problem.maxLength
  return { key: templateProblemKeys[problem.kind], params }
}

function rangeProblem(limits: { min: number; max: number }): FieldProblem {
  return { key: 'settings.problem.range', params: { min: limits.min, max: limits.max } }
}

/**
 * Checks a settings draft with the same schema main uses, and words each failing field so the
 * user knows what to type instead of a bare "invalid".
 */
export function validateSettings(values: Settings): SettingsProblems {
  const parsed = settingsSchema.safeParse(values)
  if (parsed.success) return {}
  const problems: SettingsProblems = {}
  for (const issue of parsed.error.issues) {
    const field = issue.path[0]
    if (typeof field !== 'string' || !(field in values)) continue
    const key = field as keyof Settings
    if (problems[key]) continue
    switch (key) {
      case 'maxConcurrentJobs':
      case 'connectionsPerJob':
        problems[key] = rangeProblem(settingsLimits[key])
        break
      case 'speedLimitBytesPerSecond':
        problems[key] = { key: 'settings.problem.speedLimit' }
        break
      case 'authTimeoutSeconds':
        problems[key] = {
          key: 'settings.problem.range',
          params: {
            min: settingsLimits.authTimeoutSeconds.min / 3600,
            max: settingsLimits.authTimeoutSeconds.max / 3600,
          },
        }
        break
      case 'cdnReferer':
        problems[key] = { key: 'settings.problem.referer' }
        break
      case 'playDomain':
        problems[key] = { key: 'settings.problem.playDomain' }
        break
      case 'fileNameTemplate':
        problems[key] = templateProblem(values.fileNameTemplate) ?? {
          key: 'settings.problem.invalid',
        }
        break
      case 'downloadDirectory':
        problems[key] = { key: 'settings.problem.directory' }
        break
      case 'hlsKeyHosts':
        problems[key] = { key: 'settings.problem.keyHosts' }
        break
      case 'defaultAddressType':
      case 'mtsHlsUriTokenConfigured':
      case 'language':
      case 'theme':
      case 'notifications':
      case 'closeToTray':
      case 'startAtLogin':
      case 'nameConflicts':
      case 'proxyMode':
      case 'proxyServer':
      case 'proxyUsername':
      case 'proxyBypass':
      case 'autoUpdate':
      case 'updateChannel':
        problems[key] = { key: 'settings.problem.invalid' }
        break
    }
  }
  return problems
}

/**
 * The fields that differ from the saved settings: what `settings.update` should send. Whether a
 * token is saved is not one of them (the token has its own requests).
 */
export function settingsPatch(saved: Settings, draft: Settings): SettingsPatch {
  const patch: SettingsPatch = {}
  for (const key of Object.keys(draft) as (keyof Settings)[]) {
    if (key === 'mtsHlsUriTokenConfigured') continue
    if (draft[key] !== saved[key]) Object.assign(patch, { [key]: draft[key] })
  }
  return patch
}
