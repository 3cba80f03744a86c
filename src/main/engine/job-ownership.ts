import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import type { JobState } from '../../shared/jobs'

/** Who holds a job, as stored in its row. */
export interface JobOwnerFields {
  owner: string | null
  ownerPid: number | null
  ownerHost: string | null
  ownerUntil: number | null
}

/** This process and a way to ask whether another process on this machine still runs. */
export interface ProcessProbe {
  readonly host: string
  readonly pid: number
  isRunning(pid: number): boolean
}

export const systemProcessProbe: ProcessProbe = {
  host: hostname(),
  pid: process.pid,
  isRunning(pid) {
    try {
      process.kill(pid, 0)
    } catch (error) {
      // EPERM: the process exists but belongs to someone else.
      return (error as { code?: unknown }).code === 'EPERM'
    }
    return !hasExited(pid)
  },
}

/**
 * A process that was killed stays in the process table until its parent collects its exit
 * status (a zombie), and signal 0 still reaches it: a command killed from a script or a terminal
 * whose shell has not yet reaped it would otherwise keep its jobs held. Linux says so in
 * `/proc/<pid>/stat` (state Z or X); elsewhere the table has no such state to read, and the
 * parent's collection, which comes at once there too, is all there is.
 */
function hasExited(pid: number): boolean {
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return false
  }
  // "pid (command name) state …": the name may hold spaces and parentheses, so read after the last.
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
  return state === 'Z' || state === 'X'
}

/**
 * Whether the process holding a job is still alive. On this machine the process table answers at
 * once, so a `kill -9`ed command's jobs are taken over within a second, however recently it
 * renewed its claim; a holder on another machine (a shared folder) is trusted until its claim,
 * renewed while it runs, lapses.
 */
export function ownerIsAlive(
  holder: JobOwnerFields,
  now: number,
  probe: ProcessProbe,
  /** This manager's own id: its own claims are alive exactly while it runs the job. */
  self: string,
): boolean {
  if (holder.owner === null || holder.owner === self) return false
  if (holder.ownerHost === probe.host && holder.ownerPid !== null) {
    // Another manager in this very process (a test, or an engine that was replaced) is judged
    // by its claim's time alone; any other pid by the process table.
    if (holder.ownerPid !== probe.pid) return probe.isRunning(holder.ownerPid)
  }
  return holder.ownerUntil !== null && holder.ownerUntil >= now
}

/** The states in which a job's row says some process is working on it. */
export const heldStates: readonly JobState[] = ['probing', 'downloading', 'refreshing', 'verifying']

/**
 * What to do with a job whose row says it is being worked on (or waits for a retry) when this
 * process looks at it. `requeue`: its holder is gone (killed, crashed, or this process lost track
 * of it after a failed write), so it goes back to the queue with its bytes; `leave`: someone is
 * on it.
 */
export function orphanVerdict(
  job: JobOwnerFields & { state: JobState; nextAttemptAt: number | null },
  context: {
    now: number
    probe: ProcessProbe
    self: string
    /** This manager runs the job right now. */
    runningHere: boolean
    /** This manager has a retry timer for the job. */
    retryTimerHere: boolean
    /** How long past its due time a retry may wait for the process that scheduled it. */
    retryGraceMs: number
  },
): 'requeue' | 'leave' {
  if (job.state === 'retrying') {
    if (context.retryTimerHere) return 'leave'
    const due = job.nextAttemptAt ?? 0
    return due + context.retryGraceMs < context.now ? 'requeue' : 'leave'
  }
  if (!heldStates.includes(job.state)) return 'leave'
  if (context.runningHere) return 'leave'
  if (job.owner === context.self) return 'requeue'
  return ownerIsAlive(job, context.now, context.probe, context.self) ? 'leave' : 'requeue'
}
