import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resourcePath } from '../../../src/main/desktop/resources'

describe('resourcePath', () => {
  it('points into the project in development and into the unpacked asar when packaged', () => {
    expect(resourcePath('/projects/app', false, 'tray/idle.png', path.posix)).toBe(
      '/projects/app/resources/tray/idle.png',
    )
    expect(
      resourcePath('/opt/VOD Downloader/resources/app.asar', true, 'tray/idle.png', path.posix),
    ).toBe('/opt/VOD Downloader/resources/app.asar.unpacked/resources/tray/idle.png')
    expect(
      resourcePath('C:\\App\\resources\\app.asar', true, 'icons/256x256.png', path.win32),
    ).toBe('C:\\App\\resources\\app.asar.unpacked\\resources\\icons\\256x256.png')
  })
})
