import type { DemoRoles, StorageClass, VideoStatus } from './library-types'

/**
 * The hand-written part of the demo library: titles (mixed Chinese and English, some with
 * characters that are awkward in file names), categories and which trait each item demonstrates.
 */

export interface Category {
  cateId: number
  cateName: string
}

/** A category below another (VOD nests categories three levels deep: 0, 1, 2). */
export interface SubCategory extends Category {
  parentId: number
  level: 1 | 2
}

export const categories: readonly Category[] = [
  { cateId: 1000001, cateName: '发布会' },
  { cateId: 1000002, cateName: 'Travel 旅行' },
  { cateId: 1000003, cateName: '培训 Training' },
  { cateId: 1000004, cateName: 'Product Demos' },
  { cateId: 1000005, cateName: '音乐 Music' },
  { cateId: 1000006, cateName: 'Company News' },
]

/** Sub-categories; `VideoSpec.subCategory` files a video under one of them. */
export const subCategories: readonly SubCategory[] = [
  { cateId: 1000201, cateName: '国内 Domestic', parentId: 1000002, level: 1 },
  { cateId: 1000202, cateName: 'Abroad 海外', parentId: 1000002, level: 1 },
  { cateId: 1000211, cateName: '杭州 Hangzhou', parentId: 1000201, level: 2 },
  { cateId: 1000301, cateName: '新员工 Onboarding', parentId: 1000003, level: 1 },
]

/**
 * Which renditions a video has:
 * - standard: FD/LD/SD/HD mp4 + plain SD m3u8; premium adds 2K mp4
 * - mobile: LD/SD mp4; hls: plain SD m3u8 + LD mp4
 * - invisible: standard plus older Invisible SD/HD mp4 duplicates
 * - audio-tracks: standard plus SQ/HQ mp3 audio-only streams
 * - proprietary-only: AliyunVoDEncryption SD/HD m3u8 only; proprietary-mixed: LD/SD mp4 + encrypted HD m3u8
 * - hls-encrypted: HLSEncryption LD m3u8 + plain SD m3u8 + SD mp4
 * - partial: LD mp4 only (a transcode in progress); none: no streams
 * - dash-hdr: standard with an HDR10 HD mp4, plus an SD DASH (mpd) rendition
 */
export type StreamProfile =
  | 'standard'
  | 'premium'
  | 'mobile'
  | 'hls'
  | 'invisible'
  | 'audio-tracks'
  | 'proprietary-only'
  | 'proprietary-mixed'
  | 'hls-encrypted'
  | 'partial'
  | 'none'
  | 'dash-hdr'

type SingleRole = Exclude<keyof DemoRoles, 'largeSources' | 'audio' | 'image'>

export interface VideoSpec {
  title: string
  description: string
  tags: string[]
  category: number
  /** Index into `subCategories`: the video is filed there instead of under `category`. */
  subCategory?: number
  profile: StreamProfile
  status?: VideoStatus
  role?: SingleRole
  /** Index into the large synthetic masters; absent for small sources. */
  largeSource?: number
  /** Source stored in the `in-` input bucket. */
  inputBucket?: boolean
  /**
   * Source stored in a bucket of the account's own (added as VOD storage, no CDN domain): OSS
   * addresses only, and AuthTimeout at most 129,600 s there.
   */
  ownBucket?: boolean
  /** Number of NormalSnapshots (0 = no snapshot job). */
  normalSnapshots?: number
  /** Has sprite, sprite-origin and WebVTT snapshots. */
  sprites?: boolean
  downloadSwitch?: 'on' | 'off'
  /** Absent: Standard. */
  storageClass?: StorageClass
}

export const videoSpecs: readonly VideoSpec[] = [
  {
    title: '产品发布会 2026 主会场',
    description: '2026 年度产品发布会主会场完整录像。',
    tags: ['发布会', '2026', '直播回放'],
    category: 0,
    profile: 'premium',
    role: 'normalWithHdMp4',
    normalSnapshots: 12,
    sprites: true,
  },
  {
    title: 'Drone footage – West Lake at dawn',
    description: 'Aerial shots over West Lake, Hangzhou, shortly after sunrise.',
    tags: ['drone', 'Hangzhou', 'West Lake'],
    category: 1,
    subCategory: 2,
    profile: 'premium',
    normalSnapshots: 8,
    sprites: true,
  },
  {
    title: '新员工入职培训 第一课',
    description: '公司介绍、规章制度与常用系统。',
    tags: ['培训', '入职'],
    category: 2,
    subCategory: 3,
    profile: 'standard',
    normalSnapshots: 4,
  },
  {
    title: 'Quarterly all-hands recording (Q3)',
    description: 'Re-transcoded after the template change; older outputs are kept as Invisible.',
    tags: ['all-hands', 'internal'],
    category: 5,
    profile: 'invisible',
    role: 'withInvisibleStreams',
  },
  {
    title: '西湖十景航拍合集',
    description: '十个机位的航拍合集，附 150 张截图。',
    tags: ['航拍', '西湖', '风景'],
    category: 1,
    subCategory: 2,
    profile: 'standard',
    role: 'manySnapshots',
    normalSnapshots: 150,
    sprites: true,
  },
  {
    title: 'Customer story: Hangzhou logistics hub',
    description: 'How a logistics hub cut sorting time in half.',
    tags: ['customer', 'logistics'],
    category: 3,
    profile: 'mobile',
  },
  {
    title: '春季新品开箱',
    description: '开箱、上手与音轨分离版本。',
    tags: ['开箱', '新品'],
    category: 3,
    profile: 'audio-tracks',
    role: 'withAudioStreams',
    sprites: true,
  },
  {
    title: 'Tutorial: exporting reports to Excel',
    description: 'Step-by-step export of monthly reports.',
    tags: ['tutorial', 'reports'],
    category: 2,
    profile: 'hls',
  },
  {
    title: '会员专享：大师课 第3讲',
    description: '仅阿里云播放器可播放（阿里云视频加密）。',
    tags: ['会员', '加密'],
    category: 2,
    profile: 'proprietary-only',
    role: 'proprietaryOnly',
    downloadSwitch: 'off',
  },
  {
    title: 'Premium series – Episode 1 (encrypted HD)',
    description: 'HD is protected with Alibaba Cloud proprietary encryption; LD/SD are plain.',
    tags: ['premium', 'series'],
    category: 5,
    profile: 'proprietary-mixed',
    role: 'proprietaryAndPlain',
  },
  {
    title: 'HLS 标准加密示例课程',
    description: 'LD 为 HLS 标准加密（AES-128），SD 为普通 HLS。',
    tags: ['HLS', '加密', '示例'],
    category: 2,
    profile: 'hls-encrypted',
    role: 'hlsEncrypted',
  },
  {
    title: 'Raw interview footage (no transcode)',
    description: 'Uploaded to the input bucket with the no-transcode template group.',
    tags: ['raw', 'interview'],
    category: 5,
    profile: 'none',
    role: 'inputBucketSource',
    inputBucket: true,
  },
  {
    title: '4K 原片素材 – 千岛湖',
    description: '大尺寸源文件（母版），用于测试大文件下载与断点续传。',
    tags: ['原片', '4K', '千岛湖'],
    category: 1,
    profile: 'standard',
    largeSource: 0,
  },
  {
    title: 'Conference keynote – full-length master',
    description: 'Large source master; renditions are short previews.',
    tags: ['keynote', 'master'],
    category: 0,
    profile: 'mobile',
    largeSource: 1,
  },
  {
    title: '纪录片《江南》母版',
    description: '纪录片母版文件。',
    tags: ['纪录片', '母版'],
    category: 1,
    profile: 'hls',
    largeSource: 2,
  },
  {
    title: 'Live stream replay 2026-03-14',
    description: 'Transcoding is still running; only LD is done.',
    tags: ['live', 'replay'],
    category: 0,
    profile: 'partial',
    status: 'Transcoding',
    role: 'transcoding',
  },
  {
    title: '新品发布预告片（转码中）',
    description: '刚提交转码。',
    tags: ['预告片'],
    category: 0,
    profile: 'none',
    status: 'Transcoding',
  },
  {
    title: '用户投稿：城市夜景',
    description: '审核中（先审后发）。',
    tags: ['投稿', '夜景'],
    category: 1,
    profile: 'standard',
    status: 'Checking',
    role: 'checking',
  },
  {
    title: 'Removed upload (policy review)',
    description: 'Blocked after review.',
    tags: ['blocked'],
    category: 5,
    profile: 'standard',
    status: 'Blocked',
    role: 'blocked',
  },
  {
    title: '刚上传的素材',
    description: '上传完成，尚未转码。',
    tags: ['素材'],
    category: 3,
    profile: 'none',
    status: 'UploadSucc',
    role: 'uploadSucc',
  },
  {
    title: 'Corrupted upload – transcode failed',
    description: 'The source could not be decoded.',
    tags: ['failed'],
    category: 5,
    profile: 'none',
    status: 'TranscodeFail',
    role: 'transcodeFail',
  },
  {
    title: 'Q&A: "What\'s next?" / roadmap 2026',
    description: 'Title with quotes, a slash and a question mark.',
    tags: ['Q&A', 'roadmap'],
    category: 5,
    profile: 'standard',
    normalSnapshots: 4,
  },
  {
    title: '季度总结（上）：数据/增长/留存',
    description: '标题中含有全角标点与斜杠。',
    tags: ['季度总结', '数据'],
    category: 5,
    profile: 'mobile',
  },
  {
    title: 'Summer music festival – main stage',
    description: 'Highlights from the main stage.',
    tags: ['music', 'festival'],
    category: 4,
    profile: 'premium',
    sprites: true,
  },
  {
    title: '钢琴独奏《月光》',
    description: '现场录制。',
    tags: ['钢琴', '古典'],
    category: 4,
    profile: 'standard',
  },
  {
    title: 'Street food tour: Shanghai night market',
    description: 'Eight stalls in one evening.',
    tags: ['food', 'Shanghai'],
    category: 1,
    subCategory: 0,
    profile: 'hls',
  },
  {
    title: '黄山云海延时摄影',
    description: '日出前后两小时延时。',
    tags: ['延时', '黄山'],
    category: 1,
    profile: 'premium',
    normalSnapshots: 6,
  },
  {
    title: 'Security awareness training 2026',
    description: 'Phishing, passwords and device hygiene.',
    tags: ['security', 'training'],
    category: 2,
    profile: 'mobile',
  },
  {
    title: '安全生产月 专题讲座',
    description: '安全生产专题。',
    tags: ['安全', '讲座'],
    category: 2,
    profile: 'standard',
  },
  {
    title: 'Product demo: smart speaker setup',
    description: 'Unboxing to first voice command.',
    tags: ['demo', 'speaker'],
    category: 3,
    profile: 'standard',
    normalSnapshots: 4,
  },
  {
    title: '智能手表功能演示',
    description: '心率、睡眠与运动模式。',
    tags: ['演示', '手表'],
    category: 3,
    profile: 'hls',
  },
  {
    title: 'CEO interview – strategy for 2027',
    description: 'A conversation about the next year.',
    tags: ['interview', 'strategy'],
    category: 5,
    profile: 'standard',
  },
  {
    title: '年会节目：合唱《光年之外》',
    description: '2025 年会节目录像。',
    tags: ['年会', '合唱'],
    category: 4,
    profile: 'mobile',
  },
  {
    title: 'Guitar lesson #7 – fingerpicking',
    description: 'Travis picking in C.',
    tags: ['guitar', 'lesson'],
    category: 4,
    profile: 'standard',
  },
  {
    title: '客户案例：智慧工厂',
    description: '产线数字化改造。',
    tags: ['客户案例', '制造'],
    category: 3,
    profile: 'premium',
  },
  {
    title: 'Hiking the Great Wall at Jinshanling',
    description: 'A full day on the wall.',
    tags: ['hiking', 'Great Wall'],
    category: 1,
    profile: 'standard',
    sprites: true,
  },
  {
    title: '新版 App 操作指南',
    description: '界面改版后的主要流程。',
    tags: ['指南', 'App'],
    category: 2,
    profile: 'hls',
  },
  {
    title: 'Press conference (English dub)',
    description: 'English dubbed version of the launch event.',
    tags: ['press', 'dub'],
    category: 0,
    profile: 'dash-hdr',
    role: 'dashAndHdr',
  },
  {
    title: '城市宣传片 · 杭州',
    description: '城市形象宣传片。',
    tags: ['宣传片', '杭州'],
    category: 1,
    profile: 'premium',
  },
  {
    title: 'Weekly team update #42',
    description: 'Sprint review and planning.',
    tags: ['weekly', 'team'],
    category: 5,
    profile: 'mobile',
  },
  {
    title: '烘焙入门：戚风蛋糕',
    description: '零基础也能学会。',
    tags: ['烘焙', '教程'],
    category: 2,
    profile: 'standard',
  },
  {
    title: 'Warehouse robot – field test',
    description: 'Pick rate measured over one shift.',
    tags: ['robot', 'test'],
    category: 3,
    profile: 'hls',
  },
  {
    title: '民乐合奏《茉莉花》',
    description: '民族乐团演出。',
    tags: ['民乐', '合奏'],
    category: 4,
    profile: 'standard',
  },
  {
    title: 'Launch event – behind the scenes',
    description: 'Setting up the stage the night before.',
    tags: ['behind the scenes'],
    category: 0,
    profile: 'mobile',
  },
  {
    title: '航拍素材（上传中）',
    description: '大文件仍在上传。',
    tags: ['航拍', '素材'],
    category: 1,
    profile: 'none',
    status: 'Uploading',
    role: 'uploading',
  },
  {
    title: 'Highlights reel (online edit, production failed)',
    description: 'The online editing project could not be produced.',
    tags: ['edit', 'failed'],
    category: 5,
    profile: 'none',
    status: 'ProduceFail',
    role: 'produceFail',
  },
  {
    title: 'Agency delivery master (own OSS bucket)',
    description: "Delivered into the account's own OSS bucket, added to VOD as storage.",
    tags: ['delivery', 'master'],
    category: 3,
    profile: 'none',
    role: 'ownBucketSource',
    ownBucket: true,
  },
  {
    title: '2019 年会母带（归档）',
    description: '2019 年公司年会的原始母带，已转入归档存储。',
    tags: ['年会', '母带', '归档'],
    category: 5,
    profile: 'mobile',
    storageClass: 'SourceArchive',
    role: 'archivedSource',
  },
  {
    title: 'Brand film 2018 – master (Cold Archive)',
    description: 'The 2018 brand film, kept in Cold Archive storage with its renditions.',
    tags: ['brand', 'master', 'archive'],
    category: 3,
    profile: 'mobile',
    storageClass: 'ColdArchive',
    role: 'coldArchive',
  },
]

/**
 * Creation times are spread as if the list had this many items, the length it had before the
 * last two (Uploading, ProduceFail) were added: earlier items keep their times and the new ones
 * sit at the old end of the two years.
 */
export const videoSpreadCount = 44

export interface AudioSpec {
  title: string
  description: string
  tags: string[]
  category: number
  status?: VideoStatus
}

export const audioSpecs: readonly AudioSpec[] = [
  {
    title: '轻音乐 – 午后咖啡',
    description: '适合背景播放的轻音乐。',
    tags: ['轻音乐'],
    category: 4,
  },
  {
    title: 'Podcast: Engineering at Scale #12',
    description: 'On retries, idempotency and backoff.',
    tags: ['podcast', 'engineering'],
    category: 5,
  },
  {
    title: 'English listening practice 01',
    description: 'Slow-paced dialogue.',
    tags: ['English', 'listening'],
    category: 2,
  },
  {
    title: '会议录音 2026-05-20',
    description: '产品评审会议录音。',
    tags: ['会议', '录音'],
    category: 5,
  },
  {
    title: 'Jingle – brand theme (short)',
    description: 'Still transcoding.',
    tags: ['jingle'],
    category: 4,
    status: 'Transcoding',
  },
]

export const imageTitles: readonly string[] = [
  '活动海报 2026',
  'Banner – summer sale',
  '产品主图（白底）',
  'Team photo 2026',
  '发布会现场照片 01',
  'Logo – full colour',
  '课程封面：数据分析入门',
  'Infographic: Q3 numbers',
  '门店实拍',
  'Cover art – Episode 1',
  '西湖晨景',
  'Screenshot: new dashboard',
  '新品渲染图 A',
  'Event badge template',
  '客户签约合影',
  'Map of the venue',
  '菜单设计稿',
  'Thumbnail – tutorial 7',
  '年会舞台效果图',
  'Icon set preview',
  '员工风采 03',
  'Poster: "Open day" / 开放日',
  '包装设计 v2',
  'Office floor plan',
  '直播间背景图',
  'Product shot – side view',
  '证书模板',
  'Landing page hero',
  '手绘插画：春',
  'Mood board – autumn',
]
