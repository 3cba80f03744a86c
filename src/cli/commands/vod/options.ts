import { vodFileKinds, type AddressType, type VodFileKind } from '../../../shared/vod'
import { UsageError } from '../../arguments'

export function parseOutputType(text: string | undefined): AddressType {
  if (text === undefined || text === 'cdn') return 'cdn'
  if (text === 'oss') return 'oss'
  throw new UsageError('--output-type must be cdn or oss')
}

/** What `--file` selects, as kinds of downloadable files. */
export const fileChoices: Record<string, readonly VodFileKind[]> = {
  source: ['source'],
  rendition: ['rendition'],
  cover: ['cover'],
  snapshots: ['snapshot'],
  sprites: ['sprite', 'sprite-origin'],
  image: ['image'],
  all: vodFileKinds,
}
