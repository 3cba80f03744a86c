import { definitionCodes, referenceKey, type DownloadableFile } from '../../../../shared/contract'

export interface FileGroups {
  source: DownloadableFile | null
  renditions: DownloadableFile[]
  /** Covers, snapshots, sprites, WebVTT and uploaded images. */
  images: DownloadableFile[]
}

/** Splits a media item's files into the three sections of the details screen. */
export function groupFiles(files: readonly DownloadableFile[]): FileGroups {
  const groups: FileGroups = { source: null, renditions: [], images: [] }
  for (const file of files) {
    if (file.kind === 'source') groups.source ??= file
    else if (file.kind === 'rendition') groups.renditions.push(file)
    else groups.images.push(file)
  }
  return groups
}

function definitionRank(definition: string): number {
  const index = (definitionCodes as readonly string[]).indexOf(definition)
  return index === -1 ? definitionCodes.length : index
}

/** Definitions that have at least one downloadable rendition, best first. */
export function availableDefinitions(renditions: readonly DownloadableFile[]): string[] {
  const definitions = new Set<string>()
  for (const file of renditions) {
    if (file.downloadable && file.definition) definitions.add(file.definition)
  }
  return [...definitions].sort((left, right) => definitionRank(left) - definitionRank(right))
}

/**
 * The HDR types among the downloadable renditions of each definition (`HDR10`, `DolbyVision`…),
 * for the quality selector: a definition without any is SDR.
 */
export function hdrTypesByDefinition(
  renditions: readonly DownloadableFile[],
): Map<string, string[]> {
  const types = new Map<string, string[]>()
  for (const file of renditions) {
    if (!file.downloadable || !file.definition || !file.hdrType) continue
    const known = types.get(file.definition) ?? []
    if (!known.includes(file.hdrType)) known.push(file.hdrType)
    types.set(file.definition, known)
  }
  return types
}

/** Checks the downloadable renditions of one definition and unchecks other renditions. */
export function checkDefinition(
  checked: ReadonlySet<string>,
  renditions: readonly DownloadableFile[],
  definition: string,
): Set<string> {
  const next = new Set(checked)
  for (const file of renditions) {
    const key = referenceKey(file.reference)
    if (file.downloadable && file.definition === definition && file.status !== 'Invisible')
      next.add(key)
    else next.delete(key)
  }
  return next
}

/** The definition all checked renditions share, or '' when none or several are checked. */
export function checkedDefinition(
  checked: ReadonlySet<string>,
  renditions: readonly DownloadableFile[],
): string {
  const definitions = new Set(
    renditions
      .filter((file) => checked.has(referenceKey(file.reference)))
      .map((file) => file.definition ?? ''),
  )
  return definitions.size === 1 ? ([...definitions][0] ?? '') : ''
}

export function toggleFile(checked: ReadonlySet<string>, file: DownloadableFile): Set<string> {
  const next = new Set(checked)
  const key = referenceKey(file.reference)
  if (next.has(key)) next.delete(key)
  else if (file.downloadable) next.add(key)
  return next
}
