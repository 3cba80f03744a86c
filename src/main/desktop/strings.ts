import type { Language } from '../../shared/errors'

/**
 * Every user-visible string of the desktop shell (tray, dialogs, notifications), one catalogue per
 * language. Plural-sensitive texts are functions. Nothing here may contain a URL or a secret.
 */
export interface DesktopStrings {
  appName: string
  trayShowWindow: string
  trayPauseAll: string
  trayResumeAll: string
  trayOpenDownloadFolder: string
  trayQuit: string
  trayIdle: string
  /** The disabled status line: what is running, what waits, how fast. */
  trayStatus(active: number, queued: number, speed: string): string
  trayPaused(count: number): string
  trayFailed(count: number): string
  tooltipProgress(percent: string): string
  closeToTrayTitle: string
  closeToTrayBody(running: number): string
  quitConfirmMessage(running: number): string
  quitConfirmDetail: string
  quitConfirmPause: string
  quitConfirmCancel: string
  notificationDoneTitle: string
  notificationFailedTitle: string
  notificationOneDone(fileName: string): string
  notificationManyDone(count: number): string
  notificationOneFailed(fileName: string, reason: string): string
  notificationManyFailed(count: number, names: string): string
  notificationMixed(done: number, failed: number, names: string): string
  /** Joins file names, ending with "and N more" when some were left out. */
  listNames(names: readonly string[], more: number): string
  conflictMessage(count: number): string
  conflictDetail: string
  conflictSkip: string
  conflictRename: string
  conflictOverwrite: string
  conflictCancel: string
  chooseDownloadFolder: string
  chooseExportFolder: string
  chooseButton: string
  openProgramMessage(fileName: string): string
  openProgramDetail: string
  openProgramOpen: string
  openProgramCancel: string
  dropFolderMessage: string
  dropFolderUse: string
  dropFolderCancel: string
  secureStorageUnavailable: string
  secureStoragePlainText(backend: string): string
  updateReadyTitle: string
  updateReadyBody(version: string): string
  updateRestartMessage(version: string): string
  updateRestartDetail(running: number): string
  updateRestartWait: string
  updateRestartStop: string
  updateRestartCancel: string
}

const english: DesktopStrings = {
  appName: 'VOD Downloader',
  trayShowWindow: 'Show VOD Downloader',
  trayPauseAll: 'Pause all',
  trayResumeAll: 'Resume all',
  trayOpenDownloadFolder: 'Open download folder',
  trayQuit: 'Quit VOD Downloader',
  trayIdle: 'No active downloads',
  trayStatus: (active, queued, speed) =>
    queued > 0
      ? `${active} downloading, ${queued} queued · ${speed}`
      : `${active} downloading · ${speed}`,
  trayPaused: (count) => `${count} paused`,
  trayFailed: (count) => (count === 1 ? '1 download failed' : `${count} downloads failed`),
  tooltipProgress: (percent) => `${percent} done`,
  closeToTrayTitle: 'VOD Downloader is still running',
  closeToTrayBody: (running) =>
    running > 0
      ? `${running === 1 ? '1 download continues' : `${running} downloads continue`} in the background. Use the tray icon to open the window or quit.`
      : 'The app keeps running in the tray. Use the tray icon to open the window or quit.',
  quitConfirmMessage: (running) =>
    running === 1 ? '1 download is running.' : `${running} downloads are running.`,
  quitConfirmDetail:
    'Quitting stops them cleanly: the bytes already downloaded are kept, and the downloads can continue when VOD Downloader starts again.',
  quitConfirmPause: 'Stop and quit',
  quitConfirmCancel: 'Keep downloading',
  notificationDoneTitle: 'Downloads finished',
  notificationFailedTitle: 'Some downloads failed',
  notificationOneDone: (fileName) => `Downloaded ${fileName}`,
  notificationManyDone: (count) => `${count} files downloaded`,
  notificationOneFailed: (fileName, reason) => `${fileName} failed: ${reason}`,
  notificationManyFailed: (count, names) => `${count} downloads failed: ${names}`,
  notificationMixed: (done, failed, names) =>
    `${done} file${done === 1 ? '' : 's'} downloaded, ${failed} failed: ${names}`,
  listNames: (names, more) =>
    more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', '),
  conflictMessage: (count) =>
    count === 1
      ? '1 file already exists in the destination.'
      : `${count} files already exist in the destination.`,
  conflictDetail: 'The choice applies to every conflict in this export.',
  conflictSkip: 'Skip',
  conflictRename: 'Keep both',
  conflictOverwrite: 'Replace',
  conflictCancel: 'Cancel',
  chooseDownloadFolder: 'Choose the download folder',
  chooseExportFolder: 'Choose where to export the files',
  chooseButton: 'Choose',
  openProgramMessage: (fileName) => `“${fileName}” is a program, script or installer.`,
  openProgramDetail:
    'Opening it runs it on this computer with your permissions. Open it only if you trust where it came from.',
  openProgramOpen: 'Open anyway',
  openProgramCancel: 'Cancel',
  dropFolderMessage: 'Download into this folder from now on?',
  dropFolderUse: 'Use this folder',
  dropFolderCancel: 'Cancel',
  secureStorageUnavailable:
    "The operating system's secure storage is not available, so the AccessKey cannot be saved. Unlock or install the system keychain, or set ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET in the environment.",
  secureStoragePlainText: (backend) =>
    `No system keyring was found (backend "${backend}"), so the AccessKey would be stored in plain text; it was not saved. Install and unlock GNOME Keyring or KWallet, or use the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET.`,
  updateReadyTitle: 'Update ready',
  updateReadyBody: (version) =>
    `VOD Downloader ${version} is installed when you quit, or now with Restart in Settings.`,
  updateRestartMessage: (version) => `Restart to install VOD Downloader ${version}?`,
  updateRestartDetail: (running) =>
    `${running === 1 ? '1 download is' : `${running} downloads are`} running or queued. Restarting stops them cleanly; they continue after the restart, keeping the bytes already downloaded.`,
  updateRestartWait: 'Restart when downloads finish',
  updateRestartStop: 'Stop downloads and restart',
  updateRestartCancel: 'Cancel',
}

const chinese: DesktopStrings = {
  appName: 'VOD Downloader',
  trayShowWindow: '显示主窗口',
  trayPauseAll: '全部暂停',
  trayResumeAll: '全部继续',
  trayOpenDownloadFolder: '打开下载文件夹',
  trayQuit: '退出 VOD Downloader',
  trayIdle: '没有进行中的下载',
  trayStatus: (active, queued, speed) =>
    queued > 0
      ? `${active} 个下载中，${queued} 个排队 · ${speed}`
      : `${active} 个下载中 · ${speed}`,
  trayPaused: (count) => `${count} 个已暂停`,
  trayFailed: (count) => `${count} 个下载失败`,
  tooltipProgress: (percent) => `已完成 ${percent}`,
  closeToTrayTitle: 'VOD Downloader 仍在运行',
  closeToTrayBody: (running) =>
    running > 0
      ? `${running} 个下载将在后台继续。可通过托盘图标打开窗口或退出。`
      : '应用将在托盘中继续运行。可通过托盘图标打开窗口或退出。',
  quitConfirmMessage: (running) => `有 ${running} 个下载正在进行。`,
  quitConfirmDetail:
    '退出时将安全地停止这些下载：已下载的数据会保留，下次启动 VOD Downloader 后可以继续。',
  quitConfirmPause: '停止并退出',
  quitConfirmCancel: '继续下载',
  notificationDoneTitle: '下载完成',
  notificationFailedTitle: '部分下载失败',
  notificationOneDone: (fileName) => `已下载 ${fileName}`,
  notificationManyDone: (count) => `${count} 个文件下载完成`,
  notificationOneFailed: (fileName, reason) => `${fileName} 下载失败：${reason}`,
  notificationManyFailed: (count, names) => `${count} 个下载失败：${names}`,
  notificationMixed: (done, failed, names) => `${done} 个文件下载完成，${failed} 个失败：${names}`,
  listNames: (names, more) =>
    more > 0 ? `${names.join('、')} 等 ${more + names.length} 个` : names.join('、'),
  conflictMessage: (count) => `目标文件夹中已有 ${count} 个同名文件。`,
  conflictDetail: '所选处理方式将用于本次导出的所有冲突。',
  conflictSkip: '跳过',
  conflictRename: '保留两者',
  conflictOverwrite: '替换',
  conflictCancel: '取消',
  chooseDownloadFolder: '选择下载文件夹',
  chooseExportFolder: '选择导出位置',
  chooseButton: '选择',
  openProgramMessage: (fileName) => `“${fileName}”是程序、脚本或安装包。`,
  openProgramDetail: '打开后它将以您的权限在这台电脑上运行。请仅在信任其来源时打开。',
  openProgramOpen: '仍然打开',
  openProgramCancel: '取消',
  dropFolderMessage: '今后下载到此文件夹吗？',
  dropFolderUse: '使用此文件夹',
  dropFolderCancel: '取消',
  secureStorageUnavailable:
    '系统安全存储不可用，无法保存 AccessKey。请解锁或安装系统钥匙串，或在环境变量中设置 ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET。',
  secureStoragePlainText: (backend) =>
    `未找到系统密钥环（后端为“${backend}”），AccessKey 将以明文保存，因此未保存。请安装并解锁 GNOME Keyring 或 KWallet，或使用环境变量 ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET。`,
  updateReadyTitle: '更新已就绪',
  updateReadyBody: (version) =>
    `VOD Downloader ${version} 将在退出时安装，也可以在“设置”中点击“立即重启”安装。`,
  updateRestartMessage: (version) => `重启以安装 VOD Downloader ${version}？`,
  updateRestartDetail: (running) =>
    `有 ${running} 个下载正在进行或排队。重启会安全地停止它们；重启后将继续下载，已下载的数据会保留。`,
  updateRestartWait: '下载完成后重启',
  updateRestartStop: '停止下载并重启',
  updateRestartCancel: '取消',
}

const catalogue: Record<Language, DesktopStrings> = { en: english, 'zh-CN': chinese }

/** The shell's strings in `language`. */
export function desktopStrings(language: Language): DesktopStrings {
  return catalogue[language]
}

/**
 * Maps an OS locale (`app.getLocale()`, e.g. `zh-CN`, `zh-Hans-CN`, `zh-TW`, `en-GB`) to a UI
 * language. Every Chinese locale gets the Simplified catalogue: it is the only Chinese one we have.
 */
export function languageFromLocale(locale: string): Language {
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}
