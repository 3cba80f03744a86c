import type { DomainHandlers } from '../../shared/contract'
import { settle } from '../services/settle'
import type { ProxyPasswordStore } from './proxy-password'

/** The `network.*` requests: the manual proxy's sealed password. */
export function networkHandlers(password: ProxyPasswordStore): DomainHandlers<'network'> {
  const status = () => ({ proxyPasswordSaved: password.current() !== undefined })
  return {
    'network.status': () => settle(status),
    'network.saveProxyPassword': (input) =>
      settle(() => {
        password.save(input.password)
        return status()
      }),
    'network.clearProxyPassword': () =>
      settle(() => {
        password.clear()
        return status()
      }),
  }
}
