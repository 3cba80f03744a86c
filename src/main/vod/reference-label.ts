import type { VodFileReference } from '../../shared/vod'

/**
 * A short label for a file reference: `<mediaId> · HD mp4`, `<mediaId> · source`,
 * `<mediaId> · snapshot 3`. Built from the reference only, so it can never contain a URL.
 */
export function describeReference(reference: VodFileReference): string {
  return `${reference.mediaId} · ${fileLabel(reference)}`
}

function fileLabel(reference: VodFileReference): string {
  switch (reference.kind) {
    case 'rendition': {
      const audio =
        reference.streamType === 'audio' && reference.mediaType === 'video' ? 'audio' : undefined
      const words = [reference.definition, reference.format, audio].filter(Boolean)
      return words.length > 0 ? words.join(' ') : 'rendition'
    }
    case 'cover':
      return reference.index === undefined ? 'cover' : `cover ${reference.index}`
    case 'snapshot':
    case 'sprite':
    case 'sprite-origin':
    case 'webvtt':
      return reference.index === undefined ? reference.kind : `${reference.kind} ${reference.index}`
    case 'image-original':
      return 'original image'
    case 'source':
    case 'image':
      return reference.kind
  }
}
