import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface Probe {
  durationSeconds: number
  /** `codec_type:codec_name` of every stream, e.g. `video:h264`. */
  streams: string[]
}

/** What ffprobe reads from a media file or playlist: its duration and its streams' codecs. */
export async function probeMedia(path: string): Promise<Probe> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type,codec_name:format=duration',
    '-of',
    'json',
    path,
  ])
  const parsed = JSON.parse(stdout) as {
    streams: Array<{ codec_type: string; codec_name: string }>
    format: { duration: string }
  }
  return {
    durationSeconds: Number(parsed.format.duration),
    streams: parsed.streams.map((stream) => `${stream.codec_type}:${stream.codec_name}`),
  }
}
