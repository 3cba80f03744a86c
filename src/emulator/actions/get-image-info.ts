import { ApiError, exceededMax } from '../api/errors'
import type { ActionHandler } from './context'
import type { ActionParams } from './parameters'
import { imageInfo } from './views'

/**
 * GetImageInfo (`ImageInfo` object) and GetImageInfos (a bare array, also named `ImageInfo`,
 * plus `NonExistImageIds`). `Mezzanine.FileSize` is a string, as in the SDK model.
 */

const maxOssLifetimeSeconds = 2_592_000

function addressing(params: ActionParams): { outputType: 'cdn' | 'oss'; lifetime: number } {
  const outputType = params.choice('OutputType', ['cdn', 'oss'], 'cdn')
  const lifetime = params.integer('AuthTimeout', 3600, {
    min: 1,
    ...(outputType === 'oss' ? { max: maxOssLifetimeSeconds } : {}),
  })
  return { outputType, lifetime }
}

export const getImageInfo: ActionHandler = (params, context) => {
  const image = context.library.findImage(params.requiredString('ImageId'))
  const { outputType, lifetime } = addressing(params)
  if (!image) throw new ApiError('NoSuchResource', 404, 'The specified resource does not exist.')
  return { ImageInfo: imageInfo(context, image, outputType, lifetime) }
}

export const getImageInfos: ActionHandler = (params, context) => {
  const ids = params.list('ImageIds') ?? []
  if (ids.length === 0) params.requiredString('ImageIds')
  if (ids.length > 20) throw exceededMax('ImageIds')
  const { outputType, lifetime } = addressing(params)
  const found: Array<Record<string, unknown>> = []
  const missing: string[] = []
  for (const id of ids) {
    const image = context.library.findImage(id)
    if (image) found.push(imageInfo(context, image, outputType, lifetime))
    else missing.push(id)
  }
  return { ImageInfo: found, NonExistImageIds: missing }
}
