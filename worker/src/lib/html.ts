/** HTML escaping for everything the worker writes as HTML (docs, e-mails, the unsubscribe page). */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML element content and quoted attribute values. */
export const escapeHtml = (text: unknown) => String(text).replace(/[&<>"']/g, (ch) => ESCAPES[ch]!)
