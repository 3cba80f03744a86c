import type { Page } from 'playwright-core'

/**
 * A tab opened without the token says "Not connected"; pasting the host's link (which only
 * changes the fragment, so the page does not reload) connects it.
 */
export async function tokenLinkConnectsTheTab(
  openWithoutToken: () => Promise<Page>,
  linkWithToken: string,
): Promise<void> {
  const page = await openWithoutToken()
  try {
    await page.getByTestId('not-connected').waitFor()
    // What pasting into the address bar does to a page at the same address: a new fragment.
    await page.evaluate(`location.hash = ${JSON.stringify(new URL(linkWithToken).hash)}`)
    await page.getByTestId('app-shell').waitFor()
    // The token leaves the address bar again.
    const address: string = await page.evaluate('location.href')
    if (address.includes('token=')) throw new Error(`the token stayed in ${address}`)
  } finally {
    await page.context().close()
  }
}
