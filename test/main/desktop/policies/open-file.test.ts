import { describe, expect, it } from 'vitest'
import {
  executableExtensionOf,
  needsOpenConfirmation,
  openConfirmation,
} from '../../../../src/main/desktop/policies/open-file'

describe('executableExtensionOf', () => {
  it('flags programs, scripts, installers and shortcuts of every platform', () => {
    const risky = [
      'setup.exe', 'setup.msi', 'run.bat', 'run.cmd', 'x.com', 'x.ps1', 'x.psm1', 'x.vbs',
      'x.js', 'x.jse', 'x.wsf', 'x.lnk', 'x.scr', 'x.pif', 'x.reg', 'x.hta', 'x.cpl',
      'Tool.app', 'x.command', 'x.sh', 'x.desktop', 'x.jar', 'x.AppImage', 'x.deb', 'x.rpm',
      'x.pkg', 'x.dmg', 'x.iso', 'x.url', 'x.webloc',
    ] // prettier-ignore
    for (const name of risky) expect(executableExtensionOf(name), name).not.toBeNull()
  })

  it('looks at the last extension only, in any case', () => {
    expect(executableExtensionOf('clip.mp4.exe')).toBe('exe')
    expect(executableExtensionOf('CLIP.MP4.EXE')).toBe('exe')
    expect(executableExtensionOf('installer.exe.mp4')).toBeNull()
  })

  it('sees through what Windows ignores when it opens a file', () => {
    expect(executableExtensionOf('clip.exe.')).toBe('exe')
    expect(executableExtensionOf('clip.exe . .')).toBe('exe')
    expect(executableExtensionOf('clip.exe::$DATA')).toBe('exe')
    expect(executableExtensionOf('.exe')).toBe('exe')
  })

  it('reads the file name of a whole path on any platform', () => {
    expect(executableExtensionOf('D:\\Media\\Show\\x.mp4.bat')).toBe('bat')
    expect(executableExtensionOf('/Users/a/Show.app/x.mp4')).toBeNull()
    expect(executableExtensionOf('/home/a/x.sh/clip.mov')).toBeNull()
  })

  it('lets media, images, documents and names without an extension through', () => {
    for (const name of ['master.mov', 'a.mp4', 'a.m3u8', 'cover.jpg', 'notes.pdf', 'README', 'a.'])
      expect(executableExtensionOf(name), name).toBeNull()
  })
})

describe('needsOpenConfirmation', () => {
  it('asks for a dangerous type, or any file with an execute bit', () => {
    expect(needsOpenConfirmation({ filePath: '/d/a.mp4', executableBit: false })).toBe(false)
    expect(needsOpenConfirmation({ filePath: '/d/a.mp4', executableBit: true })).toBe(true)
    expect(needsOpenConfirmation({ filePath: '/d/a.mp4.sh', executableBit: false })).toBe(true)
  })
})

describe('openConfirmation', () => {
  it('names the file, and cancelling is the default and the escape answer', () => {
    const english = openConfirmation('clip.mp4.exe', 'en')
    expect(english).toMatchObject({
      message: '“clip.mp4.exe” is a program, script or installer.',
      buttons: ['Open anyway', 'Cancel'],
      openId: 0,
      defaultId: 1,
      cancelId: 1,
    })
    expect(openConfirmation('clip.mp4.exe', 'zh-CN')).toMatchObject({
      message: '“clip.mp4.exe”是程序、脚本或安装包。',
      buttons: ['仍然打开', '取消'],
      defaultId: 1,
    })
  })
})
