import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { referenceKey } from '../../../src/shared/contract'
import { RenditionsTable } from '../../../src/renderer/src/screens/details/RenditionsTable'
import {
  availableDefinitions,
  checkDefinition,
  groupFiles,
} from '../../../src/renderer/src/screens/details/details-selection'
import { makeVideoFiles } from '../support/fixtures'
import { renderWithLanguage } from '../support/render-app'

const { renditions } = groupFiles(makeVideoFiles('m1'))

function rowFor(definition: string, format: string): HTMLElement {
  const row = screen
    .getAllByTestId('rendition-row')
    .find(
      (element) => element.dataset.definition === definition && element.dataset.format === format,
    )
  if (!row) throw new Error(`no row ${definition} ${format}`)
  return row
}

describe('RenditionsTable', () => {
  it('lists definition, format, resolution, bitrate and size', () => {
    renderWithLanguage(
      <RenditionsTable files={renditions} checked={new Set()} onToggle={vi.fn()} />,
    )
    const row = rowFor('SD', 'mp4')
    expect(row.textContent).toContain('1280×720')
    expect(row.textContent).toContain('2.0 Mbps')
    expect(row.textContent).toContain('200 MB')
  })

  it('badges encryption and explains why a stream is not downloadable', () => {
    renderWithLanguage(
      <RenditionsTable files={renditions} checked={new Set()} onToggle={vi.fn()} />,
    )
    const plain = within(rowFor('HD', 'mp4')).getByTestId('encryption-badge')
    expect(plain.dataset.encryption).toBe('none')
    expect(within(plain).queryByTestId('encryption-reason')).toBeNull()

    const hls = within(rowFor('HD', 'm3u8')).getByTestId('encryption-badge')
    expect(hls.textContent).toContain('HLS AES-128')
    expect(within(hls).queryByTestId('encryption-reason')).toBeNull()

    const proprietaryRow = rowFor('SD', 'm3u8')
    const proprietary = within(proprietaryRow).getByTestId('encryption-badge')
    expect(proprietary.textContent).toContain('Alibaba Cloud encryption')
    expect(within(proprietary).getByTestId('encryption-reason').textContent).toContain(
      'plays only in the Aliyun player',
    )
    const checkbox = within(proprietaryRow).getByTestId<HTMLInputElement>('rendition-checkbox')
    expect(checkbox.disabled).toBe(true)
  })

  it('explains the reason in Chinese too', () => {
    renderWithLanguage(
      <RenditionsTable files={renditions} checked={new Set()} onToggle={vi.fn()} />,
      'zh-CN',
    )
    expect(within(rowFor('SD', 'm3u8')).getByTestId('encryption-reason').textContent).toContain(
      '只能在阿里云播放器中播放',
    )
    expect(within(rowFor('HD', 'm3u8')).getByTestId('encryption-badge').textContent).toContain(
      'HLS 标准加密',
    )
  })

  it('reports toggles and shows checked files', () => {
    const onToggle = vi.fn()
    const hd = renditions.find((file) => file.definition === 'HD' && file.format === 'mp4')
    if (!hd) throw new Error('fixture')
    renderWithLanguage(
      <RenditionsTable
        files={renditions}
        checked={new Set([referenceKey(hd.reference)])}
        onToggle={onToggle}
      />,
    )
    const checkbox = within(rowFor('HD', 'mp4')).getByTestId<HTMLInputElement>('rendition-checkbox')
    expect(checkbox.checked).toBe(true)
    fireEvent.click(within(rowFor('SD', 'mp4')).getByTestId('rendition-checkbox'))
    expect(onToggle).toHaveBeenCalledWith(
      expect.objectContaining({ definition: 'SD', format: 'mp4' }),
    )
  })

  it('shows an empty state without renditions', () => {
    renderWithLanguage(<RenditionsTable files={[]} checked={new Set()} onToggle={vi.fn()} />)
    expect(screen.getByTestId('renditions-empty')).toBeTruthy()
  })
})

describe('quality selection', () => {
  it('offers only definitions with a downloadable stream and checks all of them', () => {
    expect(availableDefinitions(renditions)).toEqual(['HD', 'SD'])
    const checked = checkDefinition(new Set(), renditions, 'SD')
    // SD mp4 only: the SD m3u8 is proprietary-encrypted.
    expect([...checked]).toEqual(
      renditions
        .filter((file) => file.definition === 'SD' && file.downloadable)
        .map((file) => referenceKey(file.reference)),
    )
  })
})
