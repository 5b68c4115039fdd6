/**
 * The leads, deals and contacts lists in Chromium against a stubbed admin API, driven like a
 * user: filters become the API's query and the address, paging follows the cursors both ways,
 * a reload shows the same page, empty lists say so, reps and owners get what the API allows.
 */
import * as v from 'valibot'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { LeadListItemSchema, type LeadListItem } from '../../../contract'
import { DealSchema, PipelineSchema, type Deal, type Pipeline } from '../../../contract/deals'
import '../app'
import { json, ME, mountConsole, REP_ME, shadow, stubApi, type Call } from '../test-helpers'
import { contact } from './test-fixtures'

const NOW = new Date().toISOString()

function lead(id: string, name: string): LeadListItem {
  return v.parse(LeadListItemSchema, {
    id,
    contactId: 'ct_' + id,
    stage: 'qualification',
    status: 'open',
    closeReason: null,
    ownerId: 'us_9',
    valueMinor: 1_500_000,
    currency: 'TRY',
    probability: 10,
    score: 61,
    qualification: null,
    scoreBreakdown: null,
    spam: false,
    source: { pageUrl: null, referrer: null, utm: {} },
    message: null,
    custom: {},
    version: 1,
    stageEnteredAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    createdAt: NOW,
    updatedAt: NOW,
    pipelineId: null,
    expectedClose: null,
    probabilityOverride: null,
    contact: { name, email: `${id}@example.com`, company: 'Şen Ltd' },
  })
}

const TEAM = {
  items: [
    { id: 'us_1', name: 'Ayşe Owner', email: 'o@x.com', role: 'owner', createdAt: NOW, keys: [] },
    { id: 'us_9', name: 'Deniz Rep', email: 'd@x.com', role: 'rep', createdAt: NOW, keys: [] },
  ],
}
const FORBIDDEN = () =>
  json({ error: { code: 'forbidden', message: 'Only owners may do this.' } }, 403)

const page = <T>(items: T[], nextCursor: string | null = null) => json({ items, nextCursor })

/** Opens the console at `path`, signed in as `me`, and waits for `tag` to be on screen. */
async function open(
  path: string,
  tag: string,
  routes: Record<string, (c: Call) => Response>,
  me = ME,
) {
  const calls = stubApi({ 'GET /admin/api/me': () => json(me), ...routes })
  const app = await mountConsole(path, true)
  await vi.waitFor(() => expect(shadow(app).querySelector(tag)).toBeTruthy())
  const el = shadow(app).querySelector(tag)!
  return { el, root: shadow(el), calls }
}

const listCalls = (calls: Call[], prefix: string) =>
  calls.filter((c) => c.method === 'GET' && c.path.startsWith(prefix)).map((c) => c.path)
const results = (root: ShadowRoot) => root.querySelector('#results')!.textContent!.trim()

beforeEach(() => {
  sessionStorage.clear()
  document.body.replaceChildren()
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the leads list', () => {
  const a = lead('ld_a', 'Ayşe Yılmaz')
  const b = lead('ld_b', 'Burak Şen')
  const routes = {
    'GET /admin/api/team': () => json(TEAM),
    'GET /admin/api/leads': (c: Call) =>
      c.path.includes('cursor=c2') ? page([b]) : page([a], 'c2'),
  }

  it('turns the filters into the API query and the address, dropping what is not allowed', async () => {
    const { root, calls } = await open(
      '/admin/leads?status=open&stage=bogus',
      'leadline-leads-list',
      routes,
    )
    await vi.waitFor(() =>
      expect(root.querySelector('tbody')?.textContent).toContain('Ayşe Yılmaz'),
    )
    expect(listCalls(calls, '/admin/api/leads')).toEqual(['/admin/api/leads?status=open&limit=25'])
    const link = root.querySelector<HTMLAnchorElement>('tbody a')!
    expect(link.getAttribute('href')).toBe('/admin/leads/ld_a')
    const row = root.querySelector('tbody tr')!.textContent!
    expect(row).toContain('Nitelendirme')
    expect(row).toContain('Deniz Rep')
    expect(row).toContain('3 gün')
    expect(row).toMatch(/15\.000/)

    await userEvent.type(root.querySelector('#q')!, 'ayşe{Enter}')
    await vi.waitFor(() =>
      expect(listCalls(calls, '/admin/api/leads').at(-1)).toBe(
        '/admin/api/leads?q=ay%C5%9Fe&status=open&sort=created_at&order=desc&limit=25',
      ),
    )
    // The focus stays in the search box: the shell did not re-route to the screen.
    expect(root.activeElement?.id).toBe('q')
    await userEvent.selectOptions(root.querySelector<HTMLSelectElement>('#stage')!, 'proposal')
    await userEvent.selectOptions(root.querySelector<HTMLSelectElement>('#owner')!, 'us_9')
    await userEvent.selectOptions(root.querySelector<HTMLSelectElement>('#sort')!, 'value')
    await vi.waitFor(() =>
      expect(listCalls(calls, '/admin/api/leads').at(-1)).toBe(
        '/admin/api/leads?q=ay%C5%9Fe&stage=proposal&status=open&owner=us_9&sort=value&order=desc&limit=25',
      ),
    )
    expect(location.pathname).toBe('/admin/leads')
    expect(location.search).toBe(
      '?q=ay%C5%9Fe&stage=proposal&status=open&owner=us_9&sort=value&order=desc',
    )
  })

  it('pages by cursor forward and back with the keyboard, announcing each page', async () => {
    const { root, calls } = await open('/admin/leads', 'leadline-leads-list', routes)
    await vi.waitFor(() => expect(results(root)).toBe('1. sayfa: 1 kayıt; devamı var.'))
    const previous = root.querySelector<HTMLButtonElement>('[data-page=previous]')!
    const next = root.querySelector<HTMLButtonElement>('[data-page=next]')!
    expect(previous.getAttribute('aria-disabled')).toBe('true')
    next.focus()
    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() => expect(results(root)).toBe('2. sayfa: 1 kayıt.'))
    expect(root.querySelector('tbody')!.textContent).toContain('Burak Şen')
    expect(listCalls(calls, '/admin/api/leads').at(-1)).toBe('/admin/api/leads?limit=25&cursor=c2')
    expect(location.search).toBe('?cursor=c2&back=')
    expect(next.getAttribute('aria-disabled')).toBe('true')
    expect(root.activeElement).toBe(next)

    // Next on the last page does nothing; Previous goes back to the first page.
    await userEvent.keyboard('{Enter}')
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}{Enter}')
    await vi.waitFor(() => expect(results(root)).toBe('1. sayfa: 1 kayıt; devamı var.'))
    expect(listCalls(calls, '/admin/api/leads')).toEqual([
      '/admin/api/leads?limit=25',
      '/admin/api/leads?limit=25&cursor=c2',
      '/admin/api/leads?limit=25',
    ])
    expect(location.search).toBe('')
  })

  it('shows the same page after a reload of a shared address', async () => {
    const { root, calls } = await open(
      '/admin/leads?q=burak&status=won&cursor=c2&back=',
      'leadline-leads-list',
      routes,
    )
    await vi.waitFor(() => expect(root.querySelector('tbody')?.textContent).toContain('Burak Şen'))
    expect(listCalls(calls, '/admin/api/leads')).toEqual([
      '/admin/api/leads?q=burak&status=won&limit=25&cursor=c2',
    ])
    expect(root.querySelector<HTMLInputElement>('#q')!.value).toBe('burak')
    expect(root.querySelector<HTMLSelectElement>('#status')!.value).toBe('won')
    expect(root.querySelector('[data-page=previous]')!.getAttribute('aria-disabled')).toBe('false')
  })

  it('says so when nothing matches, and when the list cannot be loaded', async () => {
    let fail = false
    const { root } = await open('/admin/leads?q=zzz', 'leadline-leads-list', {
      'GET /admin/api/leads': () =>
        fail ? json({ error: { code: 'unavailable', message: 'x' } }, 503) : page([]),
    })
    await vi.waitFor(() => expect(results(root)).toBe('Bu süzgeçlere uyan aday yok.'))
    expect(root.querySelector('table')).toBeNull()
    fail = true
    await userEvent.click(root.querySelector('form.filters button[type=submit]')!)
    await vi.waitFor(() =>
      expect(root.querySelector('[role=alert]')!.textContent).toContain('Hizmet şu an meşgul'),
    )
  })

  it('offers a rep only their own leads as an owner filter (the team is the owner’s)', async () => {
    const { root } = await open(
      '/admin/leads',
      'leadline-leads-list',
      {
        'GET /admin/api/team': FORBIDDEN,
        'GET /admin/api/leads': () => page([a]),
      },
      REP_ME,
    )
    await vi.waitFor(() => expect(root.querySelector('tbody')).toBeTruthy())
    const options = [...root.querySelectorAll<HTMLOptionElement>('#owner option')]
    expect(options.map((o) => o.value)).toEqual(['', 'us_2', 'none'])
    expect(options[1]!.textContent).toBe('Bana atananlar')
  })
})

function pipeline(id: string, name: string): Pipeline {
  const stage = (tr: string, probability: number) => ({
    label: { tr, en: tr },
    probability,
    rotDays: null,
  })
  return v.parse(PipelineSchema, {
    id,
    name,
    isDefault: id === 'pl_default',
    stages: {
      lead: stage('Aday', 5),
      qualification: stage('Nitelendirme', 10),
      nurturing: stage('Besleme', 20),
      meeting: stage('Görüşme', 40),
      proposal: stage('Teklif gönderildi', 60),
      deal: stage('Anlaşma', 80),
    },
    version: 1,
    createdAt: NOW,
    updatedAt: NOW,
  })
}

describe('the deals list', () => {
  const deal = v.parse(DealSchema, {
    leadId: 'ld_d',
    contact: { name: 'Ceren Kaya', company: 'Kaya AŞ' },
    stage: 'proposal',
    pipeline: { id: 'pl_default', name: 'Varsayılan' },
    ownerId: null,
    valueMinor: 1_000_000,
    currency: 'TRY',
    probability: 55,
    probabilitySource: 'learned',
    probabilitySample: 31,
    weightedMinor: 550_000,
    expectedClose: '2026-03-01',
    daysInStage: 12,
    usualDays: 5,
    rotLimitDays: 5,
    rotting: true,
    score: 1,
    reasons: [
      {
        code: 'weighted',
        valueMinor: 1_000_000,
        probability: 55,
        source: 'learned',
        weightedMinor: 550_000,
      },
      { code: 'rotting', days: 12, limit: 5, basis: 'usual', factor: 0.5 },
    ],
    version: 3,
  }) as Deal

  it('ranks deals with probability source, weighted value, days against usual and reasons in words', async () => {
    const { root, calls } = await open('/admin/deals?sort=weighted', 'leadline-deals-list', {
      'GET /admin/api/team': () => json(TEAM),
      'GET /admin/api/pipelines': () =>
        json({
          items: [pipeline('pl_default', 'Varsayılan'), pipeline('pl_x', 'Toptan')],
        }),
      'GET /admin/api/deals': () => page([deal]),
    })
    await vi.waitFor(() => expect(root.querySelector('tbody')?.textContent).toContain('Ceren Kaya'))
    const row = root.querySelector('tbody tr')!
    const text = row.textContent!.replace(/\s+/g, ' ')
    expect(row.querySelector('a')!.getAttribute('href')).toBe('/admin/leads/ld_d')
    // The stage as the deal's pipeline names it.
    expect(text).toContain('Teklif gönderildi')
    expect(text).toContain('%55')
    expect(text).toContain('geçmişten öğrenildi (31 kapanmış fırsat)')
    expect(text).toContain('12 gün (olağan 5 gün)')
    expect(text).toContain('Bekliyor')
    expect(text).toContain('12 gündür bu aşamada; olağan süre 5 gün (önem ×0,5)')
    expect(text).toMatch(/Ağırlıklı değer ₺5\.500 \(₺10\.000 × %55\)/)
    expect(listCalls(calls, '/admin/api/deals')).toEqual([
      '/admin/api/deals?sort=weighted&limit=25',
    ])

    await vi.waitFor(() => expect(root.querySelectorAll('#pipeline option').length).toBe(3))
    await userEvent.selectOptions(root.querySelector<HTMLSelectElement>('#pipeline')!, 'pl_x')
    await vi.waitFor(() =>
      expect(listCalls(calls, '/admin/api/deals').at(-1)).toBe(
        '/admin/api/deals?pipeline=pl_x&sort=weighted&limit=25',
      ),
    )
    expect(location.search).toBe('?pipeline=pl_x&sort=weighted')
  })
})

describe('the contacts list', () => {
  const ayse = contact('ct_a', 'Ayşe Yılmaz', { tags: ['vip'] })
  const ayse2 = contact('ct_b', 'Ayse Yilmaz', { version: 5 })

  it('searches and filters by tag, and exports what matches as a file to download', async () => {
    let exported = ''
    const { root, calls } = await open('/admin/contacts?tag=vip', 'leadline-contacts-list', {
      'GET /admin/api/team': () => json(TEAM),
      'GET /admin/api/contacts/export': (c) => {
        exported = c.path
        return new Response('\uFEFFid;name\nct_a;Ayşe\n', {
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': 'attachment; filename="contacts-2026-02-01.csv"',
          },
        })
      },
      'GET /admin/api/contacts': () => page([ayse]),
    })
    await vi.waitFor(() =>
      expect(root.querySelector('tbody')?.textContent).toContain('Ayşe Yılmaz'),
    )
    expect(root.querySelector('tbody a')!.getAttribute('href')).toBe('/admin/contacts/ct_a')
    expect(listCalls(calls, '/admin/api/contacts')).toEqual([
      '/admin/api/contacts?tag=vip&limit=25',
    ])
    await userEvent.type(root.querySelector('#q')!, 'ayşe{Enter}')
    await vi.waitFor(() =>
      expect(listCalls(calls, '/admin/api/contacts').at(-1)).toBe(
        '/admin/api/contacts?q=ay%C5%9Fe&tag=vip&limit=25',
      ),
    )

    await userEvent.click(root.querySelector('#export-h ~ form button[type=submit]')!)
    await vi.waitFor(() => expect(root.querySelector('#download')).toBeTruthy())
    expect(exported).toBe(
      '/admin/api/contacts/export?q=ay%C5%9Fe&tag=vip&format=csv&separator=semicolon',
    )
    const link = root.querySelector<HTMLAnchorElement>('#download')!
    expect(link.download).toBe('contacts-2026-02-01.csv')
    expect(link.href).toMatch(/^blob:/)
    expect(root.activeElement).toBe(link)
    vi.unstubAllGlobals()
    expect(await (await fetch(link.href)).text()).toContain('ct_a;Ayşe')
    expect(root.querySelector('.notice')!.textContent).toBe('Dosya hazır.')
  })

  it('merges a group of duplicates into the chosen contact, by keyboard, after confirming', async () => {
    let groups = [{ reason: 'name', key: 'ayse yilmaz', score: 0.93, contacts: [ayse, ayse2] }]
    const { root, calls } = await open('/admin/contacts', 'leadline-contacts-list', {
      'GET /admin/api/contacts/duplicates': () => json({ items: groups }),
      'POST /admin/api/contacts/ct_b/merge': () => {
        groups = []
        return json({ contact: { ...ayse2, version: 6 }, merge: {} })
      },
      'GET /admin/api/contacts': () => page([ayse, ayse2]),
    })
    await vi.waitFor(() => expect(root.querySelector('tbody')).toBeTruthy())
    root.querySelector<HTMLButtonElement>('#dups-h ~ button')!.focus()
    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() => expect(root.querySelector('fieldset')).toBeTruthy())
    expect(root.querySelector('legend')!.textContent).toBe('Benzer adlar (%93 benzer): ayse yilmaz')

    // Keep the second one: arrow to its radio, then to the merge button.
    root.querySelector<HTMLInputElement>('fieldset input[type=radio]')!.focus()
    await userEvent.keyboard('{ArrowDown}{Tab}{Enter}')
    const dialog = root.querySelector('dialog')!
    await vi.waitFor(() => expect(dialog.open).toBe(true))
    expect(dialog.textContent).toContain('Ayse Yilmaz ile birleştir')
    expect(dialog.textContent).toContain('Ayşe Yılmaz kaydındaki her şey')
    expect(root.activeElement!.textContent!.trim()).toBe('Vazgeç')

    await userEvent.keyboard('{Tab}{Enter}')
    await vi.waitFor(() =>
      expect(root.querySelector('.notice')!.textContent).toBe(
        'Ayşe Yılmaz, Ayse Yilmaz ile birleştirildi.',
      ),
    )
    expect(dialog.open).toBe(false)
    const merge = calls.find((c) => c.method === 'POST')!
    expect(merge.path).toBe('/admin/api/contacts/ct_b/merge')
    expect(merge.body).toEqual({ from: 'ct_a', expectedVersion: 5 })
    await vi.waitFor(() =>
      expect(root.querySelector('#dups-h ~ [role=status]')!.textContent).toContain(
        'Tekrar gibi görünen kişi yok.',
      ),
    )
    // Focus comes back once both the duplicates and the list are read again; the status above
    // shows when the first of them is.
    await vi.waitFor(() => expect(root.activeElement?.id).toBe('dups-h'))
  })

  it('cancels a merge with Escape and sends nothing', async () => {
    const groups = [{ reason: 'email', key: 'a@x.com', score: 1, contacts: [ayse, ayse2] }]
    const { root, calls } = await open('/admin/contacts', 'leadline-contacts-list', {
      'GET /admin/api/contacts/duplicates': () => json({ items: groups }),
      'GET /admin/api/contacts': () => page([ayse, ayse2]),
    })
    await userEvent.click(root.querySelector('#dups-h ~ button')!)
    await vi.waitFor(() => expect(root.querySelector('fieldset button')).toBeTruthy())
    await userEvent.click(root.querySelector('fieldset button')!)
    await vi.waitFor(() => expect(root.querySelector('dialog')!.open).toBe(true))
    await userEvent.keyboard('{Escape}')
    await vi.waitFor(() => expect(root.querySelector('dialog')!.open).toBe(false))
    expect(calls.some((c) => c.method === 'POST')).toBe(false)
  })
})
