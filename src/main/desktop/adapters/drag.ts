import type { DragIcon, DragPayload } from '../policies/drag-payload'

/** The part of `NativeImage` the drag needs. */
export interface ImageLike {
  isEmpty(): boolean
}

/** `webContents.startDrag`. */
export interface DragSourceLike<Image> {
  startDrag(item: { file: string; files?: string[]; icon: Image }): void
}

/**
 * Starts a native drag of finished files. The icon is never empty: an empty image crashed macOS
 * (electron/electron PR #8511) and a null one Windows (electron/electron#22721), so a missing
 * resource falls back to a built-in image. Must run while the renderer's `dragstart` is being
 * handled (the renderer calls `event.preventDefault()` and sends the job ids).
 */
export function startDragOut<Image extends ImageLike>(
  source: DragSourceLike<Image>,
  payload: DragPayload,
  loadIcon: (icon: DragIcon) => Image,
  fallbackIcon: () => Image,
): void {
  const icon = loadIcon(payload.icon)
  source.startDrag({
    file: payload.file,
    files: payload.files,
    icon: icon.isEmpty() ? fallbackIcon() : icon,
  })
}
