/**
 * A contact's page in Chromium against a stubbed admin API: the details and their leads, an edit
 * with a field the contract refuses, merging another contact in, and erasing by keyboard (owners
 * only; reps are told in words), ending on the contacts list with the outcome.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import type { Contact } from '../../../contract'
import '../app'
import { json, ME, mountConsole, REP_ME, shadow, stubApi, type Call } from '../test-helpers'
import { contact } from './test-fixtures'

const NOW = '2026-01-15T09:30:00.000Z'
const person = contact('ct_1', 'Ayşe Yılmaz', {
  email: 'ayse@example.com',
  company: 'Yılmaz Tekstil',
  tags: ['vip'],
  custom: { budget: 5000 },
  version: 3,
})

function detail(c: Contact = person) {
  return {
    contact: c,
    consents: [
      {
        channel: 'email',
        granted: true,
        textVersion: '2026-01',
        language: 'en',
        source: 'quiz',
        wording: {
          text: 'Send me offers by the channels I tick.',
          notice: 'We process your data to answer you.',
          noticeUrl: 'https://shop.example/privacy',
          currentFrom: '2026-01-02T08:00:00.000Z',
        },
        leadId: 'ld_1',
        givenByContactId: null,
        at: NOW,
      },
      {
        channel: 'email',
        granted: false,
        textVersion: 'unsubscribe',
        language: null,
        source: 'unsubscribe',
        wording: null,
        leadId: 'ld_1',
        givenByContactId: null,
        at: NOW,
      },
    ],
    leads: [
      {
        id: 'ld_1',
        contactId: c.id,
        stage: 'meeting',
        status: 'open',
        closeReason: null,
        ownerId: null,
        valueMinor: 2_500_000,
        currency: 'TRY',
        probability: 40,
        score: null,
        qualification: null,
        scoreBreakdown: null,
        spam: false,
        source: { pageUrl: null, referrer: null, utm: {} },
        message: null,
        custom: {},
        version: 2,
        stageEnteredAt: NOW,
        createdAt: NOW,
        updatedAt: NOW,
        pipelineId: null,
        expectedClose: null,
        probabilityOverride: null,
      },
    ],
    timeline: [
      {
        id: 'ac_1',
        leadId: 'ld_1',
        contactId: c.id,
        type: 'note',
        body: { body: 'Fiyat listesi istedi' },
        actorType: 'user',
        actorId: 'us_1',
        createdAt: NOW,
      },
    ],
    merges: [],
  }
}

async function open(routes: Record<string, (c: Call) => Response>, me = ME) {
  const calls = stubApi({
    'GET /admin/api/me': () => json(me),
    'GET /admin/api/contacts/ct_1': () => json(detail()),
    ...routes,
  })
  const app = await mountConsole('/admin/contacts/ct_1', true)
  await vi.waitFor(() => expect(shadow(app).querySelector('leadline-contact-page')).toBeTruthy())
  const root = shadow(shadow(app).querySelector('leadline-contact-page'))
  await vi.waitFor(() => expect(root.querySelector('h2')?.textContent).toBe('Ayşe Yılmaz'))
  return { app, root, calls }
}

beforeEach(() => {
  sessionStorage.clear()
  document.body.replaceChildren()
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the contact page', () => {
  it('shows details, custom fields, consents, leads (linked) and the timeline', async () => {
    const { root } = await open({})
    const text = root.textContent!.replace(/\s+/g, ' ')
    expect(text).toContain('Yılmaz Tekstil')
    expect(text).toContain('budget 5000')
    expect(text).toContain('E-posta Verildi Anket Sürüm 2026-01 · İngilizce')
    expect(text).toContain('E-posta Verilmedi / geri alındı Abonelikten çıkma bağlantısı')
    expect(text).toContain('Fiyat listesi istedi')
    const lead = root.querySelector<HTMLAnchorElement>('#leads-h ~ ul a')!
    expect(lead.getAttribute('href')).toBe('/admin/leads/ld_1')
    expect(lead.textContent).toContain('Görüşme')
  })

  it('shows the exact wording each consent was given under, with its notice and link', async () => {
    const { root } = await open({})
    const rows = root.querySelectorAll('#consents-h ~ table tbody tr')
    expect(rows).toHaveLength(2)
    const given = rows[0]!
    const quote = given.querySelector('blockquote')!
    expect(quote.textContent).toBe('Send me offers by the channels I tick.')
    expect(quote.getAttribute('lang')).toBe('en')
    expect(given.textContent).toContain('We process your data to answer you.')
    const link = given.querySelector<HTMLAnchorElement>('a')!
    expect(link.href).toBe('https://shop.example/privacy')
    expect(link.rel).toContain('noopener')
    expect(given.textContent).toMatch(/tarihinden beri geçerli/)
    expect(rows[1]!.querySelector('blockquote')).toBeNull()
    expect(rows[1]!.textContent).toContain('Metin saklanmamış')
  })

  it('marks a field the contract refuses before sending, then saves only what changed', async () => {
    let saved: unknown
    const { root, calls } = await open({
      'PATCH /admin/api/contacts/ct_1': (c) => {
        saved = c.body
        return json({ ...person, email: 'ayse@yilmaz.com.tr', version: 4 })
      },
    })
    await userEvent.click(root.querySelector('#edit')!)
    expect(root.activeElement?.id).toBe('f-name')
    const email = root.querySelector<HTMLInputElement>('#f-email')!
    await userEvent.clear(email)
    await userEvent.type(email, 'ayse@{Enter}')
    await vi.waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'))
    expect(root.querySelector('#e-email')!.textContent).toContain('Geçerli bir e-posta adresi')
    expect(root.activeElement).toBe(email)
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false)

    await userEvent.type(email, 'yilmaz.com.tr{Enter}')
    await vi.waitFor(() =>
      expect(root.querySelector('[role=status]')!.textContent).toBe('Değişiklikler kaydedildi.'),
    )
    expect(saved).toEqual({ email: 'ayse@yilmaz.com.tr', expectedVersion: 3 })
    expect(root.textContent).toContain('ayse@yilmaz.com.tr')
    expect(root.activeElement?.id).toBe('edit')
  })

  it('merges a contact found by search into this one after the confirm dialog', async () => {
    const other = contact('ct_2', 'Ayşe Y.')
    const { root, calls } = await open({
      'GET /admin/api/contacts?': () => json({ items: [person, other], nextCursor: null }),
      'POST /admin/api/contacts/ct_1/merge': () =>
        json({ contact: { ...person, version: 4 }, merge: {} }),
    })
    await userEvent.type(root.querySelector('#merge-q')!, 'ayşe{Enter}')
    const pick = await vi.waitFor(() => {
      const button = [...root.querySelectorAll('button')].find((b) =>
        b.textContent!.includes('Ayşe Y. kişisini bununla birleştir'),
      )
      expect(button).toBeTruthy()
      return button!
    })
    // The contact itself is not offered.
    expect(root.textContent).not.toContain('Ayşe Yılmaz kişisini bununla birleştir')
    pick.focus()
    await userEvent.keyboard('{Enter}')
    const dialog = root.querySelector<HTMLDialogElement>('#merge-dialog')!
    await vi.waitFor(() => expect(dialog.open).toBe(true))
    expect(dialog.textContent).toContain('Ayşe Y. kaydındaki her şey')
    await userEvent.keyboard('{Tab}{Enter}')
    await vi.waitFor(() =>
      expect(root.querySelector('[role=status]')!.textContent).toBe(
        'Ayşe Y., Ayşe Yılmaz ile birleştirildi.',
      ),
    )
    const merge = calls.find((c) => c.method === 'POST')!
    expect(merge.body).toEqual({ from: 'ct_2', expectedVersion: 3 })
  })

  it('erases by keyboard once the e-mail is typed, and goes back to the list saying so', async () => {
    const { app, root, calls } = await open({
      'POST /admin/api/contacts/ct_1/erase': () =>
        json({ contactId: 'ct_1', erasedAt: NOW, erasedBy: 'us_1' }),
      'GET /admin/api/contacts?': () => json({ items: [], nextCursor: null }),
      'GET /admin/api/team': () => json({ items: [] }),
    })
    root.querySelector<HTMLButtonElement>('#erase')!.focus()
    await userEvent.keyboard('{Enter}')
    const dialog = root.querySelector<HTMLDialogElement>('#erase-dialog')!
    await vi.waitFor(() => expect(dialog.open).toBe(true))
    expect(dialog.textContent).toContain('Bu işlem geri alınamaz.')
    expect(dialog.textContent).toContain('faturalar')
    expect(root.activeElement?.id).toBe('erase-confirm')

    await userEvent.keyboard('ayse@example{Tab}Talep üzerine{Tab}{Tab}{Enter}')
    const typed = root.querySelector<HTMLInputElement>('#erase-confirm')!
    expect(typed.validationMessage).toContain('ayse@example.com')
    expect(calls.some((c) => c.method === 'POST')).toBe(false)
    expect(dialog.open).toBe(true)

    typed.focus()
    await userEvent.keyboard('.com{Enter}')
    await vi.waitFor(() => expect(location.pathname).toBe('/admin/contacts'))
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ reason: 'Talep üzerine' })
    await vi.waitFor(() => {
      const list = shadow(shadow(app).querySelector('leadline-contacts-list'))
      expect(list.querySelector('.notice')!.textContent).toBe(
        'Ayşe Yılmaz kişisinin kişisel verileri silindi.',
      )
    })
  })

  it('tells a rep that only owners erase, and offers no erase', async () => {
    const { root } = await open({}, REP_ME)
    expect(root.querySelector('#erase')).toBeNull()
    expect(root.querySelector('#erase-dialog')).toBeNull()
    expect(root.textContent).toContain('Kişisel verileri yalnızca mağaza sahipleri silebilir.')
  })

  it('says in words when the API refuses an erase', async () => {
    const { root } = await open({
      'POST /admin/api/contacts/ct_1/erase': () =>
        json({ error: { code: 'forbidden', message: 'Only owners.' } }, 403),
    })
    await userEvent.click(root.querySelector('#erase')!)
    await userEvent.keyboard('ayse@example.com{Tab}Talep{Tab}{Tab}{Enter}')
    await vi.waitFor(() =>
      expect(root.querySelector('#erase-dialog [role=status]')!.textContent).toBe(
        'Silinemedi. Bu işlem için yetkiniz yok.',
      ),
    )
    expect(location.pathname).toBe('/admin/contacts/ct_1')
  })
})
