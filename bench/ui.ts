/**
 * Measures how the Downloads screen holds up while the engine works hardest on the UI: a batch
 * of thousands of small images from the VOD emulator (the small-file lane runs 16 to 64 files at
 * once, every file sends state events). The headless host runs as its own process, as users
 * start it (`npm run headless`), with the account from the environment; the emulator runs in
 * this process, as a remote service would elsewhere. Debian's Chromium opens the production
 * renderer; in the page a requestAnimationFrame loop records frame intervals and a
 * PerformanceObserver the long tasks (> 50 ms on the main thread). Half-way through, the batch
 * row is expanded so its rows render and update too. Not a test: figures go into the README.
 *
 *   npm run bench:ui [-- --count 5000 --kib 64 --profile expanded.cpuprofile]
 *
 * `--profile` saves a CPU profile of the page while the expanded batch runs (open it in the
 * browser's developer tools) to see where a slow frame goes.
 *
 * Needs the renderer built (`npm run build:renderer`) and Chromium (CHROMIUM_PATH or
 * /usr/bin/chromium).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Page } from 'playwright-core'
import { startEmulator } from '../src/emulator/index'
import type { JobSnapshot } from '../src/shared/jobs'
import { hostRequest } from '../test/e2e/fixtures/app-driver'
import { launchChromium, openPage } from '../test/e2e/fixtures/browser'

const root = resolve(import.meta.dirname, '..')
const rendererDirectory = join(root, 'out', 'renderer')

/** Starts `src/host/cli.ts` and reads the address it prints (the token is in its fragment). */
async function startHostProcess(
  home: string,
  environment: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; origin: string; token: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'src', 'host', 'cli.ts'), '--host-only-print', '--home', home],
    { cwd: root, env: { ...process.env, ...environment }, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const url = await new Promise<string>((resolveUrl, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8')
      const line = output.split('\n').find((candidate) => candidate.includes('#token='))
      if (line) resolveUrl(line.trim())
    })
    child.once('exit', (code) => reject(new Error(`the host exited (${code ?? 'signal'})`)))
  })
  const parsed = new URL(url)
  return { child, url, origin: parsed.origin, token: parsed.hash.replace('#token=', '') }
}

interface FrameFigures {
  frames: number
  p50: number
  p95: number
  p99: number
  max: number
  longTasks: number
  longTaskMs: number
  longestTaskMs: number
}

/**
 * Installed in the page: collects frame intervals and long tasks until `takeFrames` is called.
 * Plain source text, because the TypeScript loader would add helpers a page does not have.
 */
const frameMonitor = `(() => {
  const state = { intervals: [], longTasks: [], last: 0 }
  const frame = (time) => {
    if (state.last !== 0) state.intervals.push(time - state.last)
    state.last = time
    requestAnimationFrame(frame)
  }
  requestAnimationFrame(frame)
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) state.longTasks.push(entry.duration)
  }).observe({ type: 'longtask', buffered: false })
  globalThis.takeFrames = () => {
    const taken = { intervals: state.intervals, longTasks: state.longTasks }
    state.intervals = []
    state.longTasks = []
    return taken
  }
})()`

async function takeFrames(page: Page): Promise<FrameFigures> {
  const taken = await page.evaluate<{ intervals: number[]; longTasks: number[] }>(
    'globalThis.takeFrames()',
  )
  const sorted = [...taken.intervals].sort((a, b) => a - b)
  const at = (fraction: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0
  return {
    frames: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted.at(-1) ?? 0,
    longTasks: taken.longTasks.length,
    longTaskMs: taken.longTasks.reduce((sum, duration) => sum + duration, 0),
    longestTaskMs: Math.max(0, ...taken.longTasks),
  }
}

function describeFrames(label: string, figures: FrameFigures): string {
  const ms = (value: number): string => `${value.toFixed(1)} ms`
  return (
    `| ${label} | ${figures.frames} | ${ms(figures.p50)} | ${ms(figures.p95)} | ` +
    `${ms(figures.p99)} | ${ms(figures.max)} | ${figures.longTasks} (${ms(figures.longTaskMs)}) | ` +
    `${ms(figures.longestTaskMs)} |`
  )
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '5000' },
      kib: { type: 'string', default: '64' },
      profile: { type: 'string' },
    },
  })
  const count = Number(values.count)
  const imageBytes = Number(values.kib) * 1024
  if (!existsSync(join(rendererDirectory, 'index.html'))) {
    throw new Error('build the renderer first: npm run build:renderer')
  }
  const work = mkdtempSync(join(tmpdir(), 'vod-bench-ui-'))
  const emulator = await startEmulator({ extraImages: count, extraImageBytes: imageBytes })
  const host = await startHostProcess(join(work, 'data'), {
    ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.accessKeySecret,
    VOD_ENDPOINT: emulator.endpoint,
  })
  const browser = await launchChromium()
  try {
    const request = <Name extends Parameters<typeof hostRequest>[2]>(
      name: Name,
      input: Parameters<typeof hostRequest<Name>>[3],
    ) => hostRequest(host.origin, host.token, name, input)
    await request('settings.update', { downloadDirectory: join(work, 'downloads') })
    const { page } = await openPage(browser, host.url)
    await page.getByTestId('app-shell').waitFor()
    await page.getByTestId('nav-downloads').click()
    await page.getByTestId('downloads-screen').waitFor()
    await page.evaluate(frameMonitor)
    // One second of the idle screen, as the baseline.
    await page.waitForTimeout(1000)
    const idle = await takeFrames(page)

    const images = emulator.library.images.filter((image) => image.tags.includes('generated'))
    const started = performance.now()
    await request('downloads.enqueue', {
      items: images.map((image) => ({
        reference: { mediaId: image.id, mediaType: 'image', kind: 'image', outputType: 'cdn' },
      })),
    })
    // The new jobs reach the window as `jobs.changed` events, 250 per 100 ms after the answer;
    // the frames from the request until they have all arrived hold any hitch of their arrival.
    await page.waitForTimeout(2500)
    const arrival = await takeFrames(page)
    const finished = (jobs: JobSnapshot[]): number =>
      jobs.filter((job) => job.state === 'completed' || job.state === 'failed').length
    let expanded = false
    const profiler = values.profile ? await page.context().newCDPSession(page) : undefined
    if (profiler) await profiler.send('Profiler.enable')
    let collapsed: FrameFigures | undefined
    let halfSeconds = 0
    let done = 0
    while (done < images.length) {
      await page.waitForTimeout(250)
      done = finished(await request('downloads.list', {}))
      if (!expanded && done >= images.length / 2) {
        collapsed = await takeFrames(page)
        halfSeconds = (performance.now() - started) / 1000
        await page.getByTestId('download-batch-toggle').click()
        expanded = true
        if (profiler) await profiler.send('Profiler.start')
      }
    }
    const seconds = (performance.now() - started) / 1000
    if (profiler && values.profile) {
      const { profile } = await profiler.send('Profiler.stop')
      writeFileSync(values.profile, JSON.stringify(profile))
    }
    const open = await takeFrames(page)
    const rows = await page.getByTestId('download-row').count()
    const failed = (await request('downloads.list', {})).filter(
      (job) => job.state === 'failed',
    ).length

    console.log(
      [
        `${images.length} images × ${values.kib} KiB from the VOD emulator through the headless host: ` +
          `${seconds.toFixed(2)} s (${(images.length / seconds).toFixed(0)} files/s), ${failed} failed; ` +
          `the first half (row collapsed) ${halfSeconds.toFixed(2)} s, the second (row expanded) ` +
          `${(seconds - halfSeconds).toFixed(2)} s; ` +
          `${rows} row elements in the DOM with the batch expanded.`,
        '',
        '| Downloads screen | frames | p50 | p95 | p99 | worst | long tasks (total) | longest task |',
        '|---|---|---|---|---|---|---|---|',
        describeFrames('idle, before the batch', idle),
        describeFrames(`${images.length} jobs arrive (request + 2.5 s)`, arrival),
        describeFrames('batch running, row collapsed', collapsed ?? open),
        describeFrames('batch running, row expanded', open),
      ].join('\n'),
    )
  } finally {
    await browser.close()
    const exited = new Promise((resolveExit) => host.child.once('exit', resolveExit))
    host.child.kill('SIGTERM')
    await exited
    await emulator.close()
    rmSync(work, { recursive: true, force: true })
  }
}

await main()
