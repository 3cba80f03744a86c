// The VOD module's name for the app's one redactor (src/shared/redact.ts), kept so VOD code and
// its callers import it from beside the URLs it redacts.
export { redactText, redactUrl } from '../../shared/redact'
