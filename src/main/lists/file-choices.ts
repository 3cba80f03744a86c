import { vodFileKinds, type VodFileKind, type VodMediaType } from '../../shared/vod'

/**
 * The words a list (a `kind` column) or `--file` may use for which files of a media item to
 * take: the `vod get --file` words (`snapshots`, `sprites`, `all`) and every single file kind
 * (`snapshot`, `image-original`, …), so a list written by `vod export` reads back as it was.
 */
const choices: ReadonlyMap<string, readonly VodFileKind[]> = new Map<
  string,
  readonly VodFileKind[]
>([
  ...vodFileKinds.map((kind): [string, readonly VodFileKind[]] => [kind, [kind]]),
  ['snapshots', ['snapshot']],
  ['sprites', ['sprite', 'sprite-origin']],
  ['all', vodFileKinds],
])

/** Kinds a video or audio item can have; the rest belong to images. */
const playableKinds: ReadonlySet<VodFileKind> = new Set<VodFileKind>([
  'source',
  'rendition',
  'cover',
  'snapshot',
  'sprite',
  'sprite-origin',
  'webvtt',
])

/** A recognised file choice: its word as written in lower case and the kinds it stands for. */
export interface FileChoice {
  word: string
  kinds: readonly VodFileKind[]
  /** `all`: older rendition duplicates and every cover candidate too, as in `vod get`. */
  everything: boolean
}

/** Every word {@link parseFileChoice} accepts, for messages. */
export const fileChoiceWords: readonly string[] = [...choices.keys()]

/** Reads a file choice without regard to case; `undefined` for an unknown word. */
export function parseFileChoice(text: string): FileChoice | undefined {
  const word = text.trim().toLowerCase()
  const kinds = choices.get(word)
  return kinds ? { word, kinds, everything: word === 'all' } : undefined
}

/** What a media item gives when nothing is chosen: its source master, or the image itself. */
export function defaultFileChoice(mediaType: VodMediaType): FileChoice {
  return parseFileChoice(mediaType === 'image' ? 'image' : 'source') as FileChoice
}

/** The kinds of a choice that a media item of this type can have (`source` of an image: none). */
export function applicableKinds(
  choice: FileChoice,
  mediaType: VodMediaType,
): readonly VodFileKind[] {
  const playable = mediaType !== 'image'
  return choice.kinds.filter((kind) => playableKinds.has(kind) === playable)
}

/**
 * Several words as one choice (the window's checkboxes: source and cover, say): the kinds of
 * all of them in the usual order, named `source+cover`; `undefined` when a word is unknown.
 */
export function combineFileChoices(words: readonly string[]): FileChoice | undefined {
  const choices = words.map(parseFileChoice)
  if (choices.length === 0 || choices.some((choice) => choice === undefined)) return undefined
  const known = choices as FileChoice[]
  const wanted = new Set(known.flatMap((choice) => choice.kinds))
  return {
    word: [...new Set(known.map((choice) => choice.word))].join('+'),
    kinds: vodFileKinds.filter((kind) => wanted.has(kind)),
    everything: known.some((choice) => choice.everything),
  }
}
