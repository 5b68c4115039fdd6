/**
 * The console's elements in Chromium, driven like a user. `fetch` is stubbed with answers shaped
 * like the admin API's contract (the end-to-end test in test/e2e/console.test.ts runs against
 * the real worker).
 */
import * as v from 'valibot'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import {
  ConflictSchema,
  LeadListItemSchema,
  LeadSchema,
  type Lead,
  type LeadListItem,
} from '../../contract'
import { DealSchema, type Deal } from '../../contract/deals'
import './app'
import type { LeadlineBoard } from './board'
import { KEY_STORAGE } from './session'
import { json, KEY, ME, mountConsole, shadow, stubApi, type Call } from './test-helpers'

const NOW = new Date().toISOString()
const DAYS_AGO = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString()

function lead(id: string, stage: Lead['stage'], extra: Partial<LeadListItem> = {}): LeadListItem {
  return v.parse(LeadListItemSchema, {
    id,
    contactId: 'ct_' + id,
    stage,
    status: 'open',
    closeReason: null,
    ownerId: null,
    valueMinor: 1_000_000,
    currency: 'TRY',
    probability: 10,
    score: 72,
    qualification: null,
    scoreBreakdown: null,
    spam: false,
    source: { pageUrl: null, referrer: null, utm: {} },
    message: null,
    custom: {},
    version: 3,
    stageEnteredAt: DAYS_AGO(2),
    createdAt: DAYS_AGO(5),
    updatedAt: NOW,
    pipelineId: null,
    expectedClose: null,
    probabilityOverride: null,
    contact: { name: 'Ayşe Yılmaz', email: 'ayse@example.com', company: 'Yılmaz Tekstil' },
    ...extra,
  })
}

function deal(l: LeadListItem, extra: Partial<Deal> = {}): Deal {
  return v.parse(DealSchema, {
    leadId: l.id,
    contact: { name: l.contact.name, company: l.contact.company },
    stage: l.stage,
    pipeline: { id: 'pl_default', name: 'Varsayılan' },
    ownerId: null,
    valueMinor: l.valueMinor,
    currency: l.currency,
    probability: 40,
    probabilitySource: 'stage',
    probabilitySample: null,
    weightedMinor: 400_000,
    expectedClose: null,
    daysInStage: 9,
    usualDays: 4,
    rotLimitDays: 7,
    rotting: true,
    score: 1,
    reasons: [],
    version: l.version,
    ...extra,
  })
}

async function board(app: Element): Promise<LeadlineBoard> {
  await vi.waitFor(() => expect(shadow(app).querySelector('leadline-board')).toBeTruthy())
  return shadow(app).querySelector('leadline-board') as LeadlineBoard
}

const column = (b: LeadlineBoard, stage: string) =>
  shadow(b).querySelector(`section[data-stage="${stage}"]`) as HTMLElement

beforeEach(() => {
  sessionStorage.clear()
  document.body.replaceChildren()
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('signing in and out', () => {
  it('keeps a key the API accepts for the session and forgets it on sign-out', async () => {
    const a = lead('ld_a', 'lead')
    const calls = stubApi({
      'GET /admin/api/me': () => json(ME),
      'GET /admin/api/leads': () => json({ items: [a], nextCursor: null }),
      'GET /admin/api/deals': () => json({ items: [], nextCursor: null }),
    })
    const app = await mountConsole()
    const root = shadow(app)
    const signIn = shadow(root.querySelector('leadline-sign-in'))
    await userEvent.type(signIn.querySelector('input')!, KEY)
    await userEvent.click(signIn.querySelector('button[type=submit]')!)

    const b = await board(app)
    expect(sessionStorage.getItem(KEY_STORAGE)).toBe(KEY)
    await vi.waitFor(() => expect(column(b, 'lead').textContent).toContain('Ayşe Yılmaz'))
    expect(calls.every((c) => c.auth === `Bearer ${KEY}`)).toBe(true)
    expect(calls.map((c) => c.path)).toContain('/admin/api/leads?status=open&limit=100')
    expect(root.textContent).toContain('Ayşe Owner · Demo Mağaza')

    await userEvent.click(root.querySelector('header button')!)
    await (app as unknown as { updateComplete: Promise<unknown> }).updateComplete
    expect(sessionStorage.getItem(KEY_STORAGE)).toBeNull()
    expect(root.querySelector('leadline-board')).toBeNull()
    expect(root.querySelector('leadline-sign-in')).toBeTruthy()
  })

  it('refuses a key the API does not accept, in plain words, and keeps nothing', async () => {
    stubApi({
      'GET /admin/api/me': () =>
        json({ error: { code: 'unauthorized', message: 'A valid admin key is required.' } }, 401),
    })
    const app = await mountConsole()
    const signIn = shadow(shadow(app).querySelector('leadline-sign-in'))
    await userEvent.type(signIn.querySelector('input')!, 'sk_wrong')
    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() =>
      expect(signIn.querySelector('#key-error')!.textContent).toContain(
        'Bu anahtar kabul edilmedi',
      ),
    )
    expect(sessionStorage.getItem(KEY_STORAGE)).toBeNull()
    expect(shadow(app).querySelector('leadline-board')).toBeNull()
  })
})

describe('the board', () => {
  const a = lead('ld_a', 'lead', {
    contact: { name: 'Ayşe Yılmaz', email: null, company: 'Yılmaz Tekstil' },
  })
  const b = lead('ld_b', 'qualification', {
    valueMinor: 2_000_000,
    contact: { name: 'Burak Şen', email: null, company: null },
  })

  async function signedIn(routes: Record<string, (call: Call) => Response> = {}) {
    sessionStorage.setItem(KEY_STORAGE, KEY)
    const calls = stubApi({
      'GET /admin/api/me': () => json(ME),
      'GET /admin/api/leads': () => json({ items: [a, b], nextCursor: null }),
      'GET /admin/api/deals': () => json({ items: [deal(b)], nextCursor: null }),
      ...routes,
    })
    const app = await mountConsole()
    const el = await board(app)
    await vi.waitFor(() => expect(column(el, 'lead').textContent).toContain('Ayşe Yılmaz'))
    return { app, el, calls }
  }

  it('shows a column per open stage with counts, weighted totals, score, age and rotting', async () => {
    const { el } = await signedIn()
    const stages = [...shadow(el).querySelectorAll('.columns section[data-stage]')].map((s) =>
      s.querySelector('h3')!.textContent!.trim(),
    )
    expect(stages).toEqual(['Aday', 'Nitelendirme', 'Besleme', 'Görüşme', 'Teklif', 'Anlaşma'])
    const lead = column(el, 'lead')
    expect(lead.querySelector('.count')!.textContent).toBe('1 fırsat')
    // 10 000 TRY at the lead's own 10 %.
    expect(lead.querySelector('.weighted')!.textContent).toMatch(/1\.000/)
    expect(lead.textContent).toContain('Puan 72')
    expect(lead.textContent).toContain('2 gündür bu aşamada')
    expect(lead.querySelector('.rot')).toBeNull()
    const qual = column(el, 'qualification')
    // The deals list's weighted value (4 000 TRY), days in stage and rotting.
    expect(qual.querySelector('.weighted')!.textContent).toMatch(/4\.000/)
    expect(qual.textContent).toContain('9 gündür bu aşamada')
    expect(qual.querySelector('.rot')!.textContent).toContain('olağan süreyi aştı')
    expect(column(el, 'deal').querySelector('.count')!.textContent).toBe('0 fırsat')
  })

  it("weighs a lead-stage card by the store's learned rate, as the deals list weighs deals", async () => {
    const stage = (probability: number) => ({
      label: { tr: '', en: '' },
      probability,
      rotDays: null,
    })
    sessionStorage.setItem(KEY_STORAGE, KEY)
    const calls = stubApi({
      'GET /admin/api/me': () => json(ME),
      'GET /admin/api/leads': () => json({ items: [a, b], nextCursor: null }),
      // Before the deals list's own key, which it starts with.
      'GET /admin/api/deals/probabilities': () =>
        json({
          pipelineId: 'pl_default',
          minSample: 20,
          window: 5000,
          stages: [
            {
              stage: 'lead',
              probability: 35,
              sample: 40,
              won: 14,
              source: 'learned',
              stageProbability: 5,
            },
          ],
        }),
      'GET /admin/api/deals': () => json({ items: [deal(b)], nextCursor: null }),
      'GET /admin/api/pipelines': () =>
        json({
          items: [
            {
              id: 'pl_default',
              name: 'Mağaza',
              isDefault: true,
              stages: {
                lead: stage(5),
                qualification: stage(10),
                nurturing: stage(20),
                meeting: stage(40),
                proposal: stage(60),
                deal: stage(80),
              },
              version: 1,
              createdAt: NOW,
              updatedAt: NOW,
            },
          ],
        }),
    })
    const el = await board(await mountConsole())
    // 10 000 TRY at the learned 35 %, not the lead row's 10 %.
    await vi.waitFor(() =>
      expect(column(el, 'lead').querySelector('.weighted')!.textContent).toMatch(/3\.500/),
    )
    expect(calls.map((c) => c.path)).toContain('/admin/api/deals/probabilities?pipeline=pl_default')
    // The deals list's weighted value is taken as it is.
    expect(column(el, 'qualification').querySelector('.weighted')!.textContent).toMatch(/4\.000/)
  })

  it('moves a card with the keyboard after asking for the reason', async () => {
    const moved: Lead = v.parse(LeadSchema, { ...a, stage: 'nurturing', version: 4 })
    // The API as it is after the move: the board reloads the lists in the background.
    let leads = [a, b]
    const { el, calls } = await signedIn({
      'GET /admin/api/leads': () => json({ items: leads, nextCursor: null }),
      'POST /admin/api/leads/ld_a/move': () => {
        leads = [{ ...a, stage: 'nurturing', version: 4 }, b]
        return json(moved)
      },
    })
    const card = column(el, 'lead').querySelector<HTMLElement>('[data-lead="ld_a"]')!
    card.focus()
    await userEvent.keyboard(' ')
    await userEvent.keyboard('{ArrowRight}{ArrowRight}')
    await vi.waitFor(() => expect(column(el, 'nurturing').classList).toContain('target'))
    await userEvent.keyboard('{Enter}')
    const dialog = shadow(el).querySelector('dialog')!
    await vi.waitFor(() => expect(dialog.open).toBe(true))
    expect(shadow(el).activeElement?.id).toBe('reason')
    expect(dialog.textContent).toContain('Ayşe Yılmaz → Besleme')
    await userEvent.keyboard('Müşteri teklif istedi')
    await userEvent.keyboard('{Tab}{Tab}{Enter}')

    await vi.waitFor(() =>
      expect(column(el, 'nurturing').querySelector('[data-lead="ld_a"]')).toBeTruthy(),
    )
    expect(dialog.open).toBe(false)
    expect(column(el, 'lead').querySelector('[data-lead="ld_a"]')).toBeNull()
    const post = calls.find((c) => c.method === 'POST')!
    expect(post.body).toEqual({
      to: 'nurturing',
      reason: 'Müşteri teklif istedi',
      expectedVersion: 3,
    })
    expect(shadow(el).activeElement?.getAttribute('data-lead')).toBe('ld_a')
  })

  it('moves nothing when the reason dialog is cancelled with Escape', async () => {
    const { el, calls } = await signedIn()
    column(el, 'lead').querySelector<HTMLElement>('[data-lead="ld_a"]')!.focus()
    await userEvent.keyboard(' {ArrowRight}{Enter}')
    const dialog = shadow(el).querySelector('dialog')!
    await vi.waitFor(() => expect(dialog.open).toBe(true))
    await userEvent.keyboard('{Escape}')
    await vi.waitFor(() => expect(dialog.open).toBe(false))
    expect(calls.some((c) => c.method === 'POST')).toBe(false)
    expect(column(el, 'lead').querySelector('[data-lead="ld_a"]')).toBeTruthy()
  })

  it('says in plain words when someone moved the lead first, and shows where it is now', async () => {
    const current = v.parse(LeadSchema, { ...a, stage: 'meeting', version: 5 })
    const conflict = v.parse(ConflictSchema, {
      error: { code: 'conflict', message: 'The lead was changed by someone else.' },
      current,
    })
    const { el } = await signedIn({
      'POST /admin/api/leads/ld_a/move': () => json(conflict, 409),
    })
    column(el, 'lead').querySelector<HTMLElement>('[data-lead="ld_a"]')!.focus()
    await userEvent.keyboard(' {ArrowRight}{Enter}')
    await vi.waitFor(() => expect(shadow(el).querySelector('dialog')!.open).toBe(true))
    await userEvent.keyboard('Arandı')
    await userEvent.click(shadow(el).querySelector('dialog button[type=submit]')!)
    await vi.waitFor(() =>
      expect(shadow(el).querySelector('[role=alert]')!.textContent).toContain(
        'başka biri tarafından değiştirildi; şimdi Görüşme aşamasında',
      ),
    )
    expect(column(el, 'meeting').querySelector('[data-lead="ld_a"]')).toBeTruthy()
    expect(column(el, 'qualification').querySelector('[data-lead="ld_a"]')).toBeNull()
  })

  it('closes a lead as lost from the board, with the reason, through the close route', async () => {
    const closed: Lead = v.parse(LeadSchema, {
      ...b,
      status: 'lost',
      closeReason: 'Bütçe yok',
      version: 4,
    })
    // The API as it is after the close: the board reloads the lists in the background.
    let leads = [a, b]
    const { el, calls } = await signedIn({
      'GET /admin/api/leads': () => json({ items: leads, nextCursor: null }),
      'POST /admin/api/leads/ld_b/close': () => {
        leads = [a]
        return json(closed)
      },
    })
    column(el, 'qualification').querySelector<HTMLElement>('[data-lead="ld_b"]')!.focus()
    await userEvent.keyboard(' ')
    // qualification → … → deal (4 steps), then Won, then Lost; further presses stay on Lost.
    await userEvent.keyboard('{ArrowRight}'.repeat(8))
    await vi.waitFor(() => expect(column(el, 'lost').classList).toContain('target'))
    await userEvent.keyboard('{Enter}')
    const dialog = shadow(el).querySelector('dialog')!
    await vi.waitFor(() => expect(dialog.open).toBe(true))
    expect(dialog.textContent).toContain('Burak Şen → Kaybedildi')
    expect(dialog.textContent).toContain('Kapatma nedeni')
    await userEvent.keyboard('Bütçe yok')
    await userEvent.click(dialog.querySelector('button[type=submit]')!)
    await vi.waitFor(() =>
      expect(column(el, 'qualification').querySelector('[data-lead]')).toBeNull(),
    )
    const post = calls.find((c) => c.method === 'POST')!
    expect(post.path).toBe('/admin/api/leads/ld_b/close')
    expect(post.body).toEqual({ outcome: 'lost', reason: 'Bütçe yok', expectedVersion: 3 })
    // The card left the board: the focus goes to the board's heading, not into nowhere.
    expect(shadow(el).activeElement?.id).toBe('board-h')
  })

  it("heads the columns with the pipeline's own labels and shows one pipeline at a time", async () => {
    const stage = (tr: string, en: string) => ({
      label: { tr, en },
      probability: 10,
      rotDays: null,
    })
    const pipeline = (id: string, name: string, isDefault: boolean, first: string) => ({
      id,
      name,
      isDefault,
      stages: {
        lead: stage(first, first),
        qualification: stage('Nitelendirme', 'Qualification'),
        nurturing: stage('Besleme', 'Nurturing'),
        meeting: stage('Görüşme', 'Meeting'),
        proposal: stage('Teklif', 'Proposal'),
        deal: stage('Anlaşma', 'Deal'),
      },
      version: 1,
      createdAt: NOW,
      updatedAt: NOW,
    })
    const other = lead('ld_c', 'lead', {
      pipelineId: 'pl_b2b',
      contact: { name: 'Cem Kurumsal', email: null, company: null },
    })
    sessionStorage.setItem(KEY_STORAGE, KEY)
    stubApi({
      'GET /admin/api/me': () => json(ME),
      'GET /admin/api/leads': () => json({ items: [a, b, other], nextCursor: null }),
      'GET /admin/api/deals': () => json({ items: [], nextCursor: null }),
      'GET /admin/api/pipelines': () =>
        json({
          items: [
            pipeline('pl_default', 'Mağaza', true, 'Yeni başvuru'),
            pipeline('pl_b2b', 'Kurumsal', false, 'Kurumsal talep'),
          ],
        }),
    })
    const el = await board(await mountConsole())
    await vi.waitFor(() =>
      expect(column(el, 'lead').querySelector('h3')!.textContent).toBe('Yeni başvuru'),
    )
    expect(column(el, 'lead').textContent).toContain('Ayşe Yılmaz')
    expect(column(el, 'lead').textContent).not.toContain('Cem Kurumsal')
    const link = column(el, 'lead').querySelector('a.name')!
    expect(link.getAttribute('href')).toBe('/admin/leads/ld_a')

    await userEvent.selectOptions(
      shadow(el).querySelector<HTMLSelectElement>('#pipeline')!,
      'pl_b2b',
    )
    await vi.waitFor(() =>
      expect(column(el, 'lead').querySelector('h3')!.textContent).toBe('Kurumsal talep'),
    )
    expect(column(el, 'lead').textContent).toContain('Cem Kurumsal')
    expect(column(el, 'lead').textContent).not.toContain('Ayşe Yılmaz')
  })

  it('switches to English and keeps the choice for the session', async () => {
    const { app, el } = await signedIn()
    const select = shadow(app).querySelector('select')!
    await userEvent.selectOptions(select, 'en')
    await vi.waitFor(() => expect(column(el, 'lead').querySelector('h3')!.textContent).toBe('Lead'))
    expect(sessionStorage.getItem('leadline:console:locale')).toBe('en')
    expect(column(el, 'lead').querySelector('.count')!.textContent).toBe('1 deal')
  })
})
