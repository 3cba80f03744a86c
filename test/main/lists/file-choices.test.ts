import { describe, expect, it } from 'vitest'
import { addressListFiles } from '../../../src/shared/contract'
import {
  applicableKinds,
  combineFileChoices,
  parseFileChoice,
} from '../../../src/main/lists/file-choices'

describe('file choices', () => {
  it('knows every file word the window may send', () => {
    for (const word of addressListFiles) expect(parseFileChoice(word)?.word).toBe(word)
  })

  it('combines words into one choice, kinds in the usual order and each once', () => {
    const choice = combineFileChoices(['cover', 'source', 'sprites', 'cover'])
    expect(choice).toEqual({
      word: 'cover+source+sprites',
      kinds: ['source', 'cover', 'sprite', 'sprite-origin'],
      everything: false,
    })
    expect(combineFileChoices(['snapshots'])).toEqual(parseFileChoice('snapshots'))
    expect(combineFileChoices(['all'])?.everything).toBe(true)
  })

  it('refuses unknown words and an empty choice', () => {
    expect(combineFileChoices(['source', 'trailer'])).toBeUndefined()
    expect(combineFileChoices([])).toBeUndefined()
  })

  it('keeps only the kinds a media type has', () => {
    const choice = combineFileChoices(['source', 'image'])
    expect(choice && applicableKinds(choice, 'video')).toEqual(['source'])
    expect(choice && applicableKinds(choice, 'image')).toEqual(['image'])
  })
})
