import { useState, type ReactNode } from 'react'

export interface ThumbnailProps {
  src: string | null
  alt: string
  /** Shown when there is no image or it fails to load (an expired signed URL, no network). */
  placeholder: string
}

/** An image that degrades to a text placeholder instead of a broken-image icon. */
export function Thumbnail(props: ThumbnailProps): ReactNode {
  const [failedSource, setFailedSource] = useState<string | null>(null)
  if (!props.src || failedSource === props.src) {
    return <span className="thumbnail-placeholder">{props.placeholder}</span>
  }
  const source = props.src
  return (
    <img
      src={source}
      alt={props.alt}
      loading="lazy"
      decoding="async"
      draggable={false}
      onError={() => setFailedSource(source)}
    />
  )
}
