// The update feed end to end, without Electron: electron-builder's own code writes the channel
// files (latest-linux.yml, beta-linux.yml) and the app-update.yml an installed app carries, from
// electron-builder.yml, for stand-in AppImages; a server on 127.0.0.1 serves them; electron-updater's
// own AppImageUpdater (its generic provider, YAML parsing, version choice and sha512 check), set up
// by the shell's adapter and driven by the update controller, finds, downloads and installs them.
// Only the HTTP transport differs: Node's http instead of Electron's net.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import {
  createServer,
  request as httpRequest,
  type ClientRequest,
  type RequestOptions,
  type Server,
} from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { configureRequestUrl, HttpExecutor } from 'builder-util-runtime'
import type { DownloadOptions } from 'builder-util-runtime'
import * as electronUpdater from 'electron-updater'
import type { AppAdapter } from 'electron-updater/out/AppAdapter'
import type { UpdaterLike } from '../../../../src/main/desktop/adapters/updater'
import { configureUpdater, watchUpdater } from '../../../../src/main/desktop/adapters/updater'
import { DownloadsMonitor } from '../../../../src/main/desktop/downloads-monitor'
import {
  readBuiltInFeedUrl,
  readPackageType,
} from '../../../../src/main/desktop/io/app-update-config'
import type { UpdaterEvent } from '../../../../src/main/desktop/policies/update'
import { resolveUpdateFeed } from '../../../../src/main/desktop/policies/update'
import { toDisposable } from '../../../../src/main/common/disposable'
import { UpdateController } from '../../../../src/main/desktop/update-controller'
import { FakeDownloads } from '../fakes/downloads'
import { FakeScheduler } from '../fakes/scheduler'

const root = path.resolve(import.meta.dirname, '../../../..')
const fromBuilder = createRequire(
  createRequire(path.join(root, 'package.json')).resolve('electron-builder/package.json'),
)
const builderLib = (file: string): unknown => fromBuilder(`app-builder-lib/out/${file}`)
const { getConfig } = builderLib('util/config/config.js') as {
  getConfig: (projectDir: string, configPath: null, fromOptions: null) => Promise<BuilderConfig>
}
const { createUpdateInfoTasks, writeUpdateInfoFiles } = builderLib(
  'publish/updateInfoBuilder.js',
) as {
  createUpdateInfoTasks: (event: unknown, publishConfigs: unknown) => Promise<unknown[]>
  writeUpdateInfoFiles: (tasks: unknown[], packager: unknown) => Promise<void>
}
const { getPublishConfigs, getAppUpdatePublishConfiguration } = builderLib(
  'publish/PublishManager.js',
) as {
  getPublishConfigs: (
    packager: unknown,
    target: null,
    arch: number,
    must: boolean,
  ) => Promise<unknown>
  getAppUpdatePublishConfiguration: (
    packager: unknown,
    target: null,
    arch: number,
    must: boolean,
  ) => Promise<unknown>
}
const { Platform } = builderLib('core.js') as { Platform: { LINUX: unknown } }
const { Arch, serializeToYaml } = createRequire(
  fromBuilder.resolve('app-builder-lib/package.json'),
)('builder-util') as { Arch: { x64: number }; serializeToYaml: (value: unknown) => string }

interface BuilderConfig {
  publish?: unknown
  linux?: unknown
  generateUpdatesFilesForAllChannels?: boolean
}

let work: string
let feedDirectory: string
let feedUrl: string
let server: Server
const requests: string[] = []
/** Serves a different file than the feed describes, for the checksum test. */
let tamper = false
let config: BuilderConfig

/** Stand-in AppImages: scripts that record that the updater ran them after installing. */
function appImage(version: string): Buffer {
  return Buffer.from(
    `#!/bin/sh\necho "${version} $APPIMAGE_SILENT_INSTALL $APPIMAGE_EXIT_AFTER_INSTALL" > "$0.ran"\n`,
  )
}

/** A stand-in for electron-builder's Linux packager: what the update-info code reads of it. */
function linuxPackager(version: string) {
  const appInfo = {
    version,
    channel: /-([a-z]+)/.exec(version)?.[1] ?? null,
    updaterCacheDirName: 'vod-downloader-updater',
  }
  const info = {
    config,
    metadata: { dependencies: {} },
    appInfo,
    repositoryInfo: Promise.resolve(null),
    emitArtifactCreated: () => Promise.resolve(),
  }
  return {
    platform: Platform.LINUX,
    platformSpecificBuildOptions: config.linux,
    config,
    appInfo,
    info,
    expandMacro: (text: string) => text,
    getResource: () => Promise.resolve(null),
  }
}

/** Runs electron-builder's update-info step for one release, as `npm run dist` would. */
async function release(version: string): Promise<void> {
  const packager = linuxPackager(version)
  const file = path.join(feedDirectory, `vod-downloader-${version}-x86_64.AppImage`)
  writeFileSync(file, appImage(version), { mode: 0o755 })
  const publishConfigs = await getPublishConfigs(packager, null, Arch.x64, false)
  const tasks = await createUpdateInfoTasks(
    { packager, file, arch: Arch.x64, target: { outDir: feedDirectory }, safeArtifactName: null },
    publishConfigs,
  )
  await writeUpdateInfoFiles(tasks, packager.info)
}

/** electron-updater's HTTP client over Node's http (Electron's `net` is the only difference). */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: unknown) => void): ClientRequest {
    return httpRequest(options, callback)
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined }
      configureRequestUrl(url, requestOptions)
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error ? reject(error) : resolve(destination)),
          responseHandler: null,
        },
        0,
      )
    })
  }
}

/** What electron-updater registered to run when the app quits, per installed app. */
const quitHandlers = new Map<string, ((exitCode: number) => void)[]>()

/** The installed app the updater works for: version 0.1.0, its resources and profile. */
function installedApp(resources: string, name: string): AppAdapter {
  const profile = path.join(work, name)
  mkdirSync(profile, { recursive: true })
  return {
    version: '0.1.0',
    name: 'VOD Downloader',
    isPackaged: true,
    appUpdateConfigPath: path.join(resources, 'app-update.yml'),
    userDataPath: profile,
    baseCachePath: path.join(profile, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: (handler) => quitHandlers.set(name, [...(quitHandlers.get(name) ?? []), handler]),
  }
}

/** electron-updater's own AppImage updater, as `autoUpdater` is inside an installed AppImage. */
function appImageUpdater(resources: string, name: string) {
  const updater = new electronUpdater.AppImageUpdater(null, installedApp(resources, name))
  ;(updater as unknown as { httpExecutor: NodeHttpExecutor }).httpExecutor = new NodeHttpExecutor()
  return updater
}

let resources: string
const previousAppImage = process.env['APPIMAGE']

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'vod-update-feed-'))
  feedDirectory = path.join(work, 'feed')
  mkdirSync(feedDirectory)
  server = createServer((request, response) => {
    const name = decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/').replace(
      /^\/vod-downloader\//,
      '',
    )
    requests.push(name)
    const file = path.join(feedDirectory, path.basename(name))
    if (!name || name.includes('/') || !existsSync(file)) {
      response.writeHead(404).end()
      return
    }
    let body = readFileSync(file)
    if (tamper && name.endsWith('.AppImage')) body = Buffer.concat([body, Buffer.from('#')])
    response.writeHead(200, { 'content-length': body.length }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/vod-downloader/`

  // electron-builder.yml as it is, with the feed moved to this server.
  config = await getConfig(root, null, null)
  config.publish = { ...(config.publish as object), url: feedUrl }
  await release('0.2.0')
  await release('0.3.0-beta.1')

  // The installed app's resources: app-update.yml as electron-builder writes it at packaging.
  resources = path.join(work, 'resources')
  mkdirSync(resources)
  const appUpdate = await getAppUpdatePublishConfiguration(
    linuxPackager('0.1.0'),
    null,
    Arch.x64,
    false,
  )
  writeFileSync(path.join(resources, 'app-update.yml'), serializeToYaml(appUpdate))
  writeFileSync(path.join(resources, 'package-type'), 'deb\n')
})

afterAll(async () => {
  if (previousAppImage === undefined) delete process.env['APPIMAGE']
  else process.env['APPIMAGE'] = previousAppImage
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  rmSync(work, { recursive: true, force: true })
})

/** The running AppImage the update replaces. */
function runningAppImage(name: string): string {
  const file = path.join(work, name, 'VOD-Downloader.AppImage')
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, appImage('0.1.0'), { mode: 0o755 })
  process.env['APPIMAGE'] = file
  return file
}

async function checkAndDownload(updater: UpdaterLike) {
  const events: UpdaterEvent[] = []
  const watching = watchUpdater(updater, (event) => events.push(event))
  try {
    const result = await updater.checkForUpdates()
    const files = (await result?.downloadPromise) ?? []
    return { result, files, events }
  } finally {
    watching.dispose()
  }
}

describe('the update feed electron-builder writes', () => {
  it('has a file per channel; a stable release is listed for beta users too', () => {
    const latest = readFileSync(path.join(feedDirectory, 'latest-linux.yml'), 'utf8')
    expect(latest).toMatch(/^version: 0\.2\.0$/m)
    const sha512 = createHash('sha512').update(appImage('0.2.0')).digest('base64')
    expect(latest).toContain(`url: vod-downloader-0.2.0-x86_64.AppImage`)
    expect(latest).toContain(`sha512: ${sha512}`)
    // generateUpdatesFilesForAllChannels: 0.2.0 also wrote beta-linux.yml, which the newer beta
    // release then replaced.
    expect(readFileSync(path.join(feedDirectory, 'beta-linux.yml'), 'utf8')).toMatch(
      /^version: 0\.3\.0-beta\.1$/m,
    )
  })

  it('is found from the app-update.yml electron-builder puts in the installed app', () => {
    expect(readBuiltInFeedUrl(resources)).toBe(feedUrl)
    expect(readPackageType(resources)).toBe('deb')
    expect(resolveUpdateFeed({ environment: undefined, setting: null, builtIn: feedUrl })).toEqual({
      kind: 'feed',
      url: feedUrl,
      source: 'built-in',
    })
    expect(readBuiltInFeedUrl(path.join(work, 'no-such-folder'))).toBeNull()
  })
})

describe("electron-updater's AppImage updater on this feed, set up by the shell", () => {
  it('stable: finds 0.2.0, downloads it with its checksum checked, and installs it', async () => {
    const running = runningAppImage('stable')
    const updater = appImageUpdater(resources, 'stable')
    configureUpdater(updater, {
      feedUrl,
      channel: 'stable',
      installOnQuit: true,
      log: () => undefined,
    })
    const { result, files, events } = await checkAndDownload(updater)
    expect(result?.updateInfo.version).toBe('0.2.0')
    expect(events.map((event) => event.kind)).toEqual(
      expect.arrayContaining(['checking', 'available', 'downloaded']),
    )
    expect(events).toContainEqual({ kind: 'downloaded', version: '0.2.0' })
    expect(readFileSync(files[0] ?? '', 'utf8')).toBe(appImage('0.2.0').toString())
    expect(requests).toContain('latest-linux.yml')

    // Installing replaces the running AppImage and runs the new one to finish (silent, no restart).
    expect(updater.install(true, false)).toBe(true)
    const installed = path.join(path.dirname(running), 'VOD-Downloader.AppImage')
    expect(readFileSync(installed, 'utf8')).toBe(appImage('0.2.0').toString())
    expect(readFileSync(`${installed}.ran`, 'utf8').trim()).toBe('0.2.0 true true')
  })

  it('beta: reads beta-linux.yml and gets the beta', async () => {
    runningAppImage('beta')
    const updater = appImageUpdater(resources, 'beta')
    configureUpdater(updater, {
      feedUrl,
      channel: 'beta',
      installOnQuit: true,
      log: () => undefined,
    })
    const { result } = await checkAndDownload(updater)
    expect(result?.updateInfo.version).toBe('0.3.0-beta.1')
    expect(requests).toContain('beta-linux.yml')
  })

  it('refuses a download whose bytes do not match the feed', async () => {
    runningAppImage('tampered')
    const updater = appImageUpdater(resources, 'tampered')
    configureUpdater(updater, {
      feedUrl,
      channel: 'stable',
      installOnQuit: true,
      log: () => undefined,
    })
    tamper = true
    try {
      const events: UpdaterEvent[] = []
      const watching = watchUpdater(updater, (event) => events.push(event))
      const result = await updater.checkForUpdates()
      await expect(result?.downloadPromise).rejects.toThrow(/sha512 checksum mismatch/)
      watching.dispose()
      expect(events.at(-1)).toEqual({ kind: 'error' })
      expect(events.some((event) => event.kind === 'downloaded')).toBe(false)
    } finally {
      tamper = false
    }
  })

  it('through the update controller: ready after a check, and installed when the app quits', async () => {
    const running = runningAppImage('controller')
    const updater = appImageUpdater(resources, 'controller')
    const scheduler = new FakeScheduler()
    const ready: string[] = []
    const controller = new UpdateController({
      support: { supported: true },
      feed: resolveUpdateFeed({
        environment: undefined,
        setting: null,
        builtIn: readBuiltInFeedUrl(resources),
      }),
      loadUpdater: () => Promise.resolve(updater),
      preferences: () => ({ enabled: true, channel: 'stable' }),
      onPreferencesChange: () => toDisposable(() => undefined),
      monitor: new DownloadsMonitor(new FakeDownloads()),
      scheduler,
      askRestart: () => Promise.resolve('cancel'),
      prepareRestart: () => Promise.resolve(),
      relaunch: () => undefined,
      notifyReady: (version) => ready.push(version),
      log: () => undefined,
    })
    const done = new Promise<void>((resolve) =>
      controller.onChange((status) => {
        if (status.state === 'ready') resolve()
      }),
    )
    scheduler.advance(60_000)
    await done
    expect(controller.status()).toEqual({
      state: 'ready',
      version: '0.2.0',
      waitingForDownloads: false,
    })
    expect(ready).toEqual(['0.2.0'])
    expect(updater.autoInstallOnAppQuit).toBe(true)
    controller.dispose()

    // electron-updater registered its install-on-quit handler; quitting installs the update.
    const handlers = quitHandlers.get('controller') ?? []
    expect(handlers).toHaveLength(1)
    handlers[0]?.(0)
    expect(readFileSync(running, 'utf8')).toBe(appImage('0.2.0').toString())
    expect(readFileSync(`${running}.ran`, 'utf8').trim()).toBe('0.2.0 true true')
  })
})
