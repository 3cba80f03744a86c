import {
  compareJobQueueOrder,
  dispatchRequest,
  maskAccessKeyId,
  unconfiguredAccount,
  type AccountInfo,
  type AddressListExport,
  type AppCapabilities,
  type BatchInfo,
  type DownloadableFile,
  type EventName,
  type EventPayload,
  type Handlers,
  type ListImportResult,
  type ListLine,
  type MediaDetailsResult,
  type MediaSummary,
  type NameConflicts,
  type ParsedRequestInput,
  type RequestInput,
  type RequestName,
  type RequestOutput,
  type RestartOutcome,
  type Result,
  type UpdateStatus,
} from '../../../src/shared/contract'
import { AppError, type ErrorData } from '../../../src/shared/errors'
import type { JobSnapshot, JobState } from '../../../src/shared/jobs'
import {
  applySettingsPatch,
  createDefaultSettings,
  type Settings,
} from '../../../src/shared/settings'
import type { ApiTransport } from '../../../src/renderer/src/api/transport'
import { FakeBackups } from './fake-backups'
import { makeJob, makeMedia, makeVideoFiles } from './fixtures'

export interface FakeHostOptions {
  mediaCount?: number
  account?: AccountInfo
  settings?: Partial<Settings>
  capabilities?: Partial<AppCapabilities>
  jobs?: JobSnapshot[]
  /** What `app.updateStatus` answers; default: a headless host, which never updates itself. */
  updateStatus?: UpdateStatus
}

type Listener = (payload: unknown) => void

/**
 * An in-memory implementation of every request in the contract, standing in for main's services
 * in renderer tests. It keeps just enough state to behave like the real thing (jobs change state
 * and emit events; saved secrets are kept but never answered) and records every call.
 */
export class FakeHost {
  settings: Settings
  account: AccountInfo
  capabilities: AppCapabilities
  media: MediaSummary[]
  jobs = new Map<number, JobSnapshot>()
  /** Files a media item offers besides the usual ones (`makeVideoFiles`). */
  extraFiles = new Map<string, DownloadableFile[]>()
  /** Secrets the renderer sent; a test can assert they never come back. */
  readonly receivedSecrets: string[] = []
  readonly calls: { name: RequestName; input: unknown }[] = []
  /** Makes the next call of a request fail with this error. */
  readonly failures = new Map<RequestName, ErrorData>()
  /** What `downloads.batches` answers. */
  batches: BatchInfo[] = []
  /** Names taken on disk: a request without a choice is answered with these conflicts. */
  conflicts: NameConflicts | null = null
  readonly handlers: Handlers
  readonly backups = new FakeBackups()
  updateStatus: UpdateStatus
  /** What `app.restartToUpdate` answers. */
  restartOutcome: RestartOutcome = 'restarting'
  /** A manual proxy password is saved (main keeps it sealed; the window only learns this). */
  proxyPasswordSaved = false
  /** Whether the shell can open folders (the desktop) or only name them (the headless host). */
  opensFolders = false
  #listeners = new Map<EventName, Set<Listener>>()
  #nextJobId = 1
  #clock = 1_700_000_000_000

  constructor(options: FakeHostOptions = {}) {
    this.settings = { ...createDefaultSettings('/home/editor/Downloads'), ...options.settings }
    this.account = options.account ?? {
      configured: true,
      kind: 'access-key',
      maskedAccessKeyId: 'LTAI****abcd',
      regionId: 'cn-shanghai',
      endpoint: null,
      source: 'saved',
    }
    this.capabilities = {
      revealFiles: true,
      openFiles: true,
      dragFiles: true,
      chooseDirectory: true,
      tray: true,
      startAtLogin: true,
      ...options.capabilities,
    }
    this.media = Array.from({ length: options.mediaCount ?? 30 }, (_, index) => makeMedia(index))
    for (const job of options.jobs ?? []) {
      this.jobs.set(job.id, job)
      this.#nextJobId = Math.max(this.#nextJobId, job.id + 1)
    }
    this.updateStatus = options.updateStatus ?? { state: 'unavailable', reason: 'headless' }
    this.handlers = this.#createHandlers()
  }

  on<Name extends EventName>(
    event: Name,
    listener: (payload: EventPayload<Name>) => void,
  ): () => void {
    let set = this.#listeners.get(event)
    if (!set) {
      set = new Set()
      this.#listeners.set(event, set)
    }
    const untyped = listener as Listener
    set.add(untyped)
    return () => {
      set.delete(untyped)
    }
  }

  emit<Name extends EventName>(event: Name, payload: EventPayload<Name>): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])])
      listener(structuredClone(payload))
  }

  /** Calls of one request, in order. */
  callsOf<Name extends RequestName>(name: Name): RequestInput<Name>[] {
    return this.calls
      .filter((call) => call.name === name)
      .map((call) => call.input as RequestInput<Name>)
  }

  /** Changes a job the way the engine would and announces it. */
  updateJob(id: number, changes: Partial<JobSnapshot>): JobSnapshot {
    const job = this.jobs.get(id)
    if (!job) throw new AppError('NotFound', `job ${id}`)
    this.#clock += 1
    const next = { ...job, ...changes, updatedAt: this.#clock }
    this.jobs.set(id, next)
    this.emit('jobs.changed', [next])
    return next
  }

  #setStates(ids: readonly number[], state: JobState): null {
    for (const id of ids) this.updateJob(id, { state })
    return null
  }

  #addJob(job: Omit<JobSnapshot, 'id' | 'createdAt' | 'updatedAt'>): JobSnapshot {
    const id = this.#nextJobId
    this.#nextJobId += 1
    this.#clock += 1
    const snapshot: JobSnapshot = { ...job, id, createdAt: this.#clock, updatedAt: this.#clock }
    this.jobs.set(id, snapshot)
    return snapshot
  }

  #details(mediaId: string): MediaDetailsResult {
    const media = this.media.find((item) => item.mediaId === mediaId)
    if (!media) throw new AppError('NotFound', mediaId)
    // A video that is not Normal offers its source only (streams and snapshots need Normal).
    const normal = media.status === 'Normal'
    const files = [...makeVideoFiles(mediaId), ...(this.extraFiles.get(mediaId) ?? [])].filter(
      (file) => normal || file.kind === 'source',
    )
    const unavailable: MediaDetailsResult['unavailable'] = normal
      ? []
      : (['renditions', 'cover-candidates', 'snapshots'] as const).map((part) => ({
          part,
          error: new AppError('IllegalStatus', media.status).toData(),
        }))
    const downloads = [...this.jobs.values()].filter(
      (job) => job.source.kind === 'vod' && job.source.reference.mediaId === mediaId,
    )
    return {
      media: {
        ...media,
        description: 'A launch video',
        tags: ['launch'],
        storageLocation: 'outin-demo.oss-cn-shanghai.aliyuncs.com',
      },
      files,
      downloads,
      warnings: [],
      unavailable,
    }
  }

  /**
   * An address list of the matching media, one row per media item and file word, with URLs that
   * expire an hour after the host's clock. Enough to tell which media and files were asked for.
   */
  #exportList(input: ParsedRequestInput<'lists.export'>): AddressListExport {
    const { target } = input
    const title = target.kind === 'filter' ? target.title?.toLowerCase() : undefined
    const media = this.media.filter((item) =>
      target.kind === 'selection'
        ? target.mediaIds.includes(item.mediaId)
        : item.mediaType === input.mediaType &&
          (!title || item.title.toLowerCase().includes(title)) &&
          (!target.status || item.status === target.status),
    )
    const expiresAt =
      this.#clock + (input.authTimeoutSeconds ?? this.settings.authTimeoutSeconds) * 1000
    const rows = media.flatMap((item) => input.files.map((file) => ({ item, file })))
    const csv = [
      '\uFEFF# WARNING: these download URLs are signed',
      'mediaId,title,kind,url,expiresAt',
      ...rows.map(
        ({ item, file }) =>
          `${item.mediaId},${item.title},${file},https://cdn.example.com/${item.mediaId}/${file}?auth_key=x,${new Date(expiresAt).toISOString()}`,
      ),
    ].join('\r\n')
    return {
      csv: input.formats.includes('csv') ? csv : null,
      json: input.formats.includes('json') ? JSON.stringify({ rowCount: rows.length }) : null,
      exportedAt: this.#clock,
      addressType: input.addressType ?? this.settings.defaultAddressType,
      authTimeoutSeconds: input.authTimeoutSeconds ?? this.settings.authTimeoutSeconds,
      itemCount: media.length,
      rowCount: rows.length,
      failedRowCount: 0,
      failedItemCount: 0,
      failures: [],
      earliestExpiresAt: rows.length > 0 ? expiresAt : null,
      latestExpiresAt: rows.length > 0 ? expiresAt : null,
    }
  }

  /**
   * Each line names a media id or a URL (first cell); anything else is a bad line. With
   * `conflicts` set and no choice (given or remembered), nothing is added and the answer asks.
   */
  #importList(input: ParsedRequestInput<'lists.import'>): ListImportResult {
    const choice =
      input.conflicts ??
      (this.settings.nameConflicts === 'ask' ? undefined : this.settings.nameConflicts)
    const settled = { skippedConflicts: 0, replaced: 0, renamed: 0, conflicts: null }
    const badLines: ListLine[] = []
    const targets: string[] = []
    input.text.split(/\r\n|\n|\r/).forEach((content, index) => {
      const text = content.trim()
      if (text === '' || text.startsWith('#') || /^mediaId\b/i.test(text)) return
      const first = text.split(/[,\s]/)[0] ?? ''
      if (/^https?:\/\//.test(first) || /^[0-9a-f]{32}$/.test(first)) targets.push(first)
      else
        badLines.push({ line: index + 1, message: `not a media id or an http(s) URL: "${first}"` })
    })
    const lines = { alreadyQueued: 0, badLineCount: badLines.length, badLines, notes: [] }
    if (this.conflicts && choice === undefined) {
      return { added: 0, ...lines, ...settled, conflicts: this.conflicts }
    }
    // `skip` leaves out as many files as are in conflict; the others keep their name.
    const skipped = this.conflicts && choice === 'skip' ? this.conflicts.count : 0
    const created = targets.slice(skipped).map((target) =>
      this.#addJob({
        ...makeJob(),
        source: { kind: 'url', url: target },
        label: target,
        fileName: target.split('/').pop() ?? target,
        batchId: targets.length > 1 ? 99 : null,
        state: 'queued',
      }),
    )
    if (created.length > 0) this.emit('jobs.changed', created)
    return {
      added: created.length,
      ...lines,
      ...settled,
      skippedConflicts: skipped,
      renamed: this.conflicts && choice === 'keep-both' ? this.conflicts.count : 0,
      replaced: this.conflicts && choice === 'replace' ? this.conflicts.replaceable : 0,
    }
  }

  #createHandlers(): Handlers {
    const handlers: Handlers = {
      'app.info': () =>
        Promise.resolve({
          version: '0.1.0',
          shell: 'electron',
          platform: 'linux',
          capabilities: this.capabilities,
        }),
      'app.updateStatus': () => Promise.resolve(this.updateStatus),
      'app.restartToUpdate': () => Promise.resolve(this.restartOutcome),
      'settings.get': () => Promise.resolve(this.settings),
      'settings.update': (patch) => {
        this.settings = applySettingsPatch(this.settings, patch)
        this.emit('settings.changed', this.settings)
        return Promise.resolve(this.settings)
      },
      'settings.saveHlsToken': (input) => {
        this.receivedSecrets.push(input.token)
        this.settings = { ...this.settings, mtsHlsUriTokenConfigured: true }
        this.emit('settings.changed', this.settings)
        return Promise.resolve(this.settings)
      },
      'settings.clearHlsToken': () => {
        this.settings = { ...this.settings, mtsHlsUriTokenConfigured: false }
        this.emit('settings.changed', this.settings)
        return Promise.resolve(this.settings)
      },
      'network.status': () => Promise.resolve({ proxyPasswordSaved: this.proxyPasswordSaved }),
      'network.saveProxyPassword': () => {
        this.proxyPasswordSaved = true
        return Promise.resolve({ proxyPasswordSaved: true })
      },
      'network.clearProxyPassword': () => {
        this.proxyPasswordSaved = false
        return Promise.resolve({ proxyPasswordSaved: false })
      },
      'diagnostics.export': () =>
        Promise.resolve({ path: '/home/editor/Downloads/vod-downloader-diagnostics.zip' }),
      'diagnostics.openLogFolder': () =>
        Promise.resolve({
          path: '/home/editor/.config/VOD Downloader/logs',
          opened: this.opensFolders,
        }),
      'account.get': () => Promise.resolve(this.account),
      'account.save': (credentials) => {
        if (credentials.kind !== 'chain') this.receivedSecrets.push(credentials.accessKeySecret)
        if (credentials.kind === 'sts') this.receivedSecrets.push(credentials.securityToken)
        this.account = {
          configured: true,
          kind: credentials.kind,
          maskedAccessKeyId:
            credentials.kind === 'chain' ? null : maskAccessKeyId(credentials.accessKeyId),
          regionId: credentials.regionId,
          endpoint: credentials.endpoint ?? null,
          source: 'saved',
          // The chain answers from a credentials URI with a session like STS AssumeRole's.
          ...(credentials.kind === 'chain'
            ? {
                chain: {
                  profile: credentials.profile ?? null,
                  provider: 'default/credential_uri',
                  expiresAt: '2026-12-07T10:15:30Z',
                  error: null,
                },
              }
            : {}),
        }
        this.emit('account.changed', this.account)
        return Promise.resolve(this.account)
      },
      'account.test': (input) => {
        const tested = input.credentials
        if (tested && tested.kind !== 'chain' && tested.accessKeySecret === 'wrong-secret') {
          throw new AppError('SignatureMismatch')
        }
        return Promise.resolve({
          status: 'connected',
          endpoint: `vod.${input.credentials?.regionId ?? this.account.regionId ?? 'cn-shanghai'}.aliyuncs.com`,
          latencyMs: 42,
          ...(input.credentials?.kind === 'chain'
            ? { credentialSource: 'default/credential_uri' }
            : {}),
        })
      },
      'account.clear': () => {
        this.account = unconfiguredAccount
        this.emit('account.changed', this.account)
        return Promise.resolve(this.account)
      },
      'regions.list': () =>
        Promise.resolve([
          {
            id: 'cn-shanghai',
            name: 'China (Shanghai)',
            nameZh: '华东2（上海）',
            endpoint: 'vod.cn-shanghai.aliyuncs.com',
          },
          {
            id: 'cn-beijing',
            name: 'China (Beijing)',
            nameZh: '华北2（北京）',
            endpoint: 'vod.cn-beijing.aliyuncs.com',
          },
          {
            id: 'ap-southeast-1',
            name: 'Singapore',
            nameZh: '新加坡',
            endpoint: 'vod.ap-southeast-1.aliyuncs.com',
          },
        ]),
      'library.search': (input) => {
        const title = input.title?.toLowerCase()
        const matching = this.media.filter(
          (item) =>
            item.mediaType === input.mediaType &&
            (!title || item.title.toLowerCase().includes(title)) &&
            (!input.status || item.status === input.status),
        )
        const offset = input.cursor ? Number(input.cursor) : 0
        const items = matching.slice(offset, offset + input.pageSize)
        const next = offset + items.length
        return Promise.resolve({
          items,
          total: matching.length,
          nextCursor: next < matching.length ? String(next) : null,
        })
      },
      'library.categories': () =>
        Promise.resolve([
          { id: 7, name: 'Launches', parentId: null, level: 0 },
          { id: 71, name: 'Keynotes', parentId: 7, level: 1 },
        ]),
      'media.details': (input) => Promise.resolve(this.#details(input.mediaId)),
      'media.address': (input) =>
        Promise.resolve({
          url: `https://cdn.example.com/${input.reference.mediaId}/${input.reference.kind}.mp4?auth_key=1700000000-0-0-abc`,
          expiresAt: Date.UTC(2026, 5, 1, 12, 0),
          addressType: input.reference.outputType,
        }),
      'downloads.list': () => Promise.resolve([...this.jobs.values()].sort(compareJobQueueOrder)),
      'downloads.enqueue': (input) => {
        const none = { alreadyQueued: 0, alreadyDownloaded: 0, skippedConflicts: 0, replaced: 0 }
        const choice =
          input.conflicts ??
          (this.settings.nameConflicts === 'ask' ? undefined : this.settings.nameConflicts)
        if (this.conflicts && choice === undefined) {
          return Promise.resolve({
            jobs: [],
            added: 0,
            renamed: 0,
            ...none,
            conflicts: this.conflicts,
          })
        }
        const created = input.items.map((item, index) =>
          this.#addJob({
            ...makeJob(),
            source: {
              kind: 'vod',
              reference: {
                ...item.reference,
                outputType: input.addressType ?? item.reference.outputType,
              },
            },
            label: `${item.reference.mediaId} · ${item.reference.kind}`,
            fileName:
              item.fileName ??
              `${item.reference.mediaId}/${item.reference.definition ?? item.reference.kind}-${index}.mp4`,
            state: 'queued',
          }),
        )
        this.emit('jobs.changed', created)
        return Promise.resolve({
          jobs: created,
          added: created.length,
          renamed: this.conflicts && choice === 'keep-both' ? this.conflicts.count : 0,
          ...none,
          conflicts: null,
        })
      },
      'downloads.summarize': (input) =>
        Promise.resolve({
          mediaCount: input.mediaIds.length,
          count: input.mediaIds.length * (input.selection === 'all' ? 3 : 1),
          totalBytes: input.mediaIds.length * 1024 ** 3,
          unknownSizes: input.selection === 'snapshots' ? input.mediaIds.length : 0,
          skippedMedia: 0,
          skippedMediaItems: [],
          alreadyQueued: 0,
          alreadyDownloaded: 0,
        }),
      'downloads.enqueueSelection': (input) => {
        const jobs = input.mediaIds.map((mediaId) =>
          this.#addJob({
            ...makeJob(),
            source: {
              kind: 'vod',
              reference: {
                mediaId,
                mediaType: input.mediaType,
                kind: 'source',
                outputType: input.addressType ?? 'cdn',
              },
            },
            fileName: `${mediaId}/source.mov`,
          }),
        )
        this.emit('jobs.changed', jobs)
        return Promise.resolve({
          jobs,
          added: jobs.length,
          alreadyQueued: 0,
          alreadyDownloaded: 0,
          skippedConflicts: 0,
          replaced: 0,
          renamed: 0,
          conflicts: null,
          skippedMedia: 0,
          skippedMediaItems: [],
        })
      },
      'downloads.pause': (input) => Promise.resolve(this.#setStates(input.ids, 'paused')),
      'downloads.resume': (input) => Promise.resolve(this.#setStates(input.ids, 'queued')),
      'downloads.retry': (input) => {
        for (const id of input.ids) this.updateJob(id, { state: 'queued', error: null })
        return Promise.resolve(null)
      },
      'downloads.cancel': (input) => Promise.resolve(this.#setStates(input.ids, 'canceled')),
      'downloads.remove': (input) => {
        for (const id of input.ids) this.jobs.delete(id)
        this.emit('jobs.removed', input.ids)
        return Promise.resolve(null)
      },
      'downloads.pauseAll': () => {
        for (const job of this.jobs.values()) {
          if (job.state !== 'completed' && job.state !== 'canceled' && job.state !== 'failed') {
            this.updateJob(job.id, { state: 'paused' })
          }
        }
        return Promise.resolve(null)
      },
      'downloads.resumeAll': () => {
        for (const job of this.jobs.values())
          if (job.state === 'paused') this.updateJob(job.id, { state: 'queued' })
        return Promise.resolve(null)
      },
      'downloads.clearCompleted': () => {
        const ids = [...this.jobs.values()]
          .filter((job) => job.state === 'completed')
          .map((job) => job.id)
        for (const id of ids) this.jobs.delete(id)
        this.emit('jobs.removed', ids)
        return Promise.resolve({ removed: ids.length })
      },
      'downloads.move': (input) => {
        const ordered = [...this.jobs.values()].sort(compareJobQueueOrder)
        const index = ordered.findIndex((job) => job.id === input.id)
        const neighbour = ordered[input.to === 'up' ? index - 1 : index + 1]
        const job = ordered[index]
        if (job && neighbour) {
          this.updateJob(job.id, { priority: neighbour.priority + (input.to === 'up' ? 1 : -1) })
        }
        return Promise.resolve(null)
      },
      'downloads.reorder': (input) => {
        const ordered = [...this.jobs.values()].sort(compareJobQueueOrder)
        const moving = ordered.filter((job) => input.ids.includes(job.id))
        const rest = ordered.filter((job) => !input.ids.includes(job.id))
        const at =
          input.to === 'top'
            ? 0
            : input.to === 'bottom'
              ? rest.length
              : Math.max(
                  0,
                  rest.findIndex((job) => job.id === (input.to as { before: number }).before),
                )
        const next = [...rest.slice(0, at), ...moving, ...rest.slice(at)]
        next.forEach((job, index) => {
          if (job.position !== index + 1 || job.priority !== 0) {
            this.updateJob(job.id, { position: index + 1, priority: 0 })
          }
        })
        return Promise.resolve(null)
      },
      'downloads.batches': () => Promise.resolve(this.batches),
      'downloads.covers': (input) =>
        Promise.resolve(
          input.media.map((item) => ({
            ...item,
            coverUrl: `https://img.example.com/${item.mediaId}.jpg`,
          })),
        ),
      'files.reveal': (input) =>
        Promise.resolve({
          path: `/home/editor/Downloads/job-${input.jobId}.mp4`,
          handled: this.capabilities.revealFiles,
        }),
      'files.open': (input) =>
        Promise.resolve({
          path: `/home/editor/Downloads/job-${input.jobId}.mp4`,
          handled: this.capabilities.openFiles,
        }),
      'files.startDrag': () => Promise.resolve(null),
      'dialog.chooseDirectory': () => Promise.resolve({ path: '/media/editor/Masters' }),
      'dialog.useDroppedFolder': (input) => Promise.resolve({ path: input.path }),
      'lists.export': (input) => Promise.resolve(this.#exportList(input)),
      'lists.import': (input) => Promise.resolve(this.#importList(input)),
      ...this.backups.handlers((payload) => this.emit('backups.changed', payload)),
      'files.export': (input) =>
        Promise.resolve({
          canceled: false,
          transferred: input.jobIds.length,
          skipped: 0,
          failed: 0,
          bytesWritten: 0,
          destination: '/media/editor/Export',
        }),
    }
    // Every request is recorded, and a queued failure wins over the real answer.
    const recorded = {} as Record<RequestName, (input: unknown) => Promise<unknown>>
    for (const name of Object.keys(handlers) as RequestName[]) {
      const handler = handlers[name] as (input: unknown) => Promise<unknown>
      recorded[name] = async (input) => {
        this.calls.push({ name, input })
        const failure = this.failures.get(name)
        if (failure) {
          this.failures.delete(name)
          throw new AppError(failure.code, failure.detail)
        }
        return handler(input)
      }
    }
    return recorded as unknown as Handlers
  }
}

/**
 * A transport that talks to a FakeHost in the same process, the way the preload bridge talks
 * to main: inputs go through the contract's dispatcher (so schemas apply) and everything is
 * cloned on the way, as structured clone over IPC would.
 */
export function createInProcessTransport(host: FakeHost): ApiTransport {
  return {
    kind: 'preload',
    async request<Name extends RequestName>(
      name: Name,
      input: RequestInput<Name>,
    ): Promise<Result<RequestOutput<Name>>> {
      const result = await dispatchRequest(host.handlers, name, structuredClone(input))
      return structuredClone(result) as Result<RequestOutput<Name>>
    },
    subscribe: (event, listener) => host.on(event, listener),
    status: () => 'open',
    onStatus: () => () => undefined,
    close: () => undefined,
  }
}
