/**
 * The few browser globals that functions run inside the page use. The node type-check project
 * has no DOM library (main-process code must not see `window`), so in-page functions cast
 * `globalThis` to this instead; the cast disappears when the function is serialised.
 */
export interface PageElement {
  readonly textContent: string | null
  getAttribute(name: string): string | null
  querySelector(selector: string): PageElement | null
  getBoundingClientRect(): { top: number; bottom: number; width: number }
}

export interface PageImage extends PageElement {
  readonly complete: boolean
}

export interface PageGlobals {
  readonly innerHeight: number
  readonly document: {
    readonly documentElement: { lang: string; dataset: Record<string, string | undefined> }
    readonly images: ArrayLike<PageImage>
    querySelector(selector: string): PageElement | null
    querySelectorAll(selector: string): ArrayLike<PageElement>
  }
}
