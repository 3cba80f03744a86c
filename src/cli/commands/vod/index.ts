import { UsageError } from '../../arguments'
import type { CliContext } from '../../context'
import { vodCategoriesCommand } from './categories'
import { vodExportCommand } from './export'
import { vodFilesCommand } from './files'
import { vodGetCommand } from './get'
import { vodSearchCommand } from './search'
import { vodSyncCommand } from './sync'

const subcommands: Record<string, (argv: string[], context: CliContext) => Promise<number>> = {
  search: vodSearchCommand,
  files: vodFilesCommand,
  get: vodGetCommand,
  export: vodExportCommand,
  sync: vodSyncCommand,
  categories: vodCategoriesCommand,
}

/** `vod-dl vod <search|files|get|export|sync|categories> ...` */
export async function vodCommand(argv: string[], context: CliContext): Promise<number> {
  const [name, ...rest] = argv
  const subcommand = name === undefined ? undefined : subcommands[name]
  if (!subcommand)
    throw new UsageError('vod needs a subcommand: search, files, get, export, sync or categories')
  return subcommand(rest, context)
}
