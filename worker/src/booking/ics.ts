/**
 * Calendar files for demo bookings: the invitation a visitor and a rep import (iTIP REQUEST and
 * CANCEL, RFC 5546) and each rep's subscribed feed (PUBLISH). Pure string building: every time is
 * an input (epoch ms), nothing reads a clock, and the output is byte-for-byte deterministic.
 *
 * Choices, each where the RFC decides it:
 * - Lines end in CRLF and are folded so that no physical line passes 75 octets of UTF-8, counted
 *   without the CRLF; a continuation line starts with one space. A fold never falls inside a
 *   multi-byte character (RFC 5545 §3.1, https://www.rfc-editor.org/rfc/rfc5545#section-3.1)
 *   nor between a backslash and the character it escapes, which some readers mishandle.
 * - TEXT values escape `\`, `;`, `,` and turn every line break (CRLF, CR, LF) into `\n`; other
 *   control characters, which TEXT does not allow, are dropped (§3.3.11,
 *   https://www.rfc-editor.org/rfc/rfc5545#section-3.3.11). So no value can start a new
 *   property or component, whatever a visitor typed.
 * - CN is a quoted parameter value: QSAFE-CHAR excludes `"` and controls, so `"` is dropped and
 *   controls become spaces (§3.2, https://www.rfc-editor.org/rfc/rfc5545#section-3.2); `^` is
 *   written `^^` so that readers of RFC 6868 (https://www.rfc-editor.org/rfc/rfc6868) keep it.
 * - `mailto:` and URL values are URIs, not TEXT: characters a URI never holds literally
 *   (controls, space, double quote, angle brackets, backslash, caret, backtick, braces, bar)
 *   are percent-encoded instead of escaped (RFC 3986 §2 and §2.1), so a CRLF in an address
 *   becomes `%0D%0A` and cannot end the line.
 * - DATE-TIME is always UTC, `YYYYMMDDTHHMMSSZ` (§3.3.5 form #2), so no VTIMEZONE is needed;
 *   milliseconds are dropped.
 * - REQUEST (RFC 5546 §3.2.2, https://www.rfc-editor.org/rfc/rfc5546#section-3.2.2) carries
 *   STATUS:CONFIRMED, the attendee with RSVP=TRUE and the reminder VALARM. CANCEL (§3.2.5,
 *   https://www.rfc-editor.org/rfc/rfc5546#section-3.2.5) keeps the UID, needs a higher SEQUENCE
 *   (the caller's: §2.1.4) and STATUS:CANCELLED, keeps the attendee being removed (RSVP=FALSE:
 *   no reply is asked for) and has no VALARM (the table allows none).
 * - PUBLISH (§3.2.1, https://www.rfc-editor.org/rfc/rfc5546#section-3.2.1) must not list
 *   attendees, so the feed leaves ATTENDEE out: the caller puts the visitor in the summary or
 *   description. With METHOD present DTSTAMP is when the object was made (RFC 5545 §3.8.7.2),
 *   so a feed stamps every event with `now` and keeps the event's own stamp as LAST-MODIFIED.
 *   Cancelled meetings stay in the feed with STATUS:CANCELLED and without an alarm.
 * - TRANSP:OPAQUE: the meeting blocks time in free/busy (§3.8.2.7).
 */

export interface IcsPerson {
  name: string
  email: string
}

export interface IcsEvent {
  /** Stable per booking, e.g. `bk_…@leadline`. */
  uid: string
  /** 0 first, +1 on every change (reschedule, cancel). */
  sequence: number
  /** Epoch ms: when this version of the event was made. */
  dtstamp: number
  /** Epoch ms, written in UTC. */
  start: number
  /** Epoch ms, written in UTC; after `start`. */
  end: number
  summary: string
  /** Plain text; carries the reschedule and cancel URLs. */
  description: string
  /** A place or a phone number. */
  location?: string
  /** The meeting link for video meetings. */
  url?: string
  /** The rep. */
  organizer: IcsPerson
  /** The visitor. */
  attendee: IcsPerson
  status: 'CONFIRMED' | 'CANCELLED'
  /** Minutes before the start for a DISPLAY reminder (REQUEST and feed only). */
  alarmMinutesBefore?: number
}

const PRODID = '-//Leadline//Leadline Booking 1.0//EN'
const CRLF = '\r\n'
const MAX_OCTETS = 75

/**
 * One iTIP message with one VEVENT: `REQUEST` to confirm a booking or move it (same UID, higher
 * sequence), `CANCEL` to call it off. Throws a RangeError on impossible input (end before start,
 * a negative sequence, a REQUEST for a cancelled event): those are bugs, not user errors.
 *
 * @example
 * const ics = invite({ uid: 'bk_1@leadline', sequence: 0, dtstamp: now, start, end,
 *   summary: 'Demo', description: `Reschedule: ${rescheduleUrl}\nCancel: ${cancelUrl}`,
 *   url: meetingUrl, organizer: rep, attendee: visitor, status: 'CONFIRMED',
 *   alarmMinutesBefore: 15 }, 'REQUEST')
 * // Content-Type: text/calendar; charset=utf-8; method=REQUEST
 */
export function invite(event: IcsEvent, method: 'REQUEST' | 'CANCEL'): string {
  if (method === 'REQUEST' && event.status === 'CANCELLED') {
    throw new RangeError('a cancelled event is sent with CANCEL, not REQUEST')
  }
  const lines = [...calendarHead(method), ...vevent(event, method, event.dtstamp)]
  lines.push('END:VCALENDAR')
  return serialize(lines)
}

/**
 * A rep's subscribed calendar: every meeting, cancelled ones marked STATUS:CANCELLED so that
 * calendars that already show them take them away. `now` is when the feed was made.
 *
 * @example
 * feed('Leadline: Çağrı Şahin', bookings.map(toIcsEvent), now)
 * // Content-Type: text/calendar; charset=utf-8
 */
export function feed(name: string, events: IcsEvent[], now: number): string {
  const lines = [
    ...calendarHead('PUBLISH'),
    // NAME is RFC 7986 §5.1; X-WR-CALNAME is what Apple, Google and Outlook read.
    `NAME:${text(name)}`,
    `X-WR-CALNAME:${text(name)}`,
  ]
  for (const event of events) lines.push(...vevent(event, 'PUBLISH', now))
  lines.push('END:VCALENDAR')
  return serialize(lines)
}

function calendarHead(method: 'REQUEST' | 'CANCEL' | 'PUBLISH'): string[] {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
  ]
}

function vevent(
  event: IcsEvent,
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH',
  dtstamp: number,
): string[] {
  if (!Number.isSafeInteger(event.sequence) || event.sequence < 0) {
    throw new RangeError(`sequence must be a non-negative integer, got ${event.sequence}`)
  }
  if (!(event.end > event.start)) throw new RangeError('an event must end after it starts')
  const cancelled = method === 'CANCEL' || (method === 'PUBLISH' && event.status === 'CANCELLED')
  const lines = [
    'BEGIN:VEVENT',
    `UID:${text(event.uid)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${dateTime(dtstamp)}`,
  ]
  if (method === 'PUBLISH') lines.push(`LAST-MODIFIED:${dateTime(event.dtstamp)}`)
  lines.push(
    `DTSTART:${dateTime(event.start)}`,
    `DTEND:${dateTime(event.end)}`,
    `SUMMARY:${text(event.summary)}`,
    `DESCRIPTION:${text(event.description)}`,
  )
  if (event.location) lines.push(`LOCATION:${text(event.location)}`)
  if (event.url) lines.push(`URL:${uri(event.url)}`)
  lines.push(`ORGANIZER;CN=${param(event.organizer.name)}:mailto:${uri(event.organizer.email)}`)
  if (method !== 'PUBLISH') {
    const rsvp = method === 'REQUEST' ? 'TRUE' : 'FALSE'
    lines.push(
      `ATTENDEE;CN=${param(event.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;` +
        `RSVP=${rsvp}:mailto:${uri(event.attendee.email)}`,
    )
  }
  lines.push(`STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'TRANSP:OPAQUE')
  const minutes = event.alarmMinutesBefore
  if (minutes !== undefined && !cancelled) {
    if (!Number.isSafeInteger(minutes) || minutes < 0) {
      throw new RangeError(`alarmMinutesBefore must be a non-negative integer, got ${minutes}`)
    }
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${text(event.summary)}`,
      `TRIGGER:${minutes === 0 ? 'PT0M' : `-PT${minutes}M`}`,
      'END:VALARM',
    )
  }
  lines.push('END:VEVENT')
  return lines
}

/** RFC 5545 §3.3.5, UTC form: `20261208T113000Z`. */
function dateTime(ms: number): string {
  const date = new Date(ms)
  const year = date.getUTCFullYear()
  if (Number.isNaN(date.getTime()) || year < 0 || year > 9999) {
    throw new RangeError(`not a time iCalendar can write: ${ms}`)
  }
  const two = (n: number) => String(n).padStart(2, '0')
  return (
    String(year).padStart(4, '0') +
    two(date.getUTCMonth() + 1) +
    two(date.getUTCDate()) +
    'T' +
    two(date.getUTCHours()) +
    two(date.getUTCMinutes()) +
    two(date.getUTCSeconds()) +
    'Z'
  )
}

/** Lone UTF-16 surrogates cannot be written as UTF-8; they become U+FFFD. */
function wellFormed(value: string): string {
  return value.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  )
}

/** TEXT value (RFC 5545 §3.3.11). */
function text(value: string): string {
  return (
    wellFormed(value)
      .replace(/[\\;,]/g, (c) => `\\${c}`)
      .replace(/\r\n|\r|\n/g, '\\n')
      // CONTROL minus HTAB: what TSAFE-CHAR leaves out and escaping cannot say.
      // eslint-disable-next-line no-control-regex
      .replace(/[\x00-\x08\x0A-\x1F\x7F]/g, '')
  )
}

/** A quoted parameter value (RFC 5545 §3.2 QSAFE-CHAR, RFC 6868 for `^`). */
function param(value: string): string {
  const safe = wellFormed(value)
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x1F\x7F]+/g, ' ')
    .replace(/"/g, '')
    .replace(/\^/g, '^^')
    .replace(/ {2,}/g, ' ')
    .trim()
  return `"${safe}"`
}

/** A URI value: percent-encode what RFC 3986 never allows literally. */
function uri(value: string): string {
  // eslint-disable-next-line no-control-regex
  return wellFormed(value.trim()).replace(/[\x00-\x20\x7F"<>\\^`{|}]/g, (c) =>
    encodeURIComponent(c),
  )
}

/** Folds each content line at 75 octets and joins with CRLF, ending with one. */
function serialize(lines: string[]): string {
  return lines.map(fold).join(CRLF) + CRLF
}

function fold(line: string): string {
  const out: string[] = []
  let current = ''
  let octets = 0
  // Units are whole code points, and a backslash with the character it escapes.
  for (const unit of line.match(/\\[\s\S]|[\s\S]/gu) ?? []) {
    const size = utf8Length(unit)
    if (octets + size > MAX_OCTETS) {
      out.push(current)
      current = ' '
      octets = 1
    }
    current += unit
    octets += size
  }
  out.push(current)
  return out.join(CRLF)
}

function utf8Length(unit: string): number {
  let octets = 0
  for (const char of unit) {
    const code = char.codePointAt(0)!
    octets += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
  }
  return octets
}
