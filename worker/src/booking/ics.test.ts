import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { feed, invite, type IcsEvent } from './ics'

// Every file is read back by ical.js, an independent parser, never by string matching alone.

// ical.js reads properties it does not know raw. NAME is TEXT (RFC 7986 §5.1) and X-WR-CALNAME
// is TEXT for Apple, Google and Outlook, so the test teaches ical.js both to compare the names.
ICAL.design.icalendar.property['name'] = { defaultType: 'text' }
ICAL.design.icalendar.property['x-wr-calname'] = { defaultType: 'text' }

const TURKISH = 'Salı, 8 Aralık 2026 — Çağrı Şahin; İzmir, "Kordon"'
const MIN = 60_000
const START = Date.UTC(2026, 11, 8, 11, 30) // 14:30 in Istanbul
const STAMP = Date.UTC(2026, 11, 1, 9, 15, 42, 789)
const DESCRIPTION = [
  `Toplantı: ${TURKISH}`,
  'Ertelemek için: https://leadline.example/b/r/tok_4f9Zq?lang=tr&x=1,2;3',
  'İptal etmek için: https://leadline.example/b/c/tok_8kWm2',
  'Dosya: C:\\Users\\ayşe\\notlar.txt, bitti; \\n burada düz metin',
  'Görüşmek üzere 😀🇹🇷 ğüşıöç ĞÜŞİÖÇ ğüşıöç ĞÜŞİÖÇ ğüşıöç ĞÜŞİÖÇ ğüşıöç ĞÜŞİÖÇ',
  '',
  'Son satır\\',
].join('\n')

function booking(overrides: Partial<IcsEvent> = {}): IcsEvent {
  return {
    uid: 'bk_4f9Zq8kWm2@leadline',
    sequence: 0,
    dtstamp: STAMP,
    start: START,
    end: START + 30 * MIN,
    summary: `Demo: ${TURKISH}`,
    description: DESCRIPTION,
    location: 'İzmir, "Kordon" Boyu; No: 5\\A',
    url: 'https://meet.example/abc-defg-hij?pwd=x,y',
    organizer: { name: 'Çağrı Şahin', email: 'cagri@leadline.example' },
    attendee: { name: 'Ayşe Yılmaz', email: 'ayse@example.com.tr' },
    status: 'CONFIRMED',
    alarmMinutesBefore: 15,
    ...overrides,
  }
}

function parse(ics: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(ics))
}

function onlyEvent(ics: string): { cal: ICAL.Component; vevent: ICAL.Component } {
  const cal = parse(ics)
  const vevents = cal.getAllSubcomponents('vevent')
  expect(vevents).toHaveLength(1)
  return { cal, vevent: vevents[0]! }
}

function instant(vevent: ICAL.Component, name: string): number {
  const time = vevent.getFirstPropertyValue(name) as ICAL.Time
  expect(time.zone?.tzid, `${name} is written in UTC`).toBe('UTC')
  return time.toJSDate().getTime()
}

const octets = (s: string) => new TextEncoder().encode(s).length

/** RFC 5545 §3.1 on the raw text: CRLF only, ≤ 75 octets, whole characters, whole escapes. */
function expectWireFormat(ics: string): void {
  expect(ics.endsWith('\r\n')).toBe(true)
  const lines = ics.slice(0, -2).split('\r\n')
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
  for (const [i, line] of lines.entries()) {
    expect(line, 'no bare CR or LF').not.toMatch(/[\r\n]/)
    expect(octets(line), `line ${i} is at most 75 octets: ${line}`).toBeLessThanOrEqual(75)
    // A fold inside a surrogate pair would leave a lone half, which UTF-8 cannot carry.
    expect(decoder.decode(new TextEncoder().encode(line))).toBe(line)
    if (line.startsWith(' ')) expect(line[1], 'one space only').not.toBe(' ')
    const next = lines[i + 1]
    if (next?.startsWith(' ')) {
      expect(line.match(/\\*$/)![0].length % 2, `line ${i} ends inside an escape`).toBe(0)
    }
  }
}

describe('invite REQUEST', () => {
  const ics = invite(booking(), 'REQUEST')
  const { cal, vevent } = onlyEvent(ics)
  const event = new ICAL.Event(vevent)

  it('is one VCALENDAR with METHOD:REQUEST, PRODID, VERSION 2.0 and the Gregorian scale', () => {
    expect(cal.name).toBe('vcalendar')
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST')
    expect(cal.getFirstPropertyValue('version')).toBe('2.0')
    expect(cal.getFirstPropertyValue('calscale')).toBe('GREGORIAN')
    expect(cal.getFirstPropertyValue('prodid')).toMatch(/^-\/\/Leadline\/\//)
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true)
  })

  it('carries the UID, SEQUENCE 0 and DTSTAMP to the second', () => {
    expect(event.uid).toBe('bk_4f9Zq8kWm2@leadline')
    expect(event.sequence).toBe(0)
    expect(instant(vevent, 'dtstamp')).toBe(Math.floor(STAMP / 1000) * 1000)
  })

  it('writes the start and end as the right UTC instants', () => {
    expect(instant(vevent, 'dtstart')).toBe(START)
    expect(instant(vevent, 'dtend')).toBe(START + 30 * MIN)
    expect(ics).toContain('\r\nDTSTART:20261208T113000Z\r\n')
    expect(ics).toContain('\r\nDTEND:20261208T120000Z\r\n')
  })

  it('round-trips summary, description and location exactly', () => {
    expect(event.summary).toBe(`Demo: ${TURKISH}`)
    expect(event.description).toBe(DESCRIPTION)
    expect(event.location).toBe('İzmir, "Kordon" Boyu; No: 5\\A')
  })

  it('has the meeting link as URL', () => {
    expect(vevent.getFirstPropertyValue('url')).toBe('https://meet.example/abc-defg-hij?pwd=x,y')
  })

  it('names the rep as organizer and the visitor as an attendee asked to reply', () => {
    expect(event.organizer).toBe('mailto:cagri@leadline.example')
    expect(vevent.getFirstProperty('organizer')!.getParameter('cn')).toBe('Çağrı Şahin')
    expect(event.attendees).toHaveLength(1)
    const attendee = event.attendees[0]!
    expect(attendee.getFirstValue()).toBe('mailto:ayse@example.com.tr')
    expect(attendee.getParameter('cn')).toBe('Ayşe Yılmaz')
    expect(attendee.getParameter('role')).toBe('REQ-PARTICIPANT')
    expect(attendee.getParameter('partstat')).toBe('NEEDS-ACTION')
    expect(attendee.getParameter('rsvp')).toBe('TRUE')
  })

  it('is confirmed and blocks time', () => {
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED')
    expect(vevent.getFirstPropertyValue('transp')).toBe('OPAQUE')
  })

  it('reminds 15 minutes before with a DISPLAY alarm', () => {
    const alarms = vevent.getAllSubcomponents('valarm')
    expect(alarms).toHaveLength(1)
    const alarm = alarms[0]!
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY')
    expect(alarm.getFirstPropertyValue('description')).toBe(`Demo: ${TURKISH}`)
    const trigger = alarm.getFirstPropertyValue('trigger') as ICAL.Duration
    expect(trigger.toSeconds()).toBe(-15 * 60)
    expect(ics).toContain('\r\nTRIGGER:-PT15M\r\n')
  })

  it('keeps to the wire format', () => expectWireFormat(ics))

  it('folds by octets: Turkish lines are cut before 75 bytes, not 75 characters', () => {
    const lines = ics.split('\r\n')
    expect(lines.some((l) => l.startsWith(' '))).toBe(true)
    // Folding uses the room it has: a fold line comes within one character (≤ 4 octets) of 75.
    const folded = lines.filter((l, i) => lines[i + 1]?.startsWith(' '))
    for (const line of folded) expect(octets(line)).toBeGreaterThanOrEqual(71)
    expect(lines.some((l) => octets(l) === 75 && l.length < 75)).toBe(true)
  })

  it('is the same text for the same input', () => expect(invite(booking(), 'REQUEST')).toBe(ics))
})

describe('invite on change', () => {
  const moved = booking({
    sequence: 1,
    dtstamp: STAMP + 60 * MIN,
    start: START + 24 * 60 * MIN,
    end: START + 24 * 60 * MIN + 45 * MIN,
  })
  const cancelled = booking({ sequence: 2, dtstamp: STAMP + 120 * MIN, status: 'CANCELLED' })
  const first = new ICAL.Event(onlyEvent(invite(booking(), 'REQUEST')).vevent)

  it('reschedules with the same UID, a higher SEQUENCE and the new times', () => {
    const { vevent } = onlyEvent(invite(moved, 'REQUEST'))
    const event = new ICAL.Event(vevent)
    expect(event.uid).toBe(first.uid)
    expect(event.sequence).toBeGreaterThan(first.sequence)
    expect(instant(vevent, 'dtstart')).toBe(START + 24 * 60 * MIN)
    expect(instant(vevent, 'dtend')).toBe(START + 24 * 60 * MIN + 45 * MIN)
    expect(instant(vevent, 'dtstamp')).toBe(STAMP + 60 * MIN - 789)
  })

  it('cancels with METHOD:CANCEL, the same UID, a higher SEQUENCE and STATUS:CANCELLED', () => {
    const ics = invite(cancelled, 'CANCEL')
    expectWireFormat(ics)
    const { cal, vevent } = onlyEvent(ics)
    const event = new ICAL.Event(vevent)
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL')
    expect(event.uid).toBe(first.uid)
    expect(event.sequence).toBe(2)
    expect(event.sequence).toBeGreaterThan(first.sequence)
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED')
    expect(event.organizer).toBe('mailto:cagri@leadline.example')
    expect(event.attendees.map((a) => a.getFirstValue())).toEqual(['mailto:ayse@example.com.tr'])
    expect(event.attendees[0]!.getParameter('rsvp')).toBe('FALSE')
  })

  it('sends a CANCEL without an alarm, even for an event record still marked confirmed', () => {
    const { vevent } = onlyEvent(invite(booking({ sequence: 1 }), 'CANCEL'))
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED')
    expect(vevent.getAllSubcomponents('valarm')).toHaveLength(0)
  })

  it('refuses to REQUEST a cancelled event', () =>
    expect(() => invite(cancelled, 'REQUEST')).toThrow(RangeError))
})

describe('invite values', () => {
  const summaryOf = (summary: string) =>
    new ICAL.Event(onlyEvent(invite(booking({ summary }), 'REQUEST')).vevent).summary

  it.each([
    ['commas, semicolons; and backslashes \\ \\\\'],
    ['line one\nline two\n\nline four'],
    ['ends with a backslash \\'],
    ['a literal backslash-n: \\n is not a newline'],
    ['tab\tinside'],
    ['emoji 😀 flags 🇹🇷 and CJK 日本語'],
    [TURKISH],
    ['ş'.repeat(200)],
    ['😀'.repeat(100)],
    ['\\,'.repeat(60)],
  ])('round-trips the text %j', (summary) => {
    expectWireFormat(invite(booking({ summary }), 'REQUEST'))
    expect(summaryOf(summary)).toBe(summary)
  })

  it('turns CRLF and CR into a newline', () => expect(summaryOf('a\r\nb\rc\nd')).toBe('a\nb\nc\nd'))

  it('drops control characters TEXT cannot hold', () =>
    expect(summaryOf('a\u0000b\u0007c\u001bd\u007fe')).toBe('abcde'))

  it('writes a lone surrogate as U+FFFD instead of invalid UTF-8', () => {
    const ics = invite(booking({ summary: 'x\uD83Dy' }), 'REQUEST')
    expectWireFormat(ics)
    expect(summaryOf('x\uD83Dy')).toBe('x\uFFFDy')
  })

  it('keeps a caret in a CN (RFC 6868)', () => {
    const { vevent } = onlyEvent(
      invite(booking({ attendee: { name: 'A^n^^B', email: 'a@b.example' } }), 'REQUEST'),
    )
    expect(vevent.getFirstProperty('attendee')!.getParameter('cn')).toBe('A^n^^B')
  })

  it('leaves out LOCATION and URL when there are none', () => {
    const { vevent } = onlyEvent(
      invite(booking({ location: undefined, url: undefined }), 'REQUEST'),
    )
    expect(vevent.hasProperty('location')).toBe(false)
    expect(vevent.hasProperty('url')).toBe(false)
  })

  it('writes a phone number as the location', () => {
    const { vevent } = onlyEvent(invite(booking({ location: '+90 532 123 45 67' }), 'REQUEST'))
    expect(vevent.getFirstPropertyValue('location')).toBe('+90 532 123 45 67')
  })

  it('has no alarm when none is asked for, and an alarm at the start for 0 minutes', () => {
    const none = onlyEvent(invite(booking({ alarmMinutesBefore: undefined }), 'REQUEST'))
    expect(none.vevent.getAllSubcomponents('valarm')).toHaveLength(0)
    const atStart = onlyEvent(invite(booking({ alarmMinutesBefore: 0 }), 'REQUEST'))
    const trigger = atStart.vevent.getFirstSubcomponent('valarm')!.getFirstPropertyValue('trigger')
    expect((trigger as ICAL.Duration).toSeconds()).toBe(0)
  })

  it.each<[string, Partial<IcsEvent>]>([
    ['an end before the start', { end: START - MIN }],
    ['an end at the start', { end: START }],
    ['a negative sequence', { sequence: -1 }],
    ['a fractional sequence', { sequence: 1.5 }],
    ['a time that is not a number', { start: Number.NaN }],
    ['a year past 9999', { end: Date.UTC(10000, 0, 1) }],
    ['a negative alarm', { alarmMinutesBefore: -5 }],
  ])('throws a RangeError for %s', (_, overrides) =>
    expect(() => invite(booking(overrides), 'REQUEST')).toThrow(RangeError),
  )
})

describe('invite against injection', () => {
  const hostile = booking({
    uid: 'bk_1@leadline\r\nUID:evil',
    summary: 'Demo\r\nBEGIN:VEVENT\r\nUID:evil\r\nEND:VEVENT',
    description: 'x\nEND:VEVENT\nBEGIN:VTODO',
    location: 'Kordon\r\nATTENDEE:mailto:evil@example.com',
    url: 'https://meet.example/x\r\nBEGIN:VALARM',
    organizer: { name: 'Rep"\r\nATTENDEE:mailto:evil@example.com', email: 'rep@leadline.example' },
    attendee: {
      name: 'Ayşe\r\nBEGIN:VEVENT" ;ROLE=CHAIR:mailto:evil@example.com',
      email: 'ayse@example.com\r\nATTENDEE:mailto:evil@example.com',
    },
  })

  for (const method of ['REQUEST', 'CANCEL'] as const) {
    it(`cannot add a property or component to a ${method}`, () => {
      const ics = invite(hostile, method)
      expectWireFormat(ics)
      const { cal, vevent } = onlyEvent(ics)
      expect(cal.getAllSubcomponents().map((c) => c.name)).toEqual(['vevent'])
      expect(vevent.getAllSubcomponents().map((c) => c.name)).toEqual(
        method === 'REQUEST' ? ['valarm'] : [],
      )
      expect(vevent.getAllProperties().map((p) => p.name)).toEqual([
        'uid',
        'sequence',
        'dtstamp',
        'dtstart',
        'dtend',
        'summary',
        'description',
        'location',
        'url',
        'organizer',
        'attendee',
        'status',
        'transp',
      ])
      const event = new ICAL.Event(vevent)
      expect(event.uid).toBe('bk_1@leadline\nUID:evil')
      expect(event.summary).toBe('Demo\nBEGIN:VEVENT\nUID:evil\nEND:VEVENT')
      expect(event.location).toBe('Kordon\nATTENDEE:mailto:evil@example.com')
      const attendee = event.attendees[0]!
      expect(attendee.getParameter('cn')).toBe(
        'Ayşe BEGIN:VEVENT ;ROLE=CHAIR:mailto:evil@example.com',
      )
      expect(attendee.getParameter('role')).toBe('REQ-PARTICIPANT')
      expect(attendee.getFirstValue()).toBe(
        'mailto:ayse@example.com%0D%0AATTENDEE:mailto:evil@example.com',
      )
      const organizer = vevent.getFirstProperty('organizer')!
      expect(organizer.getParameter('cn')).toBe('Rep ATTENDEE:mailto:evil@example.com')
      expect(organizer.getFirstValue()).toBe('mailto:rep@leadline.example')
      expect(vevent.getFirstPropertyValue('url')).toBe('https://meet.example/x%0D%0ABEGIN:VALARM')
      const begins = ics.split('\r\n').filter((l) => l.startsWith('BEGIN:'))
      expect(begins).toEqual(
        method === 'REQUEST'
          ? ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'BEGIN:VALARM']
          : ['BEGIN:VCALENDAR', 'BEGIN:VEVENT'],
      )
    })
  }
})

describe('feed', () => {
  const NOW = Date.UTC(2026, 11, 5, 6, 0, 7)
  const events = [
    booking(),
    booking({
      uid: 'bk_second@leadline',
      sequence: 2,
      dtstamp: STAMP + 5 * MIN,
      start: START + 2 * 60 * MIN,
      end: START + 3 * 60 * MIN,
      summary: 'Demo: Mehmet Öztürk',
      url: undefined,
      location: '+90 532 123 45 67',
    }),
    booking({
      uid: 'bk_third@leadline',
      sequence: 3,
      dtstamp: STAMP + 9 * MIN,
      start: START + 26 * 60 * MIN,
      end: START + 26 * 60 * MIN + 30 * MIN,
      summary: 'Demo: İsmail Çelik (iptal)',
      status: 'CANCELLED',
    }),
  ]
  const name = 'Leadline: Çağrı Şahin, satış; demolar \\ 2026'
  const ics = feed(name, events, NOW)
  const cal = parse(ics)
  const vevents = cal.getAllSubcomponents('vevent')

  it('is a PUBLISH calendar with the rep’s name', () => {
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH')
    expect(cal.getFirstPropertyValue('version')).toBe('2.0')
    expect(cal.getFirstPropertyValue('calscale')).toBe('GREGORIAN')
    expect(cal.getFirstPropertyValue('prodid')).toMatch(/^-\/\/Leadline\/\//)
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe(name)
    expect(cal.getFirstPropertyValue('name')).toBe(name)
  })

  it('holds every event, the cancelled one marked CANCELLED', () => {
    expect(vevents).toHaveLength(3)
    const read = vevents.map((v) => {
      const e = new ICAL.Event(v)
      return [e.uid, e.sequence, v.getFirstPropertyValue('status'), instant(v, 'dtstart')]
    })
    expect(read).toEqual([
      ['bk_4f9Zq8kWm2@leadline', 0, 'CONFIRMED', START],
      ['bk_second@leadline', 2, 'CONFIRMED', START + 2 * 60 * MIN],
      ['bk_third@leadline', 3, 'CANCELLED', START + 26 * 60 * MIN],
    ])
  })

  it('round-trips each event’s text and times', () => {
    const first = new ICAL.Event(vevents[0]!)
    expect(first.summary).toBe(`Demo: ${TURKISH}`)
    expect(first.description).toBe(DESCRIPTION)
    expect(instant(vevents[0]!, 'dtend')).toBe(START + 30 * MIN)
    expect(vevents[1]!.getFirstPropertyValue('location')).toBe('+90 532 123 45 67')
    expect(vevents[1]!.hasProperty('url')).toBe(false)
    expect(vevents[0]!.getFirstPropertyValue('url')).toBe(
      'https://meet.example/abc-defg-hij?pwd=x,y',
    )
  })

  it('stamps every event with the feed time and keeps its own as LAST-MODIFIED', () => {
    for (const [i, v] of vevents.entries()) {
      expect(instant(v, 'dtstamp')).toBe(NOW)
      expect(instant(v, 'last-modified')).toBe(Math.floor(events[i]!.dtstamp / 1000) * 1000)
    }
  })

  it('has an organizer and no attendees (RFC 5546 §3.2.1)', () => {
    for (const v of vevents) {
      expect(v.getFirstPropertyValue('organizer')).toBe('mailto:cagri@leadline.example')
      expect(v.getFirstProperty('organizer')!.getParameter('cn')).toBe('Çağrı Şahin')
      expect(v.hasProperty('attendee')).toBe(false)
    }
  })

  it('reminds of live meetings only', () =>
    expect(vevents.map((v) => v.getAllSubcomponents('valarm').length)).toEqual([1, 1, 0]))

  it('keeps to the wire format', () => expectWireFormat(ics))

  it('is a valid calendar with no events', () => {
    const empty = feed('Boş', [], NOW)
    expectWireFormat(empty)
    const parsed = parse(empty)
    expect(parsed.getFirstPropertyValue('method')).toBe('PUBLISH')
    expect(parsed.getAllSubcomponents('vevent')).toHaveLength(0)
  })
})
