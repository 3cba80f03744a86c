import { fireEvent, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { mediaStatusLabel } from '../../../src/renderer/src/components/media-status'
import { StatusMessage } from '../../../src/renderer/src/components/StatusMessage'
import { Thumbnail } from '../../../src/renderer/src/components/Thumbnail'
import { en } from '../../../src/renderer/src/i18n/en'
import { formatMessage, type MessageKey } from '../../../src/renderer/src/i18n/messages'
import { renderWithLanguage } from '../support/render-app'

describe('Thumbnail', () => {
  it('falls back to the placeholder when the image fails (an expired signed URL)', () => {
    const { container } = renderWithLanguage(
      <Thumbnail src="https://cdn.example/cover.jpg?auth_key=1-0-0-x" alt="" placeholder="Video" />,
    )
    const image = container.querySelector('img')
    expect(image?.getAttribute('src')).toContain('cover.jpg')
    fireEvent.error(image as HTMLImageElement)
    expect(container.querySelector('img')).toBeNull()
    expect(screen.getByText('Video')).toBeTruthy()
  })

  it('shows the placeholder without an image', () => {
    renderWithLanguage(<Thumbnail src={null} alt="" placeholder="Audio" />)
    expect(screen.getByText('Audio')).toBeTruthy()
  })
})

describe('mediaStatusLabel', () => {
  const t = (key: MessageKey) => formatMessage(en[key])
  it('translates known statuses and keeps unknown ones', () => {
    expect(mediaStatusLabel({ t }, 'TranscodeFail')).toBe('Transcoding failed')
    expect(mediaStatusLabel({ t }, 'SomethingNew')).toBe('SomethingNew')
  })
})

describe('StatusMessage', () => {
  it('marks loading as busy and errors as alerts, with an optional action', () => {
    let clicked = 0
    renderWithLanguage(
      <>
        <StatusMessage kind="loading" title="Loading" testId="loading" />
        <StatusMessage
          kind="error"
          title="Broken"
          action={{ label: 'Retry', onClick: () => (clicked += 1) }}
        />
      </>,
    )
    expect(screen.getByTestId('loading').getAttribute('aria-busy')).toBe('true')
    fireEvent.click(screen.getByRole('alert').querySelector('button') as HTMLButtonElement)
    expect(clicked).toBe(1)
  })
})
