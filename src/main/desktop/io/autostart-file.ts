import { rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { writeFileAtomic } from './json-file'

/**
 * The XDG autostart folder: `$XDG_CONFIG_HOME/autostart`, or `~/.config/autostart` (XDG Base
 * Directory and Desktop Application Autostart specifications).
 */
export function autostartDirectory(
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  const configHome = env['XDG_CONFIG_HOME']
  return path.join(
    configHome && path.isAbsolute(configHome) ? configHome : path.join(home, '.config'),
    'autostart',
  )
}

/** Writes the autostart entry, or removes it when `contents` is null. */
export async function applyAutostartEntry(
  directory: string,
  fileName: string,
  contents: string | null,
): Promise<void> {
  const filePath = path.join(directory, fileName)
  if (contents === null) await rm(filePath, { force: true })
  else writeFileAtomic(filePath, contents, 0o644)
}
