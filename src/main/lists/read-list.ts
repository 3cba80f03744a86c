import { readFile } from 'node:fs/promises'
import { AppError } from '../../shared/errors'

/** Reads a list file as UTF-8; a missing or unreadable file is an `InvalidInput` naming it. */
export async function readListFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as { code?: unknown }).code
    throw new AppError(
      'InvalidInput',
      `cannot read ${path}${typeof code === 'string' ? ` (${code})` : ''}`,
    )
  }
}
