import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { crc64, formatCrc64 } from '../shared/crc64'

/**
 * The committed media files (made once by scripts/make-emulator-media.sh): loaded into memory at
 * start (about 1.6 MB), with the digests OSS would report, and the HLS playlists parsed so the
 * library can map each segment to its own object.
 */

export interface CatalogueFile {
  /** Path relative to the media directory, with `/` separators. */
  name: string
  bytes: Buffer
  md5Hex: string
  crc64: string
  width: number
  height: number
  /** Timed media only. */
  durationSeconds?: number
  fps?: number
}

/** One line of a committed playlist, with segment URIs and the key line picked out. */
export type PlaylistLine =
  | { kind: 'text'; text: string }
  | { kind: 'segment'; file: string }
  | { kind: 'key'; method: string; iv?: string }

export interface CataloguePlaylist {
  name: string
  lines: PlaylistLine[]
  /** Segment files (relative to the media directory), in order. */
  segments: string[]
  width: number
  height: number
  durationSeconds: number
  fps: number
}

export interface MediaCatalogue {
  directory: string
  file(name: string): CatalogueFile
  playlist(name: string): CataloguePlaylist
  /** The AES-128 key the encrypted HLS sample was made with. */
  hlsKey: Buffer
}

/** resources/emulator in the repository, found relative to this module. */
export function defaultMediaDirectory(): string {
  return fileURLToPath(new URL('../../resources/emulator/', import.meta.url))
}

const manifestSchema = z.record(
  z.string(),
  z.object({
    width: z.number().int().nonnegative(),
    height: z.number().int().nonnegative(),
    durationSeconds: z.number().nonnegative().optional(),
    fps: z.number().nonnegative().optional(),
  }),
)

export async function loadMediaCatalogue(directory: string): Promise<MediaCatalogue> {
  const manifest = manifestSchema.parse(
    JSON.parse(await readFile(join(directory, 'manifest.json'), 'utf8')),
  )
  const files = new Map<string, CatalogueFile>()
  const playlists = new Map<string, CataloguePlaylist>()
  const addFile = async (name: string, entry: z.infer<typeof manifestSchema>[string]) => {
    const bytes = await readFile(join(directory, name))
    files.set(name, {
      name,
      bytes,
      md5Hex: createHash('md5').update(bytes).digest('hex'),
      crc64: formatCrc64(crc64(bytes)),
      ...entry,
    })
  }
  for (const [name, entry] of Object.entries(manifest)) {
    if (!name.endsWith('.m3u8')) {
      await addFile(name, entry)
      continue
    }
    const directoryName = name.slice(0, name.lastIndexOf('/') + 1)
    const lines = parsePlaylist(await readFile(join(directory, name), 'utf8'), directoryName)
    const segments = lines.flatMap((line) => (line.kind === 'segment' ? [line.file] : []))
    for (const segment of segments)
      await addFile(segment, { width: entry.width, height: entry.height })
    playlists.set(name, {
      name,
      lines,
      segments,
      width: entry.width,
      height: entry.height,
      durationSeconds: entry.durationSeconds ?? 0,
      fps: entry.fps ?? 0,
    })
  }
  const hlsKey = await readFile(join(directory, 'hls-aes', 'key.bin'))
  return {
    directory,
    hlsKey,
    file(name: string): CatalogueFile {
      const file = files.get(name)
      if (!file) throw new Error(`media file missing from the catalogue: ${name}`)
      return file
    },
    playlist(name: string): CataloguePlaylist {
      const playlist = playlists.get(name)
      if (!playlist) throw new Error(`playlist missing from the catalogue: ${name}`)
      return playlist
    },
  }
}

/** Splits a playlist into lines; segment URIs become catalogue names, key lines lose their URI. */
export function parsePlaylist(text: string, directoryName: string): PlaylistLine[] {
  return text
    .split('\n')
    .filter((line, index, all) => line !== '' || index < all.length - 1)
    .map((line): PlaylistLine => {
      if (line.startsWith('#EXT-X-KEY:')) {
        const method = /METHOD=([^,]+)/.exec(line)?.[1] ?? 'NONE'
        const iv = /IV=(0x[0-9a-fA-F]+)/.exec(line)?.[1]
        return iv === undefined ? { kind: 'key', method } : { kind: 'key', method, iv }
      }
      if (line !== '' && !line.startsWith('#'))
        return { kind: 'segment', file: directoryName + line }
      return { kind: 'text', text: line }
    })
}
