import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react'

export type NoticeTone = 'info' | 'success' | 'error'

export interface Notice {
  id: number
  tone: NoticeTone
  text: string
  action?: { label: string; onClick: () => void }
}

export type Notify = (notice: Omit<Notice, 'id'>) => void

interface NoticesContextValue {
  notices: readonly Notice[]
  dismiss: (id: number) => void
}

// Two contexts: posting a notice must not re-render every screen that can post one.
const NotifyContext = createContext<Notify | null>(null)
const NoticesContext = createContext<NoticesContextValue | null>(null)

/** How long a notice stays; errors stay until dismissed, because they need reading. */
const noticeLifetimeMs = 6000

/** Short-lived messages ("5 downloads added", "could not pause") shown in one live region. */
export function NoticesProvider(props: { children: ReactNode }): ReactNode {
  const [notices, setNotices] = useState<readonly Notice[]>([])
  const nextId = useRef(1)
  const dismiss = useCallback((id: number) => {
    setNotices((current) => current.filter((notice) => notice.id !== id))
  }, [])
  const notify = useCallback<Notify>(
    (notice) => {
      const id = nextId.current
      nextId.current += 1
      setNotices((current) => [...current.slice(-4), { ...notice, id }])
      if (notice.tone !== 'error') setTimeout(() => dismiss(id), noticeLifetimeMs)
    },
    [dismiss],
  )
  const value = useMemo(() => ({ notices, dismiss }), [notices, dismiss])
  return (
    <NotifyContext value={notify}>
      <NoticesContext value={value}>{props.children}</NoticesContext>
    </NotifyContext>
  )
}

/** Posts a notice. Stable across renders. */
export function useNotify(): Notify {
  const notify = useContext(NotifyContext)
  if (!notify) throw new Error('useNotify must be used inside <NoticesProvider>')
  return notify
}

/** The notices and their dismiss function, for the region that shows them. */
export function useNotices(): NoticesContextValue {
  const value = useContext(NoticesContext)
  if (!value) throw new Error('useNotices must be used inside <NoticesProvider>')
  return value
}
