import { AppError } from '../../shared/errors'
import { describeProxy } from './proxy-address'

/**
 * What a failure through a proxy means, as one of our codes, or undefined when it is not the
 * proxy's: the proxy refused our credentials (HTTP 407, or 401 as tinyproxy answers a wrong
 * password, to the CONNECT request; a SOCKS5 server rejecting the user name and password), or
 * refused the tunnel for another reason (a CONNECT answered with another status, a SOCKS
 * server that will not connect). Messages name the proxy without its credentials.
 */
export function proxyFailureOf(error: unknown, proxy: string): AppError | undefined {
  const message = error instanceof Error ? error.message : String(error)
  const where = describeProxy(proxy)
  const connect = /^Bad response: (\d{3})/.exec(message)
  if (connect) {
    const status = Number(connect[1])
    return status === 407 || status === 401
      ? new AppError('ProxyAuthFailed', `${where} answered HTTP ${status}`, { cause: error })
      : new AppError('ProxyRefused', `${where} answered HTTP ${status} to CONNECT`, {
          cause: error,
        })
  }
  if (/Socks5 Authentication failed|no accepted authentication type/i.test(message)) {
    return new AppError('ProxyAuthFailed', `${where}: ${message}`, { cause: error })
  }
  if (/Socks[45] proxy rejected connection|Socks5ProxyRejected/i.test(message)) {
    return new AppError('ProxyRefused', `${where}: ${message}`, { cause: error })
  }
  return undefined
}
