import { readFileSync } from 'node:fs'
import path from 'node:path'

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return null
  }
}

/**
 * The feed URL electron-builder wrote into the installed app (`resources/app-update.yml`, from
 * `publish` in electron-builder.yml); null when the file is missing or names no generic feed.
 * The file is a flat YAML map of scalars (electron-builder's `serializeToYaml`).
 */
export function readBuiltInFeedUrl(resourcesPath: string): string | null {
  const text = readText(path.join(resourcesPath, 'app-update.yml'))
  if (text === null) return null
  const fields = new Map<string, string>()
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Za-z]+):\s*(.*?)\s*$/.exec(line)
    if (match?.[1] && match[2] !== undefined) {
      fields.set(match[1], match[2].replace(/^(['"])(.*)\1$/, '$2'))
    }
  }
  return fields.get('provider') === 'generic' ? (fields.get('url') ?? null) : null
}

/** What electron-builder wrote into `resources/package-type` (`deb` for the deb package). */
export function readPackageType(resourcesPath: string): string | null {
  return readText(path.join(resourcesPath, 'package-type'))?.trim() ?? null
}
