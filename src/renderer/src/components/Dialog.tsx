import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'

export interface DialogProps {
  title: string
  onClose: () => void
  /** The buttons at the bottom (the dialog's own actions and Close). */
  footer: ReactNode
  testId: string
  children: ReactNode
}

const focusableSelector = [
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'a[href]',
  '[tabindex]:not([tabindex="-1"])',
].join(',')

function focusableIn(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(focusableSelector)).filter(
    (element) => !element.closest('[hidden]'),
  )
}

/**
 * A modal dialog: focus moves into it when it opens, Tab and Shift+Tab stay inside, Esc closes
 * it, and focus returns to whatever opened it. A `<div role="dialog">` rather than `<dialog>`
 * with `showModal()`, which jsdom (the component tests) does not implement.
 */
export function Dialog(props: DialogProps): ReactNode {
  const titleId = useId()
  const dialogRef = useRef<HTMLDivElement>(null)
  const onCloseRef = useRef(props.onClose)
  useEffect(() => {
    onCloseRef.current = props.onClose
  })

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const dialog = dialogRef.current
    if (dialog) (focusableIn(dialog)[0] ?? dialog).focus()
    // Esc and Tab are caught on the document too: a button that was focused and becomes
    // disabled (Export, while it runs) drops focus to the body, outside the dialog.
    function onDocumentKeyDown(event: globalThis.KeyboardEvent): void {
      const inside = dialog?.contains(document.activeElement) ?? false
      if (event.key === 'Escape' && !inside) {
        onCloseRef.current()
      } else if (event.key === 'Tab' && !inside && dialog) {
        event.preventDefault()
        ;(focusableIn(dialog)[0] ?? dialog).focus()
      }
    }
    document.addEventListener('keydown', onDocumentKeyDown)
    return () => {
      document.removeEventListener('keydown', onDocumentKeyDown)
      // The opener may have gone (the list re-rendered); then focus stays where it falls.
      if (opener?.isConnected) opener.focus()
    }
  }, [])

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key === 'Escape') {
      // Handled here; the document listener must not close it a second time.
      event.nativeEvent.stopImmediatePropagation()
      event.stopPropagation()
      props.onClose()
      return
    }
    if (event.key !== 'Tab' || !dialogRef.current) return
    const items = focusableIn(dialogRef.current)
    const first = items[0]
    const last = items[items.length - 1]
    if (!first || !last) {
      event.preventDefault()
      return
    }
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return (
    <div className="dialog-backdrop">
      <div
        ref={dialogRef}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid={props.testId}
      >
        <h2 id={titleId} className="dialog__title">
          {props.title}
        </h2>
        <div className="dialog__body">{props.children}</div>
        <div className="dialog__footer">{props.footer}</div>
      </div>
    </div>
  )
}
