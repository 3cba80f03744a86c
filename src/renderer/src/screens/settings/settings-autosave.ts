import type { Settings, SettingsPatch } from '../../../../shared/settings'
import { settingsPatch, type SettingsProblems } from './settings-validation'

/**
 * Settings apply as they are changed (as the language and theme always did): a value is sent
 * once it is valid, and an invalid one stays on screen with its problem until it is fixed.
 * These are the pure parts; `useSettingsAutosave` adds the timing.
 */

/** What to send now: the edited fields that are valid and differ from the saved settings. */
export function pendingPatch(
  saved: Settings,
  edits: SettingsPatch,
  problems: SettingsProblems,
): SettingsPatch {
  const patch = settingsPatch(saved, { ...saved, ...edits })
  for (const key of Object.keys(patch) as (keyof SettingsPatch)[]) {
    if (problems[key]) delete patch[key]
  }
  return patch
}

/**
 * The edits left once `sent` was saved: a field edited again while the request was out keeps its
 * newer value; the others now live in the saved settings.
 */
export function editsAfterSave(edits: SettingsPatch, sent: SettingsPatch): SettingsPatch {
  const left: SettingsPatch = { ...edits }
  for (const key of Object.keys(sent) as (keyof SettingsPatch)[]) {
    if (Object.is(left[key], sent[key])) delete left[key]
  }
  return left
}

/** The edited fields that cannot be saved as they are (they have a problem). */
export function unsavableFields(
  saved: Settings,
  edits: SettingsPatch,
  problems: SettingsProblems,
): (keyof Settings)[] {
  const changed = settingsPatch(saved, { ...saved, ...edits })
  return (Object.keys(changed) as (keyof Settings)[]).filter((key) => problems[key])
}
