/**
 * Saves text as a file the way a web page can, in Electron and in a browser alike: a Blob
 * behind an `<a download>`. The browser (or Electron's download handling) decides where the
 * file goes; nothing in the page learns the path.
 */
export function saveTextFile(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  try {
    link.click()
  } finally {
    link.remove()
    // The download has taken the Blob by the time the click returns; a later revoke is only
    // for browsers that read it a moment after.
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
  }
}
