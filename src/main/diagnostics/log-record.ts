import { redactText } from '../../shared/redact'
import { redactFields, type LogFields } from '../common/logger'

/**
 * One event of the diagnostic log before it is written: the message and fields redacted by
 * the app's one redactor, the job id and VOD request id lifted out of the message when the
 * caller did not give them (the engine writes `job 12: …`, VOD errors `RequestId …`). Pure.
 */
export interface LogRecord {
  message: string
  fields: LogFields
}

export function logRecordOf(component: string, message: string, fields?: LogFields): LogRecord {
  const redactedMessage = redactText(message)
  const record: LogFields = { component, ...redactFields(fields) }
  if (record.jobId === undefined) {
    const job = /^job (\d+)\b/.exec(redactedMessage)
    if (job) record.jobId = Number(job[1])
  }
  if (record.requestId === undefined) {
    const request = /\bRequestId[ :=]+"?([0-9A-Za-z-]{8,64})/.exec(redactedMessage)
    if (request) record.requestId = request[1]
  }
  return { message: redactedMessage, fields: record }
}
