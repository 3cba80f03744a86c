import { z } from 'zod'
import { asAppError, toErrorData } from './errors'
import type { JobProgress, JobSnapshot } from './jobs'
import { hlsTokenInputSchema, settingsPatchSchema } from './settings'
import type { Settings } from './settings'
import {
  accountCredentialsSchema,
  accountTestInputSchema,
  type AccountInfo,
  type AccountTestResult,
  type Region,
} from './contract/account'
import type { AppInfo, RestartOutcome, UpdateStatus } from './contract/app'
import {
  chooseDirectoryInputSchema,
  droppedFolderInputSchema,
  filesExportInputSchema,
  downloadsEnqueueInputSchema,
  downloadsEnqueueSelectionInputSchema,
  downloadsCoversInputSchema,
  downloadsMoveInputSchema,
  downloadsRemoveInputSchema,
  downloadsReorderInputSchema,
  downloadsSummarizeInputSchema,
  jobFileInputSchema,
  jobFilesInputSchema,
  jobIdsInputSchema,
  type BatchInfo,
  type BatchSummary,
  type ChooseDirectoryResult,
  type EnqueueResult,
  type EnqueueSelectionResult,
  type ExportResult,
  type FileActionResult,
  type MediaCover,
} from './contract/downloads'
import {
  listsExportInputSchema,
  listsImportInputSchema,
  type AddressListExport,
  type ListImportResult,
} from './contract/lists'
import {
  librarySearchInputSchema,
  mediaAddressInputSchema,
  mediaReferenceInputSchema,
  mediaTypeSchema,
  type Category,
  type FileAddress,
  type LibrarySearchResult,
  type MediaDetailsResult,
} from './contract/media'
import {
  proxyPasswordInputSchema,
  type DiagnosticsExportResult,
  type LogFolderResult,
  type NetworkStatus,
} from './contract/network'
import { failure, success, type Result } from './contract/result'
import { backupIdInputSchema, backupInputSchema, type BackupView } from './contract/backups'

/**
 * The one contract between the renderer and whatever serves it (the Electron main process over
 * IPC, or the headless host over HTTP + WebSocket). Every request is a name with a zod schema for
 * its input and a type for its output; every event is a name with a payload type. Main handlers,
 * the preload bridge, the HTTP bridge and the renderer client are all typed from the two maps
 * below, so renaming or reshaping a request breaks the compile everywhere.
 */

export * from './contract/account'
export * from './contract/app'
export * from './contract/backups'
export * from './contract/downloads'
export * from './contract/lists'
export * from './contract/media'
export * from './contract/network'
export * from './contract/progress'
export * from './contract/result'

declare const outputMarker: unique symbol

/** A request: the runtime schema of its input, and (type-only) its output. */
export interface RequestDefinition<Input extends z.ZodType, Output> {
  readonly input: Input
  /** Never present at runtime; carries the output type. */
  readonly [outputMarker]?: Output
}

function request<Input extends z.ZodType>(input: Input) {
  return {
    returns<Output>(): RequestDefinition<Input, Output> {
      return { input }
    },
  }
}

const noInput = z.strictObject({})

/** Every request the renderer can make. Outputs that carry nothing are `null` (valid JSON). */
export const requests = {
  'app.info': request(noInput).returns<AppInfo>(),
  /** The desktop app's self-update; the headless host answers `unavailable`. */
  'app.updateStatus': request(noInput).returns<UpdateStatus>(),
  /**
   * Installs a downloaded update now. With downloads running, main asks first (a native box):
   * restart once they are done, stop them (they resume after the restart), or cancel.
   */
  'app.restartToUpdate': request(noInput).returns<RestartOutcome>(),

  'settings.get': request(noInput).returns<Settings>(),
  /** Partial update; answers the full new settings and also emits `settings.changed`. */
  'settings.update': request(settingsPatchSchema).returns<Settings>(),
  /**
   * Saves a new MtsHlsUriToken, sealed like the account's secret; answers the settings (which
   * only say `mtsHlsUriTokenConfigured`) and emits `settings.changed`. Never sent back.
   */
  'settings.saveHlsToken': request(hlsTokenInputSchema).returns<Settings>(),
  /** Removes the saved MtsHlsUriToken; answers the settings and emits `settings.changed`. */
  'settings.clearHlsToken': request(noInput).returns<Settings>(),

  'account.get': request(noInput).returns<AccountInfo>(),
  /** Saves credentials (kept out of the renderer from then on); emits `account.changed`. */
  'account.save': request(accountCredentialsSchema).returns<AccountInfo>(),
  'account.test': request(accountTestInputSchema).returns<AccountTestResult>(),
  'account.clear': request(noInput).returns<AccountInfo>(),
  'regions.list': request(noInput).returns<Region[]>(),

  'library.search': request(librarySearchInputSchema).returns<LibrarySearchResult>(),
  'library.categories': request(z.strictObject({ mediaType: mediaTypeSchema })).returns<
    Category[]
  >(),
  'media.details': request(mediaReferenceInputSchema).returns<MediaDetailsResult>(),
  /**
   * A fresh signed address of one file, for "Copy address" (pasting into another tool): asked
   * from the API now, with the AuthTimeout and CDN domain from Settings, never the HLS token.
   */
  'media.address': request(mediaAddressInputSchema).returns<FileAddress>(),

  'downloads.list': request(noInput).returns<JobSnapshot[]>(),
  /**
   * Queues files; answers the jobs (existing ones for duplicates skipped by policy) and what was
   * added, already there, or held back by a name conflict that has to be asked about first.
   */
  'downloads.enqueue': request(downloadsEnqueueInputSchema).returns<EnqueueResult>(),
  /** Counts and sizes what a batch would queue, before anything starts. */
  'downloads.summarize': request(downloadsSummarizeInputSchema).returns<BatchSummary>(),
  'downloads.enqueueSelection': request(
    downloadsEnqueueSelectionInputSchema,
  ).returns<EnqueueSelectionResult>(),
  'downloads.pause': request(jobIdsInputSchema).returns<null>(),
  'downloads.resume': request(jobIdsInputSchema).returns<null>(),
  'downloads.retry': request(jobIdsInputSchema).returns<null>(),
  /** Stops the jobs and discards their partial files. */
  'downloads.cancel': request(jobIdsInputSchema).returns<null>(),
  /** Drops the jobs from the list (files stay unless `deleteFiles`); emits `jobs.removed`. */
  'downloads.remove': request(downloadsRemoveInputSchema).returns<null>(),
  'downloads.pauseAll': request(noInput).returns<null>(),
  'downloads.resumeAll': request(noInput).returns<null>(),
  /** Removes every completed job from the list; answers how many went. */
  'downloads.clearCompleted': request(noInput).returns<{ removed: number }>(),
  'downloads.move': request(downloadsMoveInputSchema).returns<null>(),
  /** Moves jobs, keeping their order, to the top, the bottom, or right before another job. */
  'downloads.reorder': request(downloadsReorderInputSchema).returns<null>(),
  /** Batches that still have jobs: when and from what they were made, media that gave nothing. */
  'downloads.batches': request(noInput).returns<BatchInfo[]>(),
  /** Cover thumbnails of media that jobs download (signed URLs that expire). */
  'downloads.covers': request(downloadsCoversInputSchema).returns<MediaCover[]>(),

  'files.reveal': request(jobFileInputSchema).returns<FileActionResult>(),
  'files.open': request(jobFileInputSchema).returns<FileActionResult>(),
  /** Electron only: starts a native drag of the finished files (headless fails `Unsupported`). */
  'files.startDrag': request(jobFilesInputSchema).returns<null>(),
  /** Electron only: native folder picker for the download folder. */
  'dialog.chooseDirectory': request(chooseDirectoryInputSchema).returns<ChooseDirectoryResult>(),
  /** Electron only: copies or moves finished files to a chosen folder ("Export to folder…"). */
  'files.export': request(filesExportInputSchema).returns<ExportResult>(),
  /** Electron only: checks a folder dropped on the window and makes it the download folder. */
  'dialog.useDroppedFolder': request(droppedFolderInputSchema).returns<ChooseDirectoryResult>(),

  /** The signed addresses of a selection or of a whole filter, as CSV and/or JSON text. */
  'lists.export': request(listsExportInputSchema).returns<AddressListExport>(),
  /** A CSV or plain list's text (ids, URLs) as one batch of downloads; bad lines by number. */
  'lists.import': request(listsImportInputSchema).returns<ListImportResult>(),

  /** Saved library backups with their last run and, while one runs, its progress. */
  'backups.list': request(noInput).returns<BackupView[]>(),
  /** Adds a backup (no id) or changes one; emits `backups.changed`. */
  'backups.save': request(backupInputSchema).returns<BackupView>(),
  /** Forgets a backup (its folder and files stay); emits `backups.changed`. */
  'backups.remove': request(backupIdInputSchema).returns<null>(),
  /** Starts a run now ("Run now"); answers at once, progress comes as `backups.changed`. */
  'backups.run': request(backupIdInputSchema).returns<BackupView>(),

  /** Whether a manual proxy password is saved. */
  'network.status': request(noInput).returns<NetworkStatus>(),
  /** Saves the manual proxy's password, sealed; never sent back. */
  'network.saveProxyPassword': request(proxyPasswordInputSchema).returns<NetworkStatus>(),
  'network.clearProxyPassword': request(noInput).returns<NetworkStatus>(),
  /** Writes a diagnostics bundle (logs, versions, settings without secrets, job states). */
  'diagnostics.export': request(noInput).returns<DiagnosticsExportResult>(),
  /** Opens the diagnostic log folder on the desktop; the headless host answers its path. */
  'diagnostics.openLogFolder': request(noInput).returns<LogFolderResult>(),
} as const

type Requests = typeof requests

export type RequestName = keyof Requests

/** What a caller passes (fields with defaults may be left out). */
export type RequestInput<Name extends RequestName> = z.input<Requests[Name]['input']>

/** What a handler receives: parsed, with defaults filled in. */
export type ParsedRequestInput<Name extends RequestName> = z.output<Requests[Name]['input']>

export type RequestOutput<Name extends RequestName> =
  Requests[Name] extends RequestDefinition<z.ZodType, infer Output> ? Output : never

/** Every event main pushes to the renderer, with its payload. */
export interface EventPayloads {
  /** Full snapshots of jobs that were added or whose state or fields changed. */
  'jobs.changed': JobSnapshot[]
  /** Live figures of running jobs, coalesced to at most one event per 100 ms. */
  'jobs.progress': JobProgress[]
  /** Ids of jobs that left the list. */
  'jobs.removed': number[]
  'settings.changed': Settings
  'account.changed': AccountInfo
  /** Desktop only: the self-update moved on (checking, downloading, ready, …). */
  'app.updateChanged': UpdateStatus
  /** Every backup, after one was saved, removed, started, advanced or finished. */
  'backups.changed': BackupView[]
}

export type EventName = keyof EventPayloads

export type EventPayload<Name extends EventName> = EventPayloads[Name]

/** Runtime list of event names, so bridges can refuse anything else. */
export const eventNames = [
  'jobs.changed',
  'jobs.progress',
  'jobs.removed',
  'settings.changed',
  'account.changed',
  'app.updateChanged',
  'backups.changed',
] as const satisfies readonly EventName[]

// Fails to compile when an event is added to EventPayloads but not to eventNames.
type MissingEventNames = Exclude<EventName, (typeof eventNames)[number]>
const everyEventListed: MissingEventNames extends never ? true : never = true
void everyEventListed

export const requestNames = Object.keys(requests) as RequestName[]

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requests, name)
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name)
}

/** The implementation side: one async function per request, receiving parsed input. */
export type Handlers = {
  [Name in RequestName]: (input: ParsedRequestInput<Name>) => Promise<RequestOutput<Name>>
}

/** The handlers of one domain (e.g. `DomainHandlers<'downloads'>`), for services to implement. */
export type DomainHandlers<Domain extends string> = Pick<
  Handlers,
  Extract<RequestName, `${Domain}.${string}`>
>

/** Arguments of a typed call: the input may be left out when every field is optional. */
export type RequestArguments<Name extends RequestName> =
  Record<string, never> extends RequestInput<Name>
    ? [input?: RequestInput<Name>]
    : [input: RequestInput<Name>]

export type Unsubscribe = () => void

/**
 * The object the preload exposes as `window.api`, and the shape the HTTP bridge imitates:
 * requests answer `Result`s, never throw across the boundary.
 */
export interface BridgeApi {
  request<Name extends RequestName>(
    name: Name,
    input: RequestInput<Name>,
  ): Promise<Result<RequestOutput<Name>>>
  subscribe<Name extends EventName>(
    event: Name,
    listener: (payload: EventPayload<Name>) => void,
  ): Unsubscribe
}

/** The renderer-side client: failures arrive as thrown errors carrying their `ErrorData`. */
export interface ApiClient {
  request<Name extends RequestName>(
    name: Name,
    ...input: RequestArguments<Name>
  ): Promise<RequestOutput<Name>>
  subscribe<Name extends EventName>(
    event: Name,
    listener: (payload: EventPayload<Name>) => void,
  ): Unsubscribe
}

export { wire } from './wire'

/** One event as it travels over IPC or WebSocket. */
export type EventMessage = {
  [Name in EventName]: { event: Name; payload: EventPayload<Name> }
}[EventName]

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.map(String).join('.')
      return path ? `${path}: ${issue.message}` : issue.message
    })
    .join('; ')
}

/** Parses a raw input against a request's schema; failures come back as `InvalidInput` data. */
export function parseRequestInput<Name extends RequestName>(
  name: Name,
  input: unknown,
): Result<ParsedRequestInput<Name>> {
  const parsed = requests[name].input.safeParse(input ?? {})
  if (!parsed.success) return failure(toErrorData('InvalidInput', describeIssues(parsed.error)))
  return success(parsed.data as ParsedRequestInput<Name>)
}

/**
 * Handles one raw request from a bridge: refuses unknown names, parses the input with the
 * contract's schema before any service sees it, and turns anything thrown into error data.
 */
export async function dispatchRequest(
  handlers: Handlers,
  name: unknown,
  input: unknown,
): Promise<Result<unknown>> {
  if (!isRequestName(name)) {
    return failure(toErrorData('InvalidInput', `unknown request ${String(name).slice(0, 64)}`))
  }
  const parsed = parseRequestInput(name, input)
  if (!parsed.ok) return parsed
  const handler = handlers[name] as (input: unknown) => Promise<unknown>
  try {
    return success(await handler(parsed.value))
  } catch (error) {
    return failure(asAppError(error).toData())
  }
}
