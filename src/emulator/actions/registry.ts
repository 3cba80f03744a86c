import type { ActionHandler } from './context'
import { getCategories } from './get-categories'
import { getImageInfo, getImageInfos } from './get-image-info'
import { getMezzanineInfo } from './get-mezzanine-info'
import { getPlayInfo } from './get-play-info'
import { getVideoInfo, getVideoInfos } from './get-video-info'
import { getVideoList } from './get-video-list'
import { listSnapshots } from './list-snapshots'
import { restoreMedia } from './restore-media'
import { searchMedia } from './search-media'

/** The VOD actions the emulator implements; any other action is `InvalidAction.NotFound`. */
export const actionHandlers: ReadonlyMap<string, ActionHandler> = new Map([
  ['GetPlayInfo', getPlayInfo],
  ['GetMezzanineInfo', getMezzanineInfo],
  ['GetVideoInfo', getVideoInfo],
  ['GetVideoInfos', getVideoInfos],
  ['GetVideoList', getVideoList],
  ['SearchMedia', searchMedia],
  ['GetImageInfo', getImageInfo],
  ['GetImageInfos', getImageInfos],
  ['ListSnapshots', listSnapshots],
  ['GetCategories', getCategories],
  ['RestoreMedia', restoreMedia],
])
