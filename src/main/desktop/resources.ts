import path from 'node:path'

/**
 * Absolute path of a file under resources/. Packaged, resources/ lives inside app.asar but is
 * unpacked (electron-builder `asarUnpack: resources/**`), because the Linux tray and the
 * Windows notification area hand icon paths to other processes that cannot read an asar archive.
 */
export function resourcePath(
  appPath: string,
  isPackaged: boolean,
  relative: string,
  pathApi: path.PlatformPath = path,
): string {
  const root = isPackaged ? appPath.replace(/app\.asar$/, 'app.asar.unpacked') : appPath
  return pathApi.join(root, 'resources', ...relative.split('/'))
}
