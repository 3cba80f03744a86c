import { describe, expect, it } from 'vitest'
import { TrayController, toMenuTemplate } from '../../../../src/main/desktop/adapters/tray'
import type { TrayAction, TrayMenuEntry } from '../../../../src/main/desktop/policies/tray-menu'
import { buildTrayMenu } from '../../../../src/main/desktop/policies/tray-menu'
import type { DownloadsAggregate } from '../../../../src/main/desktop/policies/aggregate'
import { FakeMenu, FakeTray } from '../fakes/electron'

const idle: DownloadsAggregate = {
  active: 0,
  moving: 0,
  downloading: 0,
  queued: 0,
  paused: 1,
  failed: 0,
  speed: 0,
  doneBytes: 0,
  totalBytes: 0,
  unknownSizeJobs: 0,
  progress: null,
}

function setup(platform: NodeJS.Platform = 'linux') {
  const tray = new FakeTray()
  const actions: TrayAction[] = []
  const controller = new TrayController<FakeMenu>({
    tray,
    buildMenu: (template) => new FakeMenu(template),
    iconPath: (variant) => `/res/tray/${variant}.png`,
    platform,
    onAction: (action) => actions.push(action),
  })
  return { tray, actions, controller }
}

describe('toMenuTemplate', () => {
  it('turns status lines into disabled items and actions into clickable ones', () => {
    const actions: TrayAction[] = []
    const entries: TrayMenuEntry[] = [
      { kind: 'status', label: 'idle' },
      { kind: 'separator' },
      { kind: 'action', action: 'quit', label: 'Quit', enabled: true },
    ]
    const template = toMenuTemplate(entries, (action) => actions.push(action))
    expect(template[0]).toEqual({ label: 'idle', enabled: false })
    expect(template[1]).toEqual({ type: 'separator' })
    new FakeMenu(template).click('Quit')
    expect(actions).toEqual(['quit'])
  })
})

describe('TrayController', () => {
  it('renders the model and routes menu clicks', () => {
    const { tray, actions, controller } = setup()
    controller.render({
      menu: buildTrayMenu({ aggregate: idle, language: 'en', hasDownloadFolder: true }),
      tooltip: 'VOD Downloader',
      icon: 'paused',
    })
    expect(tray.image).toBe('/res/tray/paused.png')
    expect(tray.toolTip).toBe('VOD Downloader')
    tray.menu?.click('Resume all')
    tray.menu?.click('Show VOD Downloader')
    expect(actions).toEqual(['resume-all', 'show-window'])
    expect(() => tray.menu?.click('Pause all')).toThrow('disabled')
  })

  it('only touches what changed, so the Linux menu is not re-sent for nothing', () => {
    const { tray, controller } = setup()
    const menu = buildTrayMenu({ aggregate: idle, language: 'en', hasDownloadFolder: true })
    controller.render({ menu, tooltip: 'a', icon: 'idle' })
    controller.render({ menu: [...menu], tooltip: 'a', icon: 'idle' })
    expect(tray.calls).toEqual(['setImage', 'setToolTip', 'setContextMenu'])
    controller.render({ menu, tooltip: 'b', icon: 'idle' })
    expect(tray.calls.slice(3)).toEqual(['setToolTip'])
  })

  it('opens the window on a left click on Windows only', () => {
    const windows = setup('win32')
    windows.tray.emit('click')
    expect(windows.actions).toEqual(['show-window'])
    const linux = setup('linux')
    expect(linux.tray.listenerCount('click')).toBe(0)
  })

  it('destroys the icon on dispose and ignores later renders', () => {
    const { tray, controller } = setup()
    controller.dispose()
    controller.dispose()
    expect(tray.destroyed).toBe(true)
    controller.render({ menu: [], tooltip: 'x', icon: 'idle' })
    expect(tray.calls).toEqual([])
  })
})
