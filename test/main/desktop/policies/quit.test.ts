import { describe, expect, it } from 'vitest'
import {
  decideQuit,
  quitConfirmation,
  systemQuitTimeoutMs,
} from '../../../../src/main/desktop/policies/quit'

describe('decideQuit', () => {
  it('proceeds when nothing runs or the quit was approved', () => {
    expect(decideQuit({ source: 'user', runningJobs: 0, approved: false })).toEqual({
      kind: 'proceed',
    })
    expect(decideQuit({ source: 'user', runningJobs: 3, approved: true })).toEqual({
      kind: 'proceed',
    })
  })

  it('asks the user when downloads run', () => {
    expect(decideQuit({ source: 'user', runningJobs: 3, approved: false })).toEqual({
      kind: 'confirm',
      runningJobs: 3,
    })
  })

  it('never asks during a system shutdown', () => {
    expect(decideQuit({ source: 'system', runningJobs: 3, approved: false })).toEqual({
      kind: 'pause-then-quit',
      timeoutMs: systemQuitTimeoutMs,
    })
  })
})

describe('quitConfirmation', () => {
  it('is localized with the confirming button first', () => {
    expect(quitConfirmation(1, 'en')).toMatchObject({
      message: '1 download is running.',
      defaultId: 0,
      cancelId: 1,
    })
    expect(quitConfirmation(4, 'zh-CN')).toMatchObject({
      message: '有 4 个下载正在进行。',
      buttons: ['停止并退出', '继续下载'],
    })
  })
})
