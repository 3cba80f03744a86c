import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { NameConflicts } from '../../../src/shared/contract'
import type { FakeHost, FakeHostOptions } from '../support/fake-host'
import { installLayout } from '../support/layout'
import { renderApp } from '../support/render-app'

let restoreLayout: () => void

beforeEach(() => {
  restoreLayout = installLayout(800)
})

afterEach(() => {
  restoreLayout()
})

const taken: NameConflicts = {
  count: 1,
  replaceable: 0,
  examples: [{ fileName: 'ep1.mp4', holder: 'file' }],
}

const list = [
  'https://partner.example.com/ep1.mp4 ep1.mp4',
  'https://partner.example.com/ep2.mp4 ep2.mp4',
].join('\n')

async function importWithTakenName(settings: FakeHostOptions['settings'] = {}): Promise<FakeHost> {
  const { host } = renderApp({
    initialRoute: { screen: 'downloads' },
    settings,
    beforeRender: (fake) => {
      fake.conflicts = taken
    },
  })
  await screen.findByTestId('downloads-screen')
  fireEvent.change(screen.getByTestId<HTMLInputElement>('downloads-import-input'), {
    target: { files: [new File([list], 'pulls.txt', { type: 'text/plain' })] },
  })
  return host
}

describe('Import list: names already taken', () => {
  it('asks once, sends the list again with the choice, and says what was skipped', async () => {
    const host = await importWithTakenName()
    const dialog = await screen.findByTestId('conflict-dialog')
    expect(dialog.textContent).toContain('A file with this name is already there')
    expect(dialog.textContent).toContain('ep1.mp4')
    // Nothing is added while the question is open.
    expect(host.jobs.size).toBe(0)
    expect(host.callsOf('lists.import')).toHaveLength(1)
    expect(host.callsOf('lists.import')[0]?.conflicts).toBeUndefined()

    fireEvent.click(within(dialog).getByTestId('conflict-choice-skip'))
    fireEvent.click(within(dialog).getByTestId('conflict-continue'))
    const result = await screen.findByTestId('import-result')
    expect(host.callsOf('lists.import')).toHaveLength(2)
    expect(host.callsOf('lists.import')[1]).toEqual({
      fileName: 'pulls.txt',
      text: list,
      conflicts: 'skip',
    })
    expect(within(result).getByTestId('import-added').textContent).toBe(
      '1 download added from pulls.txt.',
    )
    expect(within(result).getByTestId('import-skipped-conflicts').textContent).toBe(
      '1 skipped: the name is taken.',
    )
    expect(screen.queryByTestId('conflict-dialog')).toBeNull()
    // Not remembered unless asked to.
    expect(host.callsOf('settings.update')).toEqual([])
  })

  it('remembers the choice in Settings when asked to, and says so in Chinese', async () => {
    const host = await importWithTakenName({ language: 'zh-CN' })
    const dialog = await screen.findByTestId('conflict-dialog')
    fireEvent.click(within(dialog).getByTestId('conflict-choice-keep-both'))
    fireEvent.click(within(dialog).getByTestId('conflict-remember'))
    fireEvent.click(within(dialog).getByTestId('conflict-continue'))
    const result = await screen.findByTestId('import-result')
    expect(host.callsOf('lists.import')[1]?.conflicts).toBe('keep-both')
    expect(host.callsOf('settings.update')).toEqual([{ nameConflicts: 'keep-both' }])
    expect(host.settings.nameConflicts).toBe('keep-both')
    expect(within(result).getByTestId('import-added').textContent).toBe(
      '已从 pulls.txt 添加 2 个下载，作为一个批次。',
    )
    expect(within(result).getByTestId('import-renamed').textContent).toBe(
      '1 个以编号文件名保存：名称已被占用。',
    )
    await waitFor(() => expect(screen.getAllByTestId('download-row')).toHaveLength(2))
  })

  it('adds nothing when the question is canceled', async () => {
    const host = await importWithTakenName()
    const dialog = await screen.findByTestId('conflict-dialog')
    fireEvent.click(within(dialog).getByTestId('conflict-cancel'))
    await waitFor(() => expect(screen.queryByTestId('conflict-dialog')).toBeNull())
    expect(screen.queryByTestId('import-dialog')).toBeNull()
    expect(host.callsOf('lists.import')).toHaveLength(1)
    expect(host.jobs.size).toBe(0)
  })
})
