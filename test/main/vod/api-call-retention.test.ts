import { createHook } from 'node:async_hooks'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index'
import { createVodClient } from '../../../src/main/vod/create-vod-client'
import type { VodClient } from '../../../src/main/vod/client'

/**
 * What an answered API call leaves behind. A timer armed per call and never cleared keeps the
 * call's request, response and socket closure reachable until it fires: a library backup makes
 * hundreds of calls per second, so that is memory proportional to the call rate, not to the work
 * in flight. Counted structurally (timers alive), not as a memory figure.
 */

const cleanups: Array<() => Promise<void>> = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function emulator(): Promise<RunningEmulator> {
  const running = await startEmulator()
  cleanups.push(() => running.close())
  return running
}

function clientOf(
  server: Pick<RunningEmulator, 'endpoint' | 'accessKeyId' | 'accessKeySecret'>,
  timeoutsMs?: number,
): VodClient {
  return createVodClient(() => ({
    credentials: {
      kind: 'access-key',
      accessKeyId: server.accessKeyId,
      accessKeySecret: server.accessKeySecret,
    },
    regionId: 'cn-shanghai',
    endpoint: server.endpoint,
    ...(timeoutsMs === undefined
      ? {}
      : { connectTimeoutMs: timeoutsMs, readTimeoutMs: timeoutsMs }),
  }))
}

/** Runs `work`, then answers how many timers it created are still alive. */
async function timersLeftBy(work: () => Promise<void>): Promise<number> {
  const alive = new Set<number>()
  const hook = createHook({
    init(asyncId, type) {
      if (type === 'Timeout') alive.add(asyncId)
    },
    destroy(asyncId) {
      alive.delete(asyncId)
    },
  })
  hook.enable()
  try {
    await work()
    // Destroy hooks of cleared timers are announced asynchronously.
    for (let turn = 0; turn < 5; turn += 1) await nextTurn()
  } finally {
    hook.disable()
  }
  return alive.size
}

describe('API calls without a proxy', () => {
  it('leave no timer per call behind once answered', async () => {
    const client = clientOf(await emulator())
    // The first call opens the keep-alive connection and loads the SDK.
    await client.searchMedia({ searchType: 'video', pageSize: 1 })
    const calls = 200
    const left = await timersLeftBy(async () => {
      for (let start = 0; start < calls; start += 8) {
        await Promise.all(
          Array.from({ length: 8 }, () => client.searchMedia({ searchType: 'video', pageSize: 1 })),
        )
      }
    })
    // A few per connection at most (keep-alive sockets), never one per call.
    expect(left).toBeLessThan(calls / 10)
  })

  it('end as a network error when the server never answers', async () => {
    // Accepts the call and says nothing.
    const silent: Server = createServer(() => undefined)
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    cleanups.push(async () => {
      silent.closeAllConnections()
      await new Promise<void>((resolve) => silent.close(() => resolve()))
    })
    const endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`
    const silentServer = { endpoint, accessKeyId: 'id', accessKeySecret: 'secret' }
    const call = clientOf(silentServer, 200).searchMedia({ searchType: 'video', pageSize: 1 })
    await expect(call).rejects.toMatchObject({ code: 'NetworkError' })
  })
})
