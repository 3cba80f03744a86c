import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react'
import {
  referenceKey,
  type DownloadableFile,
  type MediaDetailsResult,
  type MediaType,
} from '../../../../shared/contract'
import type { ErrorData } from '../../../../shared/errors'
import { formatBytes } from '../../../../shared/format'
import type { AddressType } from '../../../../shared/vod'
import { errorDataOf } from '../../api/api-client'
import { useApi } from '../../api/api-context'
import { ErrorNotice } from '../../components/ErrorNotice'
import { StatusMessage } from '../../components/StatusMessage'
import { useI18n } from '../../i18n/i18n-context'
import { useAccountRevision, useSettings } from '../../store/app-state-context'
import { useJobsStore } from '../../store/jobs-store-context'
import { AddressTypeField } from './AddressTypeField'
import { CopyAddressButton } from './CopyAddressButton'
import {
  availableDefinitions,
  checkDefinition,
  checkedDefinition,
  groupFiles,
  hdrTypesByDefinition,
  toggleFile,
} from './details-selection'
import { FileJobStatus } from './FileJobStatus'
import { MediaMetadata } from './MediaMetadata'
import { RenditionsTable } from './RenditionsTable'
import { RestoreAction } from './RestoreAction'
import { SourceFileCard } from './SourceFileCard'
import { ThumbnailStrip } from './ThumbnailStrip'
import { UnavailableParts } from './UnavailableParts'
import { useQueueDownloads } from '../downloads/use-queue-downloads'
import './details.css'

export interface DetailsScreenProps {
  mediaId: string
  mediaType: MediaType
  onBack: () => void
  onOpenSettings: () => void
  onShowDownloads: () => void
}

type Loaded = { key: string; result: MediaDetailsResult | null; error: ErrorData | null }

function detailsKey(mediaType: MediaType, mediaId: string, attempt: number): string {
  return `${mediaType}:${mediaId}#${attempt}`
}

function statusFor(file: DownloadableFile): ReactNode {
  return <FileJobStatus reference={file.reference} />
}

/** One media item: metadata, every downloadable file, what to download and from where. */
export function DetailsScreen(props: DetailsScreenProps): ReactNode {
  const client = useApi()
  const store = useJobsStore()
  const [settings] = useSettings()
  const { t, tn, errorMessage } = useI18n()
  const qualityId = useId()
  const { queue: queueDownloads, dialog: conflictDialog } = useQueueDownloads(props.onShowDownloads)
  const heading = useRef<HTMLHeadingElement>(null)
  const [attempt, setAttempt] = useState(0)
  const accountRevision = useAccountRevision()
  const [seenRevision, setSeenRevision] = useState(accountRevision)
  const { mediaId, mediaType } = props
  const key = detailsKey(mediaType, mediaId, attempt)
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [checked, setChecked] = useState<{ key: string; files: ReadonlySet<string> }>({
    key,
    files: new Set(),
  })
  const [addressType, setAddressType] = useState<AddressType | null>(null)
  const [submitting, setSubmitting] = useState(false)

  if (checked.key !== key) setChecked({ key, files: new Set() })
  const checkedFiles = checked.key === key ? checked.files : new Set<string>()

  useEffect(() => {
    let disposed = false
    const requestKey = detailsKey(mediaType, mediaId, attempt)
    client
      .request('media.details', { mediaId, mediaType })
      .then((result) => {
        if (disposed) return
        // The answer carries this item's jobs; older snapshots are ignored by the store.
        store.applyChanged(result.downloads)
        setLoaded({ key: requestKey, result, error: null })
      })
      .catch((error: unknown) => {
        if (!disposed) setLoaded({ key: requestKey, result: null, error: errorDataOf(error) })
      })
    return () => {
      disposed = true
    }
  }, [client, store, mediaId, mediaType, attempt])

  const current = loaded?.key === key ? loaded : null
  // An account change while this shows an error (fixed credentials) tries again.
  if (seenRevision !== accountRevision) {
    setSeenRevision(accountRevision)
    if (current?.error) setAttempt((value) => value + 1)
  }

  // Focus moves to the screen's heading, so keyboard users start here, and Esc goes back.
  useEffect(() => {
    heading.current?.focus()
  }, [])
  const { onBack } = props
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented) return
      // A dialog or an open notice above the screen takes its own Esc.
      if (event.target instanceof Element && event.target.closest('[role="dialog"]')) return
      event.preventDefault()
      onBack()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [onBack])
  const groups = useMemo(() => groupFiles(current?.result?.files ?? []), [current])
  const definitions = useMemo(() => availableDefinitions(groups.renditions), [groups])
  const hdrTypes = useMemo(() => hdrTypesByDefinition(groups.renditions), [groups])
  const selectedFiles = (current?.result?.files ?? []).filter((file) =>
    checkedFiles.has(referenceKey(file.reference)),
  )
  const selectedBytes = selectedFiles.reduce((sum, file) => sum + (file.size ?? 0), 0)
  // HLS AES-128 keys are usually served only with an MtsHlsUriToken: say so before queueing.
  const hlsTokenMissing = !settings.mtsHlsUriTokenConfigured
  const needsToken = (file: DownloadableFile): boolean =>
    hlsTokenMissing && file.downloadable && file.encryption === 'hls-standard'
  const tokenDefinitions = new Set(
    groups.renditions.filter(needsToken).map((file) => file.definition ?? ''),
  )
  const unknownSizes = selectedFiles.filter((file) => file.size === null).length
  // Each file: its download state, and "Copy address" for pasting into another tool.
  const fileActions = (file: DownloadableFile): ReactNode => (
    <>
      {statusFor(file)}
      <CopyAddressButton file={file} addressType={addressType} />
    </>
  )

  function update(files: ReadonlySet<string>): void {
    setChecked({ key, files })
  }

  async function download(): Promise<void> {
    if (selectedFiles.length === 0 || submitting) return
    setSubmitting(true)
    try {
      // Says "2 added, 1 already downloaded", and asks first when a file name is taken.
      const result = await queueDownloads((conflicts) =>
        client.request('downloads.enqueue', {
          items: selectedFiles.map((file) => ({ reference: file.reference })),
          ...(addressType ? { addressType } : {}),
          ...(conflicts ? { conflicts } : {}),
        }),
      )
      if (result) update(new Set())
    } finally {
      setSubmitting(false)
    }
  }

  let body: ReactNode
  // The action bar sits below the scrolling content, never over it (at 1024 px a sticky bar hid
  // the captions of the thumbnails it floated over).
  let actionBar: ReactNode = null
  if (!current) {
    body = <StatusMessage kind="loading" title={t('details.loading')} testId="details-loading" />
  } else if (!current.result) {
    body = current.error && (
      <ErrorNotice
        error={current.error}
        onRetry={() => setAttempt((value) => value + 1)}
        onOpenSettings={props.onOpenSettings}
        testId="details-error"
      />
    )
  } else {
    const { media, warnings, unavailable } = current.result
    actionBar = (
      <div className="action-bar">
        {selectedFiles.some(needsToken) && (
          <span className="action-bar__warning" data-testid="details-hls-token-warning">
            {t('details.hlsTokenWarning')}{' '}
            <button
              type="button"
              className="button button--small"
              onClick={props.onOpenSettings}
              data-testid="details-hls-token-settings"
            >
              {t('action.openSettings')}
            </button>
          </span>
        )}
        <span data-testid="details-selection-summary">
          {tn('details.selectionSummary', selectedFiles.length, {
            size: formatBytes(selectedBytes),
          })}
          {unknownSizes > 0 && ` ${t('batch.unknownSizes', { count: unknownSizes })}`}
        </span>
        {/* aria-disabled, not disabled: after a download clears the selection, focus stays here. */}
        <button
          type="button"
          className="button button--primary"
          aria-disabled={selectedFiles.length === 0 || submitting}
          onClick={() => void download()}
          data-testid="details-download"
        >
          {t('details.download')}
        </button>
      </div>
    )
    const pictured = groups.images.find(
      (file) =>
        (file.kind === 'image' || file.kind === 'image-original') &&
        (file.width ?? 0) > 0 &&
        (file.height ?? 0) > 0,
    )
    body = (
      <>
        <h2 className="details__title" data-testid="details-title">
          {media.title || media.mediaId}
        </h2>
        <MediaMetadata
          media={media}
          dimensions={
            pictured ? { width: pictured.width ?? 0, height: pictured.height ?? 0 } : null
          }
        />
        {warnings.map((warning, index) => (
          <p key={index} className="warning" role="status" data-testid="details-warning">
            {errorMessage(warning)}
          </p>
        ))}
        <UnavailableParts parts={unavailable} />
        {props.mediaType !== 'image' && (
          <section aria-labelledby="details-source-heading">
            <h3 id="details-source-heading">{t('details.source')}</h3>
            <SourceFileCard
              file={groups.source}
              checked={checkedFiles}
              onToggle={(file) => update(toggleFile(checkedFiles, file))}
              statusFor={fileActions}
              restoreAction={(file) => (
                <RestoreAction file={file} onShowDownloads={props.onShowDownloads} />
              )}
            />
          </section>
        )}
        {props.mediaType !== 'image' && (
          <section aria-labelledby="details-renditions-heading">
            <div className="section-header">
              <h3 id="details-renditions-heading">{t('details.renditions')}</h3>
              <label className="field field--inline" htmlFor={qualityId}>
                <span>{t('details.quality')}</span>
                <select
                  id={qualityId}
                  className="input"
                  value={checkedDefinition(checkedFiles, groups.renditions)}
                  onChange={(event) =>
                    update(checkDefinition(checkedFiles, groups.renditions, event.target.value))
                  }
                  disabled={definitions.length === 0}
                  data-testid="quality-select"
                >
                  <option value="">{t('details.qualityNone')}</option>
                  {definitions.map((definition) => (
                    <option key={definition} value={definition}>
                      {qualityLabel(
                        tokenDefinitions.has(definition)
                          ? t('details.qualityNeedsToken', { definition })
                          : definition,
                        hdrTypes.get(definition),
                        (quality, hdr) => t('details.qualityWithHdr', { quality, hdr }),
                      )}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <RenditionsTable
              files={groups.renditions}
              checked={checkedFiles}
              onToggle={(file) => update(toggleFile(checkedFiles, file))}
              statusFor={fileActions}
              mediaStatus={media.status}
              hlsTokenMissing={hlsTokenMissing}
            />
          </section>
        )}
        <section aria-labelledby="details-images-heading">
          <h3 id="details-images-heading">
            {props.mediaType === 'image' ? t('details.imageFiles') : t('details.images')}
          </h3>
          {props.mediaType === 'image' && (
            <p className="hint" data-testid="details-image-kinds">
              {t('details.imageKindsHint')}
            </p>
          )}
          <ThumbnailStrip
            files={groups.images}
            checked={checkedFiles}
            onToggle={(file) => update(toggleFile(checkedFiles, file))}
            actionFor={(file) => <CopyAddressButton file={file} addressType={addressType} />}
          />
        </section>
        <AddressTypeField
          value={addressType}
          defaultType={settings.defaultAddressType}
          onChange={setAddressType}
        />
      </>
    )
  }

  return (
    <section
      className="screen screen--details"
      data-testid="details-screen"
      aria-labelledby="details-heading"
    >
      <div className="screen__header">
        <button type="button" className="button" onClick={props.onBack} data-testid="details-back">
          {t('action.back')}
        </button>
        <h1 id="details-heading" className="screen__title" tabIndex={-1} ref={heading}>
          {t('details.heading')}
        </h1>
      </div>
      <div className="screen__scroll" data-testid="details-body">
        {body}
      </div>
      {actionBar}
      {conflictDialog}
    </section>
  )
}

/** A quality's label with the HDR types of its renditions (`HD · HDR10`), if any. */
function qualityLabel(
  quality: string,
  hdrTypes: readonly string[] | undefined,
  withHdr: (quality: string, hdr: string) => string,
): string {
  return hdrTypes && hdrTypes.length > 0 ? withHdr(quality, hdrTypes.join('/')) : quality
}
