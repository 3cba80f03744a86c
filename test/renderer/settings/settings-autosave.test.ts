import { describe, expect, it } from 'vitest'
import {
  editsAfterSave,
  pendingPatch,
  unsavableFields,
} from '../../../src/renderer/src/screens/settings/settings-autosave'
import { validateSettings } from '../../../src/renderer/src/screens/settings/settings-validation'
import { createDefaultSettings } from '../../../src/shared/settings'

const saved = createDefaultSettings('/media/in')

describe('settings that apply as they change', () => {
  it('sends the valid changes only, never a value with a problem', () => {
    const edits = { speedLimitBytesPerSecond: 4_194_304, connectionsPerJob: 99, cdnReferer: '' }
    const problems = validateSettings({ ...saved, ...edits })
    expect(pendingPatch(saved, edits, problems)).toEqual({ speedLimitBytesPerSecond: 4_194_304 })
    expect(unsavableFields(saved, edits, problems)).toEqual(['connectionsPerJob'])
  })

  it('keeps an edit made again while its first value was being saved', () => {
    const sent = { maxConcurrentJobs: 4, speedLimitBytesPerSecond: 0 }
    expect(editsAfterSave({ maxConcurrentJobs: 5, speedLimitBytesPerSecond: 0 }, sent)).toEqual({
      maxConcurrentJobs: 5,
    })
  })
})
