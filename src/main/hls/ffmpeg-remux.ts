import { spawn } from 'node:child_process'
import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { AppError } from '../../shared/errors'

/**
 * Finds a program the way a shell would: the first executable file named `name` in a folder of
 * PATH (with PATHEXT's extensions on Windows). Undefined when it is not installed.
 */
export function findExecutable(
  name: string,
  environment: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const path = environment.PATH ?? environment.Path ?? ''
  const extensions =
    platform === 'win32'
      ? (environment.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)
      : ['']
  const separator = platform === 'win32' ? ';' : delimiter
  for (const folder of path.split(separator)) {
    if (folder === '') continue
    for (const extension of extensions) {
      const candidate = join(folder, name + extension)
      if (isExecutableFile(candidate, platform)) return candidate
    }
  }
  return undefined
}

function isExecutableFile(path: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(path).isFile()) return false
    if (platform !== 'win32') accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * The arguments that copy an HLS stream's tracks into MP4 without re-encoding. ffmpeg only ever
 * reads our local playlist and the segment files beside it, so every protocol but `file` is
 * refused: a playlist line can never make it open a URL, a device or a pipe.
 */
export function remuxArguments(playlistPath: string, outputPath: string): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-y',
    '-protocol_whitelist',
    'file',
    '-i',
    playlistPath,
    '-c',
    'copy',
    // AAC in MPEG-TS has ADTS headers; MP4 wants the AudioSpecificConfig instead.
    '-bsf:a',
    'aac_adtstoasc',
    // The index goes first, so editors and players can start without reading the whole file.
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    outputPath,
  ]
}

/** Longest ffmpeg error text kept for the message (its last lines say what went wrong). */
const errorTextLimit = 600

/**
 * Remuxes the local playlist into one MP4 with `ffmpeg -c copy` (no quality loss, disk speed).
 * Rejects with the end of ffmpeg's error output when it fails.
 */
export function remuxToMp4(
  ffmpeg: string,
  playlistPath: string,
  outputPath: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, remuxArguments(playlistPath, outputPath), {
      stdio: ['ignore', 'ignore', 'pipe'],
      windowsHide: true,
    })
    let errorText = ''
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      errorText = (errorText + chunk).slice(-errorTextLimit)
    })
    child.once('error', (error) => {
      reject(new AppError('ToolMissing', `ffmpeg could not be started: ${error.message}`))
    })
    child.once('close', (code, signal) => {
      if (code === 0) {
        resolve()
        return
      }
      const reason = errorText.trim().split('\n').slice(-3).join(' ') || `exit ${code ?? signal}`
      reject(new AppError('Internal', `ffmpeg could not remux the stream: ${reason}`))
    })
  })
}
