import { describe, expect, it } from 'vitest'
import { startDragOut } from '../../../../src/main/desktop/adapters/drag'
import type { DragIcon } from '../../../../src/main/desktop/policies/drag-payload'
import { FakeImage } from '../fakes/electron'

class FakeDragSource {
  readonly items: { file: string; files?: string[]; icon: FakeImage }[] = []
  startDrag(item: { file: string; files?: string[]; icon: FakeImage }): void {
    this.items.push(item)
  }
}

describe('startDragOut', () => {
  const payload = {
    file: '/a.mp4',
    files: ['/a.mp4', '/b.mp4'],
    icon: 'drag-files' as DragIcon,
    windowsMultipleFileCaveat: false,
  }

  it('drags the files with the chosen icon', () => {
    const source = new FakeDragSource()
    startDragOut(
      source,
      payload,
      (icon) => new FakeImage(icon),
      () => new FakeImage('fallback'),
    )
    expect(source.items).toEqual([
      { file: '/a.mp4', files: ['/a.mp4', '/b.mp4'], icon: new FakeImage('drag-files') },
    ])
  })

  it('never passes an empty icon (electron/electron#8511)', () => {
    const source = new FakeDragSource()
    startDragOut(
      source,
      payload,
      (icon) => new FakeImage(icon, true),
      () => new FakeImage('fallback'),
    )
    expect(source.items[0]?.icon.name).toBe('fallback')
  })
})
