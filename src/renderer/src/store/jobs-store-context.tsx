import { createContext, useContext, type ReactNode } from 'react'
import type { JobsStore } from './jobs-store'

const JobsStoreContext = createContext<JobsStore | null>(null)

/** Provides the one jobs store of the window. */
export function JobsStoreProvider(props: { store: JobsStore; children: ReactNode }): ReactNode {
  return <JobsStoreContext value={props.store}>{props.children}</JobsStoreContext>
}

/** The jobs store; throws outside the provider because a silent empty store would hide bugs. */
export function useJobsStore(): JobsStore {
  const store = useContext(JobsStoreContext)
  if (!store) throw new Error('useJobsStore must be used inside <JobsStoreProvider>')
  return store
}
