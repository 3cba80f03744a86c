import { VodClient, type VodClientDependencies } from './client'
import { createSdkTransport, type OpenApiFactory, type VodConnection } from './sdk-transport'

/**
 * The production wiring: a VodClient over the official SDK. `connection` is read on every
 * call, so Settings changes apply without rebuilding the client.
 */
export function createVodClient(
  connection: () => VodConnection,
  options: Omit<VodClientDependencies, 'transport'> & { openApiFactory?: OpenApiFactory } = {},
): VodClient {
  const { openApiFactory, ...dependencies } = options
  return new VodClient({
    ...dependencies,
    transport: createSdkTransport(connection, openApiFactory),
  })
}
