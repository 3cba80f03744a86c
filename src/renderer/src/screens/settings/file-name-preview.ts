import { applyFileNameTemplate, fileNameValuesForFile } from '../../../../shared/file-name-template'

/**
 * A display-only stand-in for main's sanitizer: enough to show what a template produces. Main's
 * platform rules (reserved names, length limits) may change a real name further.
 */
function previewSanitize(segment: string): string {
  // Control characters and the characters Windows forbids cannot appear in a name.
  const forbidden = '<>:"/\\|?*'
  return [...segment]
    .map((character) =>
      character.charCodeAt(0) < 32 || forbidden.includes(character) ? '_' : character,
    )
    .join('')
    .trim()
}

/** What the template makes of a sample rendition, shown under the template field. */
export function previewFileName(template: string, sampleTitle: string): string {
  const values = fileNameValuesForFile({
    title: sampleTitle,
    mediaId: '3e1f6b2c9a0d4e8f',
    kind: 'rendition',
    definition: 'HD',
    format: 'mp4',
    date: '2024-05-20',
    jobId: '7c2d',
  })
  return applyFileNameTemplate(template, values, previewSanitize).join('/')
}
