import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  numberedStem,
  outputFileName,
  outputStem,
  partsFolderPath,
  segmentPartName,
} from '../../../src/main/hls/output-paths'

describe('HLS output names', () => {
  it('drops the playlist or output extension but keeps dots that belong to the name', () => {
    expect(outputStem('Launch.SD.m3u8')).toBe('Launch.SD')
    expect(outputStem('Launch.SD.mp4')).toBe('Launch.SD')
    expect(outputStem('Launch.SD')).toBe('Launch.SD')
    expect(outputStem('课程/第一讲.HD.M3U8')).toBe('课程/第一讲.HD')
  })

  it('names outputs, alternatives, the parts folder and part files', () => {
    expect(outputFileName('Launch.SD', 'mp4')).toBe('Launch.SD.mp4')
    expect(outputFileName('Launch.SD', 'folder')).toBe('Launch.SD')
    expect(numberedStem('Launch.SD', 0)).toBe('Launch.SD')
    expect(numberedStem('Launch.SD', 2)).toBe('Launch.SD (2)')
    expect(partsFolderPath('/downloads', 'Launch.SD.mp4')).toBe(
      join(resolve('/downloads'), 'Launch.SD.parts'),
    )
    expect(partsFolderPath('/downloads', 'Launch.SD')).toBe(
      join(resolve('/downloads'), 'Launch.SD.parts'),
    )
    expect(segmentPartName(41)).toBe('41.ts.part')
  })
})
