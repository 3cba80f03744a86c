/**
 * jsdom has no layout: every element is 0×0, so a virtualizer would render no rows. This gives
 * elements a viewport-sized box and a working scrollTo, which is all the virtualizer reads.
 */
export function installLayout(height = 640, width = 1024): () => void {
  const prototype = HTMLElement.prototype
  const originals = {
    clientHeight: Object.getOwnPropertyDescriptor(prototype, 'clientHeight'),
    clientWidth: Object.getOwnPropertyDescriptor(prototype, 'clientWidth'),
    scrollTo: Object.getOwnPropertyDescriptor(prototype, 'scrollTo'),
  }
  Object.defineProperty(prototype, 'clientHeight', { configurable: true, get: () => height })
  Object.defineProperty(prototype, 'clientWidth', { configurable: true, get: () => width })
  Object.defineProperty(prototype, 'scrollTo', {
    configurable: true,
    value(this: HTMLElement, options?: ScrollToOptions) {
      if (options?.top !== undefined) this.scrollTop = options.top
      this.dispatchEvent(new Event('scroll'))
    },
  })
  return () => {
    for (const [name, descriptor] of Object.entries(originals)) {
      if (descriptor) Object.defineProperty(prototype, name, descriptor)
      else Reflect.deleteProperty(prototype, name)
    }
  }
}
