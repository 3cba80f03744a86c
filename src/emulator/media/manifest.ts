import type { ManifestLine } from '../object-store'

/**
 * Renders a playlist or WebVTT for one request. Relative references get the same kind of
 * signature, with the same expiry, as the URL the manifest itself was fetched with, so players
 * and downloaders can follow them (the emulator's stand-in for CDN auth propagation and OSS
 * `hls/sign`). Key lines point at the emulator's key service.
 */
export interface ManifestSigning {
  /** The reference (a file name in the manifest's directory) with its signed query. */
  reference(name: string): string
  keyUri(keyId: string, ciphertext: string): string
}

export function renderManifest(lines: readonly ManifestLine[], signing: ManifestSigning): Buffer {
  const text = lines
    .map((line) => {
      switch (line.kind) {
        case 'text':
          return line.text
        case 'reference':
          return signing.reference(line.name) + (line.suffix ?? '')
        case 'hls-key':
          return (
            `#EXT-X-KEY:METHOD=${line.method},URI="${signing.keyUri(line.keyId, line.ciphertext)}"` +
            (line.iv ? `,IV=${line.iv}` : '')
          )
      }
    })
    .join('\n')
  return Buffer.from(`${text}\n`, 'utf8')
}
