import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { toErrorData } from '../../../src/shared/errors'
import {
  describeRestoreWait,
  isRestoreWait,
} from '../../../src/renderer/src/components/restore-wait'
import { en } from '../../../src/renderer/src/i18n/en'
import { formatMessage, type MessageKey } from '../../../src/renderer/src/i18n/messages'
import { zhCN } from '../../../src/renderer/src/i18n/zh-CN'
import { BatchRestoreField } from '../../../src/renderer/src/screens/batch/BatchRestoreField'
import { RestoreDialog } from '../../../src/renderer/src/screens/details/RestoreDialog'
import { SourceFileCard } from '../../../src/renderer/src/screens/details/SourceFileCard'
import { makeFile, makeJob, makeReference } from '../support/fixtures'
import { renderApp, renderWithLanguage } from '../support/render-app'

/** Archived sources in the window: the source card, the restore dialog, the batch and the row. */

function archivedSource(
  archive: NonNullable<Parameters<typeof makeFile>[0]>['archive'],
  downloadable = false,
) {
  return makeFile({
    reference: makeReference({ kind: 'source', definition: undefined, format: undefined }),
    label: 'master.mov',
    suggestedName: 'master.mov',
    downloadable,
    reason: downloadable ? null : toErrorData('Archived'),
    archive,
  })
}

const frozen = {
  storageClass: 'ColdArchive',
  restoreStatus: null,
  restoreExpiration: null,
  restorable: true,
}

describe('an archived source in Details', () => {
  it('says it is in archive storage and offers the restore, in both languages', () => {
    const restoreAction = vi.fn(() => <button data-testid="restore-and-download">restore</button>)
    renderWithLanguage(
      <SourceFileCard
        file={archivedSource(frozen)}
        checked={new Set()}
        onToggle={vi.fn()}
        restoreAction={restoreAction}
      />,
    )
    expect(screen.getByTestId('source-archive').textContent).toBe(
      'In Cold Archive: restore it before downloading',
    )
    expect(screen.getByTestId<HTMLInputElement>('source-checkbox').disabled).toBe(true)
    expect(screen.getByTestId('details-source').textContent).toContain('--restore')
    expect(restoreAction).toHaveBeenCalledTimes(1)
    screen.getByTestId('restore-and-download')
  })

  it('shows a restore that is running', () => {
    renderWithLanguage(
      <SourceFileCard
        file={archivedSource({ ...frozen, restoreStatus: 'Processing' })}
        checked={new Set()}
        onToggle={vi.fn()}
      />,
      'zh-CN',
    )
    expect(screen.getByTestId('source-archive').textContent).toBe('位于冷归档存储：正在解冻')
  })

  it('shows a restored copy as downloadable until its expiry', () => {
    renderWithLanguage(
      <SourceFileCard
        file={archivedSource(
          {
            storageClass: 'SourceArchive',
            restoreStatus: 'Success',
            restoreExpiration: '2026-12-09T10:00:00Z',
            restorable: false,
          },
          true,
        )}
        checked={new Set()}
        onToggle={vi.fn()}
      />,
    )
    expect(screen.getByTestId('source-archive').textContent).toMatch(
      /^Restored from Archive \(source file only\), readable until 2026-12-09 \d\d:00$/,
    )
    expect(screen.getByTestId<HTMLInputElement>('source-checkbox').disabled).toBe(false)
  })
})

describe('the restore dialog', () => {
  it('asks a Cold Archive restore for its priority and days, with the cost', () => {
    const onConfirm = vi.fn()
    renderWithLanguage(
      <RestoreDialog
        name="master.mov"
        storageClass="ColdArchive"
        busy={false}
        onConfirm={onConfirm}
        onClose={vi.fn()}
      />,
    )
    const dialog = screen.getByTestId('restore-dialog')
    expect(dialog.textContent).toContain('master.mov is in Cold Archive')
    expect(screen.getByTestId('restore-cost').textContent).toContain('billed as data retrieval')
    fireEvent.click(screen.getByLabelText('Expedited: within 1 hour'))
    fireEvent.change(screen.getByLabelText('Readable for (days)'), { target: { value: '30' } })
    fireEvent.click(screen.getByTestId('restore-confirm'))
    expect(onConfirm).toHaveBeenCalledWith({ tier: 'Expedited', days: 30 })
  })

  it('has no priority for Archive and keeps days within 7', () => {
    const onConfirm = vi.fn()
    renderWithLanguage(
      <RestoreDialog
        name="master.mov"
        storageClass="SourceArchive"
        busy={false}
        onConfirm={onConfirm}
        onClose={vi.fn()}
      />,
      'zh-CN',
    )
    expect(screen.queryByTestId('restore-tier')).toBeNull()
    expect(screen.getByTestId('restore-dialog').textContent).toContain('归档存储的解冻约需 1 分钟')
    fireEvent.change(screen.getByLabelText('可读取天数'), { target: { value: '8' } })
    expect(screen.getByTestId<HTMLButtonElement>('restore-confirm').disabled).toBe(true)
    fireEvent.change(screen.getByLabelText('可读取天数'), { target: { value: '7' } })
    fireEvent.click(screen.getByTestId('restore-confirm'))
    expect(onConfirm).toHaveBeenCalledWith({ tier: 'Standard', days: 7 })
  })
})

describe('a batch with archived sources', () => {
  it('skips them unless the restore is switched on, then sends its options', () => {
    const onChange = vi.fn()
    const view = renderWithLanguage(
      <BatchRestoreField archived={2} value={null} onChange={onChange} />,
    )
    expect(screen.getByTestId('batch-restore-skipped').textContent).toBe(
      '2 sources are in archive storage: they are skipped unless they are restored first.',
    )
    fireEvent.click(screen.getByTestId('batch-restore-toggle'))
    expect(onChange).toHaveBeenLastCalledWith({ tier: 'Standard', days: 1 })
    view.rerender(
      <BatchRestoreField archived={2} value={{ tier: 'Standard', days: 1 }} onChange={onChange} />,
    )
    fireEvent.change(screen.getByTestId('batch-restore-tier'), { target: { value: 'Bulk' } })
    expect(onChange).toHaveBeenLastCalledWith({ tier: 'Bulk', days: 1 })
    expect(screen.getByTestId('batch-restore-cost').textContent).toContain('data retrieval')
  })

  it('shows nothing when no source of the selection is archived', () => {
    renderWithLanguage(<BatchRestoreField archived={0} value={null} onChange={vi.fn()} />)
    expect(screen.queryByTestId('batch-restore')).toBeNull()
  })
})

describe('a download waiting for its restore', () => {
  const translate =
    (catalogue: Record<string, string>) =>
    (key: MessageKey, params?: Record<string, string | number>) =>
      formatMessage(catalogue[key] ?? key, params)
  const waiting = makeJob({
    state: 'retrying',
    nextAttemptAt: 45_000,
    error: toErrorData('RestorePending', 'm1 source: ColdArchive, restore requested, tier Bulk'),
    source: {
      kind: 'vod',
      reference: { ...makeReference({ kind: 'source' }), restore: { tier: 'Bulk', days: 2 } },
    },
  })

  it('says it is being restored, with the priority and when it is looked at next', () => {
    expect(isRestoreWait(waiting)).toBe(true)
    expect(describeRestoreWait({ t: translate(en) }, waiting, 30_000)).toBe(
      'Restoring from archive (Bulk) · next check in 15 s',
    )
    expect(describeRestoreWait({ t: translate(zhCN) }, waiting, 30_000)).toBe(
      '正在从归档存储解冻（批量）· 下次检查：15 秒后',
    )
    const later = { ...waiting, nextAttemptAt: 30_000 + 20 * 60_000 }
    expect(describeRestoreWait({ t: translate(en) }, later, 30_000)).toMatch(
      /^Restoring from archive \(Bulk\) · next check at \d{4}-\d\d-\d\d \d\d:\d\d$/,
    )
    // Archive (not Cold Archive) has no priority to name.
    const archive = {
      ...waiting,
      error: toErrorData('RestorePending', 'm1 source: SourceArchive, restore requested'),
    }
    expect(describeRestoreWait({ t: translate(en) }, archive, 30_000)).toBe(
      'Restoring from archive · next check in 15 s',
    )
    expect(isRestoreWait({ ...waiting, error: toErrorData('NetworkError') })).toBe(false)
  })
})

describe('Details of a video whose source is in archive storage', () => {
  it('offers "Restore and download" and queues the source with the chosen restore', async () => {
    const { host } = renderApp({
      initialRoute: { screen: 'details', mediaId: 'media-3', mediaType: 'video' },
      beforeRender: (fake) => {
        const details = fake.handlers['media.details']
        fake.handlers['media.details'] = async (input) => {
          const result = await details(input)
          return {
            ...result,
            files: result.files.map((file) =>
              file.kind === 'source'
                ? { ...file, downloadable: false, reason: toErrorData('Archived'), archive: frozen }
                : file,
            ),
          }
        }
      },
    })
    fireEvent.click(await screen.findByTestId('restore-and-download'))
    fireEvent.click(screen.getByLabelText('Expedited: within 1 hour'))
    fireEvent.click(screen.getByTestId('restore-confirm'))
    await waitFor(() => expect(host.callsOf('downloads.enqueue')).toHaveLength(1))
    const [input] = host.callsOf('downloads.enqueue')
    expect(input?.restore).toEqual({ tier: 'Expedited', days: 1 })
    expect(input?.items.map((item) => item.reference.kind)).toEqual(['source'])
  })
})
