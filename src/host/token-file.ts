import { randomBytes } from 'node:crypto'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * `--token-file PATH`: the bridge token goes into a file only its owner can read instead of into
 * the address printed on the terminal, where scrollback, logs and screen sharing would show it.
 *
 * The token is written to a new file beside PATH, created exclusively (`wx`, so no existing file
 * or symbolic link is ever followed) with mode 0600, then renamed over PATH in one step: a reader
 * sees the old file or the whole new one, never a partial token or one with looser permissions.
 * The file holds the token and a line break.
 */
export async function writeTokenFile(path: string, token: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temporary, `${token}\n`, { flag: 'wx', mode: 0o600 })
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/** Removes the token file when the host stops, unless another host has since replaced it. */
export async function removeTokenFile(path: string, token: string): Promise<void> {
  const content = await readFile(path, 'utf8').catch(() => undefined)
  if (content?.trim() === token) await rm(path, { force: true })
}
