import { describe, expect, it } from 'vitest'
import type { DownloadsAggregate } from '../../../../src/main/desktop/policies/aggregate'
import {
  buildTrayMenu,
  maximumTooltipLength,
  roundSpeed,
  sameTrayMenu,
  trayIconFile,
  trayIconVariant,
  trayTooltip,
} from '../../../../src/main/desktop/policies/tray-menu'
import type { TrayMenuEntry } from '../../../../src/main/desktop/policies/tray-menu'

function aggregate(patch: Partial<DownloadsAggregate> = {}): DownloadsAggregate {
  return {
    active: 0,
    moving: 0,
    downloading: 0,
    queued: 0,
    paused: 0,
    failed: 0,
    speed: 0,
    doneBytes: 0,
    totalBytes: 0,
    unknownSizeJobs: 0,
    progress: null,
    ...patch,
  }
}

function action(
  entries: TrayMenuEntry[],
  name: string,
): Extract<TrayMenuEntry, { kind: 'action' }> {
  const entry = entries.find((item) => item.kind === 'action' && item.action === name)
  if (!entry || entry.kind !== 'action') throw new Error(`no ${name}`)
  return entry
}

describe('buildTrayMenu', () => {
  it('offers every action, with pause and resume disabled when idle', () => {
    const menu = buildTrayMenu({ aggregate: aggregate(), language: 'en', hasDownloadFolder: true })
    expect(
      menu
        .filter((entry) => entry.kind === 'action')
        .map((entry) => entry.kind === 'action' && entry.action),
    ).toEqual(['show-window', 'pause-all', 'resume-all', 'open-download-folder', 'quit'])
    expect(action(menu, 'show-window').enabled).toBe(true)
    expect(action(menu, 'pause-all').enabled).toBe(false)
    expect(action(menu, 'resume-all').enabled).toBe(false)
    expect(menu).toContainEqual({ kind: 'status', label: 'No active downloads' })
  })

  it('shows a disabled status line with counts and speed while downloading', () => {
    const menu = buildTrayMenu({
      aggregate: aggregate({ active: 3, queued: 5, speed: 12.4 * 1024 * 1024 }),
      language: 'en',
      hasDownloadFolder: true,
    })
    expect(menu).toContainEqual({ kind: 'status', label: '3 downloading, 5 queued · 12 MB/s' })
    expect(action(menu, 'pause-all').enabled).toBe(true)
  })

  it('enables resume when jobs are paused and lists failures, in Chinese', () => {
    const menu = buildTrayMenu({
      aggregate: aggregate({ paused: 2, failed: 1 }),
      language: 'zh-CN',
      hasDownloadFolder: false,
    })
    expect(action(menu, 'resume-all')).toMatchObject({ label: '全部继续', enabled: true })
    expect(action(menu, 'pause-all').enabled).toBe(false)
    expect(action(menu, 'open-download-folder').enabled).toBe(false)
    expect(menu).toContainEqual({ kind: 'status', label: '2 个已暂停' })
    expect(menu).toContainEqual({ kind: 'status', label: '1 个下载失败' })
    expect(action(menu, 'quit').label).toBe('退出 VOD Downloader')
  })

  it('keeps the menu identical across small speed jitter so it is not re-sent', () => {
    const first = buildTrayMenu({
      aggregate: aggregate({ active: 1, speed: 5_010_000 }),
      language: 'en',
      hasDownloadFolder: true,
    })
    const second = buildTrayMenu({
      aggregate: aggregate({ active: 1, speed: 5_030_000 }),
      language: 'en',
      hasDownloadFolder: true,
    })
    const third = buildTrayMenu({
      aggregate: aggregate({ active: 1, speed: 9_000_000 }),
      language: 'en',
      hasDownloadFolder: true,
    })
    expect(sameTrayMenu(first, second)).toBe(true)
    expect(sameTrayMenu(first, third)).toBe(false)
  })
})

describe('roundSpeed', () => {
  it('keeps two significant figures', () => {
    expect(roundSpeed(0)).toBe(0)
    expect(roundSpeed(7)).toBe(7)
    expect(roundSpeed(1234)).toBe(1200)
    expect(roundSpeed(98_765)).toBe(99_000)
  })
})

describe('trayTooltip', () => {
  it('summarizes activity and progress', () => {
    expect(trayTooltip(aggregate(), 'en')).toBe('VOD Downloader')
    expect(trayTooltip(aggregate({ active: 1, speed: 2048, progress: 0.456 }), 'en')).toBe(
      'VOD Downloader — 1 downloading · 2.0 KB/s — 45% done',
    )
    expect(trayTooltip(aggregate({ paused: 3, failed: 2 }), 'zh-CN')).toBe(
      'VOD Downloader — 3 个已暂停 — 2 个下载失败',
    )
  })

  it('never exceeds the Windows tooltip limit', () => {
    const text = trayTooltip(
      aggregate({
        active: 123_456,
        queued: 987_654_321,
        failed: 555_555,
        speed: 1e15,
        progress: 0.5,
      }),
      'en',
    )
    expect(text.length).toBeLessThanOrEqual(maximumTooltipLength)
  })
})

describe('trayIconVariant', () => {
  it('maps progress to quarter rings', () => {
    expect(trayIconVariant(aggregate({ active: 1, progress: 0.1 }))).toBe('progress-0')
    expect(trayIconVariant(aggregate({ active: 1, progress: 0.2 }))).toBe('progress-25')
    expect(trayIconVariant(aggregate({ queued: 1, progress: 0.5 }))).toBe('progress-50')
    expect(trayIconVariant(aggregate({ active: 1, progress: 0.74 }))).toBe('progress-75')
    expect(trayIconVariant(aggregate({ active: 1, progress: 0.95 }))).toBe('progress-100')
  })

  it('uses the indeterminate, error, paused and idle variants', () => {
    expect(trayIconVariant(aggregate({ active: 1, progress: null }))).toBe('active')
    expect(trayIconVariant(aggregate({ active: 1, failed: 1, progress: 0.5 }))).toBe('progress-50')
    expect(trayIconVariant(aggregate({ failed: 1, paused: 1 }))).toBe('error')
    expect(trayIconVariant(aggregate({ paused: 1 }))).toBe('paused')
    expect(trayIconVariant(aggregate())).toBe('idle')
  })

  it('uses template images on macOS', () => {
    expect(trayIconFile('progress-50', 'darwin')).toBe('tray/progress-50Template.png')
    expect(trayIconFile('progress-50', 'win32')).toBe('tray/progress-50.png')
    expect(trayIconFile('idle', 'linux')).toBe('tray/idle.png')
  })
})
