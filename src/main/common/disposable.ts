/**
 * Explicit lifetimes, in the manner of VS Code: whatever registers a listener, starts a timer or
 * holds a native handle returns a `Disposable`, and whoever created it disposes it (an engine
 * event subscription, a shell adapter). The shell disposes everything on `will-quit`, which is
 * what removes the tray icon on Linux before the process exits (a leftover icon was
 * agalwood/Motrix#867).
 */
export interface Disposable {
  dispose(): void
}

/** Wraps a release function so that calling `dispose()` twice releases once. */
export function toDisposable(release: () => void): Disposable {
  let released = false
  return {
    dispose() {
      if (released) return
      released = true
      release()
    },
  }
}

/**
 * A bag of disposables released together, newest first (so a listener goes before the object it
 * listens to). One failing release does not stop the others; the first error is rethrown at the
 * end.
 */
export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = []
  private disposed = false

  /** Adds `item`; if the store is already disposed the item is released at once. */
  add<Item extends Disposable>(item: Item): Item {
    if (this.disposed) item.dispose()
    else this.items.push(item)
    return item
  }

  get isDisposed(): boolean {
    return this.disposed
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    let firstError: unknown = undefined
    for (const item of this.items.splice(0).reverse()) {
      try {
        item.dispose()
      } catch (error) {
        firstError ??= error
      }
    }
    if (firstError !== undefined) {
      throw firstError instanceof Error
        ? firstError
        : new Error('Releasing a resource failed', { cause: firstError })
    }
  }
}
