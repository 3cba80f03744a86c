import { createContext, useContext, useMemo, type ReactNode } from 'react'
import type { ApiClient } from '../../../shared/contract'
import type { ApiTransport } from './transport'

interface ApiContextValue {
  client: ApiClient
  transport: ApiTransport
}

const ApiContext = createContext<ApiContextValue | null>(null)

/** Makes the client and its transport available to containers. */
export function ApiProvider(props: {
  client: ApiClient
  transport: ApiTransport
  children: ReactNode
}): ReactNode {
  const { client, transport } = props
  // A stable value, so consumers do not re-render when the provider's parent does.
  const value = useMemo(() => ({ client, transport }), [client, transport])
  return <ApiContext value={value}>{props.children}</ApiContext>
}

function useApiContext(): ApiContextValue {
  const value = useContext(ApiContext)
  if (!value) throw new Error('useApi must be used inside <ApiProvider>')
  return value
}

/** The typed API client, for containers (presentational components take props instead). */
export function useApi(): ApiClient {
  return useApiContext().client
}

/** The transport, for connection status. */
export function useTransport(): ApiTransport {
  return useApiContext().transport
}
