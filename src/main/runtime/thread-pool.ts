/**
 * Node runs file system calls on libuv's pool of 4 threads by default. In the small-file lane
 * every file is created, written and flushed there, and a flush waits for the disk: with 4
 * threads only 4 of the lane's 16 to 64 files flush at once. The pool size is read when the pool
 * starts (the first asynchronous file call), so the entry points (CLI, desktop app, headless
 * host) import this module first. A value the user set wins.
 */
export const threadPoolSize = 16

if (process.env.UV_THREADPOOL_SIZE === undefined) {
  process.env.UV_THREADPOOL_SIZE = String(threadPoolSize)
}
