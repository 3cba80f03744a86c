// pino-roll ships no type declarations; this is the part of its options the app uses.
declare module 'pino-roll' {
  import type SonicBoom from 'sonic-boom'

  interface PinoRollOptions {
    file: string
    size?: string | number
    frequency?: string | number
    extension?: string
    limit?: { count?: number; removeOtherLogFiles?: boolean }
    symlink?: boolean
    mkdir?: boolean
    sync?: boolean
  }

  export default function pinoRoll(options: PinoRollOptions): Promise<SonicBoom>
}
