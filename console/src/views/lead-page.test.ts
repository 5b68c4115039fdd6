/**
 * The lead page in Chromium, driven like a user, against a stubbed admin API shaped by the
 * contract (test/e2e/console-lead.test.ts runs it against the real worker).
 */
import * as v from 'valibot'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { LeadDetailSchema, type Booking, type Lead, type LeadDetail } from '../../../contract'
import { AdminApi } from '../api'
import { actionRequest, consentByChannel, slotsByDay } from '../lead/lead-data'
import { json, KEY, ME, REP_ME, shadow, stubApi, type Call } from '../test-helpers'
import './lead-page'
import type { LeadlineLeadPage } from './lead-page'

const T0 = '2026-03-02T09:00:00.000Z'
const T1 = '2026-03-03T10:30:00.000Z'
const TEAM = {
  items: [
    { id: 'us_1', name: 'Ayşe Owner', email: 'o@x.co', role: 'owner', createdAt: T0, keys: null },
    { id: 'us_2', name: 'Rıza Rep', email: 'r@x.co', role: 'rep', createdAt: T0, keys: null },
  ],
}

function detail(lead: Partial<Lead> = {}, extra: Partial<LeadDetail> = {}): LeadDetail {
  return v.parse(LeadDetailSchema, {
    lead: {
      id: 'ld_1',
      contactId: 'ct_1',
      stage: 'qualification',
      status: 'open',
      closeReason: null,
      ownerId: 'us_2',
      valueMinor: 2_500_000,
      currency: 'TRY',
      probability: 10,
      score: 72,
      qualification: 'qualified',
      scoreBreakdown: {
        total: 72,
        outcome: 'qualified',
        knockout: false,
        criteria: [{ id: 'budget', points: 8, max: 10, percent: 80, weight: 2 }],
        fired: [],
      },
      spam: false,
      source: { pageUrl: null, referrer: null, utm: {} },
      message: null,
      custom: {},
      version: 4,
      stageEnteredAt: T0,
      createdAt: T0,
      updatedAt: T1,
      pipelineId: null,
      expectedClose: null,
      probabilityOverride: null,
      ...lead,
    },
    contact: {
      id: 'ct_1',
      name: 'Zeynep Kaya',
      email: 'zeynep@example.com',
      phone: '+905321234567',
      company: 'Kaya Tekstil',
      location: 'İstanbul',
      ownerId: null,
      tags: [],
      custom: {},
      timeZone: null,
      mergedInto: null,
      erasedAt: null,
      version: 1,
      createdAt: T0,
      updatedAt: T0,
    },
    consents: [
      {
        channel: 'email',
        granted: true,
        textVersion: '1',
        language: 'tr',
        source: 'form',
        wording: null,
        leadId: 'ld_1',
        givenByContactId: null,
        at: T0,
      },
      {
        channel: 'email',
        granted: false,
        textVersion: '1',
        language: null,
        source: 'unsubscribe',
        wording: null,
        leadId: null,
        givenByContactId: null,
        at: T1,
      },
      {
        channel: 'phone',
        granted: true,
        textVersion: '1',
        language: 'tr',
        source: 'form',
        wording: null,
        leadId: 'ld_1',
        givenByContactId: null,
        at: T0,
      },
    ],
    stageEvents: [],
    timeline: [
      {
        id: 'ac_2',
        leadId: 'ld_1',
        contactId: 'ct_1',
        type: 'stage_changed',
        body: { from: 'lead', to: 'qualification', reason: 'Aradı' },
        actorType: 'user',
        actorId: 'us_2',
        createdAt: T1,
      },
      {
        id: 'ac_1',
        leadId: 'ld_1',
        contactId: 'ct_1',
        type: 'form_submitted',
        body: {},
        actorType: 'visitor',
        actorId: null,
        createdAt: T0,
      },
    ],
    ...extra,
  })
}

const BOOKING: Booking = {
  id: 'bk_1',
  leadId: 'ld_1',
  repId: 'us_2',
  type: 'demo',
  start: T1,
  end: '2026-03-03T11:00:00.000Z',
  visitorTimeZone: 'Europe/Istanbul',
  status: 'confirmed',
  sequence: 0,
  createdAt: T0,
  updatedAt: T0,
}
const SETTINGS = {
  meetingTypes: [
    {
      id: 'demo',
      name: { tr: 'Ürün demosu', en: 'Product demo' },
      durationMin: 30,
      location: { kind: 'video', value: '' },
    },
  ],
  reps: [],
  assignment: 'owner_first',
}

/** The lead's routes; `extra` ones win (listed first). */
function api(extra: Record<string, (call: Call) => Response> = {}, bookings: Booking[] = []) {
  return stubApi({
    ...extra,
    'GET /admin/api/leads/ld_1/quotes': () => json({ items: [] }),
    'GET /admin/api/leads/ld_1': () => json(detail()),
    'GET /admin/api/team': () => json(TEAM),
    'GET /admin/api/bookings?lead=ld_1': () => json({ items: bookings }),
    'GET /admin/api/booking/settings': () => json(SETTINGS),
  })
}

async function mount(me = ME): Promise<LeadlineLeadPage> {
  const el = document.createElement('leadline-lead-page') as LeadlineLeadPage
  el.setAttribute('lead-id', 'ld_1')
  el.api = new AdminApi(KEY)
  el.me = me
  document.body.append(el)
  await vi.waitFor(() =>
    expect(shadow(el).querySelector('#lead-h')!.textContent).toBe('Zeynep Kaya'),
  )
  return el
}

const root = (el: Element) => shadow(el)
const bookingsOf = (el: Element) => shadow(root(el).querySelector('leadline-lead-bookings'))
const live = (el: Element) => root(el).querySelector('#live')!

beforeEach(() => document.body.replaceChildren())
afterEach(() => vi.unstubAllGlobals())

describe('the lead page', () => {
  it('shows the contact with its consents, the score breakdown and the timeline in words', async () => {
    api()
    const el = await mount()
    const text = root(el).textContent!
    expect(text).toContain('zeynep@example.com')
    expect(text).toContain('Kaya Tekstil')
    expect(text).toContain('Nitelendirme')
    expect(text).toContain('₺25.000')
    await vi.waitFor(() => expect(root(el).querySelector('.owner')!.textContent).toBe('Rıza Rep'))
    const consents = root(el).querySelector('.consents')!.textContent!
    expect(consents).toMatch(/E-posta\s*Geri alındı/)
    expect(consents).toMatch(/SMS\s*İzin yok/)
    expect(consents).toMatch(/Telefon\s*Verildi/)
    const table = root(el).querySelector('table')!
    expect(table.textContent).toMatch(/Bütçe\s*8 \/ 10\s*%80\s*2/)
    const items = [...root(el).querySelectorAll('ol.timeline li')].map((li) => li.textContent)
    expect(items[0]).toMatch(/Aşama: Aday → Nitelendirme[\s\S]*Rıza Rep[\s\S]*Aradı/)
    expect(items[1]).toMatch(/Form gönderildi[\s\S]*Ziyaretçi/)
    expect(root(el).querySelector('leadline-lead-quotes')!.getAttribute('lead-id')).toBe('ld_1')
    await vi.waitFor(() =>
      expect(bookingsOf(el).textContent).toContain('Bu aday için görüşme yok.'),
    )
  })

  it("shows the probability the deals list uses: the store's learned rate, not the lead row's default", async () => {
    const stage = (probability: number) => ({
      label: { tr: '', en: '' },
      probability,
      rotDays: null,
    })
    const calls = api({
      'GET /admin/api/pipelines': () =>
        json({
          items: [
            {
              id: 'pl_default',
              name: 'Mağaza',
              isDefault: true,
              stages: {
                lead: stage(5),
                qualification: stage(15),
                nurturing: stage(20),
                meeting: stage(40),
                proposal: stage(60),
                deal: stage(80),
              },
              version: 1,
              createdAt: T0,
              updatedAt: T0,
            },
          ],
        }),
      'GET /admin/api/deals/probabilities': () =>
        json({
          pipelineId: 'pl_default',
          minSample: 20,
          window: 5000,
          stages: [
            {
              stage: 'qualification',
              probability: 35,
              sample: 40,
              won: 14,
              source: 'learned',
              stageProbability: 15,
            },
          ],
        }),
    })
    const el = await mount()
    // The lead row says 10 %; the store learned 35 % for the stage from 40 closed leads.
    await vi.waitFor(() => expect(root(el).querySelector('.probability')!.textContent).toBe('%35'))
    expect(calls.map((c) => c.path)).toContain('/admin/api/deals/probabilities?pipeline=pl_default')
  })

  it('adds a note with the keyboard, announces it and re-reads the lead', async () => {
    let posted = 0
    const calls = api({
      'POST /admin/api/leads/ld_1/activities': () => (posted++, json({ id: 'ac_3' }, 201)),
    })
    const el = await mount()
    const reads = () => calls.filter((c) => c.path === '/admin/api/leads/ld_1').length
    const before = reads()
    root(el).querySelector<HTMLTextAreaElement>('#note')!.focus()
    await userEvent.keyboard('{Enter}')
    await userEvent.keyboard('Fiyat listesini istedi')
    await userEvent.tab()
    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() => expect(posted).toBe(1))
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      type: 'note',
      body: 'Fiyat listesini istedi',
    })
    await vi.waitFor(() => expect(live(el).textContent).toBe('Not eklendi.'))
    expect(reads()).toBe(before + 1)
    // The note is announced as soon as it is saved; the field empties once the lead is re-read.
    await vi.waitFor(() =>
      expect(root(el).querySelector<HTMLTextAreaElement>('#note')!.value).toBe(''),
    )
    expect(root(el).activeElement?.id).toBe('note')
  })

  it('refuses an empty note without calling the API', async () => {
    const calls = api()
    const el = await mount()
    await userEvent.click(root(el).querySelector('form.note button')!)
    expect(root(el).querySelector<HTMLTextAreaElement>('#note')!.validationMessage).toBe(
      'Bu alan zorunludur.',
    )
    expect(calls.some((c) => c.method === 'POST')).toBe(false)
  })

  it('logs a call from its dialog and returns the focus to the button', async () => {
    const calls = api({
      'POST /admin/api/leads/ld_1/activities': () => json({ id: 'ac_3' }, 201),
    })
    const el = await mount()
    const button = root(el).querySelector<HTMLButtonElement>('[data-action=call]')!
    await userEvent.click(button)
    const dialog = root(el).querySelector('dialog')!
    expect(dialog.open).toBe(true)
    await userEvent.click(dialog.querySelector('input[value=inbound]')!)
    await userEvent.type(dialog.querySelector('#duration')!, '12')
    await userEvent.type(dialog.querySelector('#body')!, 'Teslim tarihini sordu')
    await userEvent.click(dialog.querySelector('button[type=submit]')!)
    await vi.waitFor(() => expect(dialog.open).toBe(false))
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      type: 'call',
      body: 'Teslim tarihini sordu',
      direction: 'inbound',
      durationMinutes: 12,
    })
    expect(root(el).activeElement).toBe(button)
    await vi.waitFor(() => expect(live(el).textContent).toBe('Kaydedildi.'))
  })

  it('shows who changed the lead meanwhile when a move meets a 409, and moves nothing', async () => {
    const current = detail({ stage: 'proposal', ownerId: 'us_1', version: 6 }).lead
    api({
      'POST /admin/api/leads/ld_1/move': () =>
        json(
          { error: { code: 'conflict', message: 'Someone changed this lead first.' }, current },
          409,
        ),
    })
    const el = await mount()
    await userEvent.click(root(el).querySelector('[data-action=move]')!)
    const dialog = root(el).querySelector('dialog')!
    await userEvent.selectOptions(dialog.querySelector('select')!, 'meeting')
    await userEvent.type(dialog.querySelector('#reason')!, 'Demo istedi')
    await userEvent.keyboard('{Tab}{Tab}{Enter}')
    await vi.waitFor(() =>
      expect(root(el).querySelector('[role=alert]')!.textContent).toContain(
        'şimdi Teklif aşamasında, sahibi: Ayşe Owner',
      ),
    )
    await vi.waitFor(() => expect(dialog.open).toBe(false))
  })

  it('closes a lead as lost with a reason chosen from the list', async () => {
    const calls = api({ 'POST /admin/api/leads/ld_1/close': () => json(detail().lead) })
    const el = await mount()
    await userEvent.click(root(el).querySelector('[data-action=lost]')!)
    const dialog = root(el).querySelector('dialog')!
    await userEvent.selectOptions(dialog.querySelector('select')!, 'competitor')
    await userEvent.click(dialog.querySelector('button[type=submit]')!)
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true))
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      outcome: 'lost',
      reason: 'competitor',
      expectedVersion: 4,
    })
  })

  it('assigns an owner from the team, in English', async () => {
    const calls = api({ 'POST /admin/api/leads/ld_1/assign': () => json(detail().lead) })
    const el = await mount(REP_ME)
    el.locale = 'en'
    await vi.waitFor(() => expect(root(el).textContent).toContain('Assign owner'))
    await userEvent.click(root(el).querySelector('[data-action=assign]')!)
    const select = root(el).querySelector<HTMLSelectElement>('dialog select')!
    expect([...select.options].map((o) => o.text.trim())).toEqual([
      'Ayşe Owner',
      'Rıza Rep (me)',
      'Nobody (unassign)',
    ])
    await userEvent.selectOptions(select, 'us_1')
    await userEvent.click(root(el).querySelector('dialog button[type=submit]')!)
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true))
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      ownerId: 'us_1',
      expectedVersion: 4,
    })
  })

  it('books a meeting from the free slots and refreshes them when the slot was taken', async () => {
    let taken = true
    const slots = {
      type: 'demo',
      durationMin: 30,
      timeZone: 'UTC',
      slots: [
        { start: '2030-01-07T09:00:00.000Z', end: '2030-01-07T09:30:00.000Z' },
        { start: '2030-01-08T09:00:00.000Z', end: '2030-01-08T09:30:00.000Z' },
      ],
    }
    const calls = api({
      'GET /admin/api/slots': () => json(slots),
      'POST /admin/api/leads/ld_1/bookings': () =>
        taken
          ? ((taken = false),
            json({ error: { code: 'slot_taken', message: 'taken' }, slots: [] }, 409))
          : json({ ...BOOKING, start: slots.slots[1]!.start }, 201),
    })
    const el = await mount()
    const section = bookingsOf(el)
    await vi.waitFor(() => expect(section.textContent).toContain('Görüşme ayarla'))
    await userEvent.click(section.querySelector('.section-head button')!)
    const dialog = section.querySelector('dialog')!
    await vi.waitFor(() => expect(dialog.querySelectorAll('input[name=start]').length).toBe(2))
    expect([...dialog.querySelectorAll('.day-label')].length).toBe(2)
    expect(calls.find((c) => c.path.startsWith('/admin/api/slots'))!.path).toMatch(
      /^\/admin\/api\/slots\?type=demo&from=.+&to=.+/,
    )
    await userEvent.click(dialog.querySelectorAll<HTMLInputElement>('input[name=start]')[1]!)
    await userEvent.click(dialog.querySelector('button[type=submit]')!)
    await vi.waitFor(() =>
      expect(dialog.querySelector('[role=alert]')!.textContent).toContain('az önce doldu'),
    )
    expect(calls.filter((c) => c.path.startsWith('/admin/api/slots')).length).toBe(2)
    await vi.waitFor(() => expect(dialog.querySelectorAll('input[name=start]').length).toBe(2))
    await userEvent.click(dialog.querySelectorAll<HTMLInputElement>('input[name=start]')[1]!)
    await userEvent.click(dialog.querySelector('button[type=submit]')!)
    await vi.waitFor(() => expect(dialog.open).toBe(false))
    const post = calls.filter((c) => c.method === 'POST').at(-1)!
    expect(post.body).toMatchObject({ type: 'demo', start: slots.slots[1]!.start })
    expect((post.body as { timeZone: string }).timeZone).toBe(
      Intl.DateTimeFormat().resolvedOptions().timeZone,
    )
    await vi.waitFor(() => expect(live(el).textContent).toMatch(/^Görüşme ayarlandı: /))
  })

  it('marks a confirmed meeting held with the rep’s note', async () => {
    const calls = api(
      { 'POST /admin/api/bookings/bk_1/held': () => json({ ...BOOKING, status: 'held' }) },
      [BOOKING],
    )
    const el = await mount()
    const section = bookingsOf(el)
    await vi.waitFor(() => expect(section.querySelector('[data-booking=bk_1] button')).toBeTruthy())
    expect(section.textContent).toContain('Ürün demosu')
    await userEvent.click(section.querySelector('[data-booking=bk_1] button')!)
    await userEvent.keyboard('İyi geçti')
    await userEvent.click(section.querySelector('dialog button[type=submit]')!)
    await vi.waitFor(() => expect(calls.some((c) => c.path.endsWith('/held'))).toBe(true))
    expect(calls.find((c) => c.path.endsWith('/held'))!.body).toEqual({ reason: 'İyi geçti' })
    await vi.waitFor(() => expect(live(el).textContent).toBe('Görüşme güncellendi.'))
  })

  it('says in plain words when the lead cannot be loaded', async () => {
    stubApi({
      'GET /admin/api/leads/ld_1': () =>
        json({ error: { code: 'not_found', message: 'No such lead.' } }, 404),
    })
    const el = document.createElement('leadline-lead-page') as LeadlineLeadPage
    el.setAttribute('lead-id', 'ld_1')
    el.api = new AdminApi(KEY)
    document.body.append(el)
    await vi.waitFor(() =>
      expect(root(el).querySelector('[role=alert]')!.textContent).toContain('Bu kayıt bulunamadı'),
    )
  })
})

describe('the lead page’s data shaping', () => {
  it('keeps each channel’s latest consent', () => {
    const c = consentByChannel(detail().consents)
    expect(c.email?.granted).toBe(false)
    expect(c.phone?.granted).toBe(true)
    expect(c.sms).toBeNull()
  })

  it('builds each action’s request with the lead’s version, or names the missing field', () => {
    const lead = { id: 'ld_1', version: 7 }
    expect(actionRequest('email', { body: ' x ', direction: 'outbound' }, lead)).toEqual({
      path: '/leads/ld_1/activities',
      body: { type: 'email', body: 'x', direction: 'outbound' },
    })
    expect(actionRequest('move', { to: 'deal', reason: '' }, lead)).toEqual({ missing: 'reason' })
    expect(actionRequest('lost', { lostReason: 'other', reason: '' }, lead)).toEqual({
      missing: 'reason',
    })
    expect(actionRequest('lost', { lostReason: 'other', reason: 'Kapandı' }, lead)).toEqual({
      path: '/leads/ld_1/close',
      body: { outcome: 'lost', reason: 'Kapandı', expectedVersion: 7 },
    })
    expect(actionRequest('won', { reason: 'İmzalandı' }, lead)).toMatchObject({
      body: { outcome: 'won', reason: 'İmzalandı', expectedVersion: 7 },
    })
    expect(actionRequest('assign', { ownerId: '' }, lead)).toEqual({
      path: '/leads/ld_1/assign',
      body: { ownerId: null, expectedVersion: 7 },
    })
  })

  it('groups free slots by day in the given zone', () => {
    const days = slotsByDay(
      [
        { start: '2030-01-07T20:30:00.000Z', end: '2030-01-07T21:00:00.000Z' },
        { start: '2030-01-07T21:00:00.000Z', end: '2030-01-07T21:30:00.000Z' },
      ],
      'en',
      'Europe/Istanbul',
    )
    expect(days).toEqual([
      {
        label: 'Monday, January 7',
        slots: [{ start: '2030-01-07T20:30:00.000Z', label: '11:30 PM' }],
      },
      {
        label: 'Tuesday, January 8',
        slots: [{ start: '2030-01-07T21:00:00.000Z', label: '12:00 AM' }],
      },
    ])
  })
})
