/**
 * A quote from rep to deal on the demo store: the rep drafts and sends a quote through the
 * admin API, the visitor opens its link on the store's quote page in Chromium, reads it and
 * accepts it, and the lead is at `deal` with a numbered invoice, in the admin API and in D1.
 */
import { describe, expect, inject, it } from 'vitest'
import {
  admin,
  adminCall as adminAs,
  explained,
  captureLead,
  d1,
  freshStore,
  useBrowser,
  sqlText,
  uniqueEmail,
  watchProblems,
  nextEvent,
} from './helpers'

const browser = useBrowser()

async function adminCall<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${inject('baseUrl')}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${inject('repKey')}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`)
  return (await res.json()) as T
}

describe('a quote on the demo store', () => {
  it('is sent by the rep, accepted by the visitor, and leaves the lead at deal with an invoice', async () => {
    const base = inject('baseUrl')
    const capture = await fetch(`${base}/v1/leads`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Origin: new URL(base).origin,
        'Idempotency-Key': `quote-e2e-${Date.now()}`,
        'CF-Connecting-IP': '10.60.0.1',
      },
      body: JSON.stringify({
        siteKey: inject('siteKey'),
        fields: { name: 'Derya Şen', email: uniqueEmail('derya') },
        consent: { version: '2026-01', channels: { email: true } },
        elapsedMs: 10_000,
      }),
    })
    const { leadId } = (await capture.json()) as { leadId: string }

    const draft = await adminCall<{ id: string }>('POST', `/admin/api/leads/${leadId}/quotes`, {
      title: 'Otel havlusu teklifi',
      currency: 'TRY',
      validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      sections: {
        problems: [{ type: 'p', children: [{ text: 'Havlular 6 ayda yıpranıyor.' }] }],
        solutions: [
          {
            type: 'ul',
            items: [[{ text: '550 g/m² penye pamuk', bold: true }], [{ text: 'Logo nakışı' }]],
          },
        ],
        timeline: [{ type: 'p', children: [{ text: 'Numune 1 hafta, üretim 3 hafta.' }] }],
        faq: [
          { question: 'Kargo dahil mi?', answer: [{ type: 'p', children: [{ text: 'Evet.' }] }] },
        ],
      },
      lines: [
        {
          name: 'Otel havlusu 50×90',
          unit: 'adet',
          quantityMilli: 800_000,
          unitPriceMinor: 8_990,
          taxRateBps: 2000,
        },
        {
          name: 'Logo nakışı',
          unit: 'adet',
          quantityMilli: 800_000,
          unitPriceMinor: 1_250,
          discount: { kind: 'percent', bps: 1000 },
          taxRateBps: 2000,
        },
      ],
    })
    const sent = await adminCall<{ url: string; quote: { totals: { totalMinor: number } } }>(
      'POST',
      `/admin/api/quotes/${draft.id}/send`,
    )
    const token = sent.url.match(/[A-Za-z0-9]{32}$/)![0]
    expect(
      (await admin<{ lead: { stage: string } }>(`/admin/api/leads/${leadId}`)).lead.stage,
    ).toBe('proposal')

    // The demo store has a quote page of its own: the link the rep gets opens it.
    expect(sent.url).toBe(`${base}/teklif/?leadline_quote=${token}`)
    const page = await browser().newPage()
    const problems = await watchProblems(page)
    await page.goto(sent.url)
    const quote = page.locator('leadline-quote')
    await expect.poll(() => quote.getByText('Otel havlusu teklifi').count()).toBeGreaterThan(0)
    // 800 × 89,90 + 800 × 12,50 − 10 %, with KDV 20 %: the same total the server computed.
    const total = new Intl.NumberFormat('tr-TR', { style: 'currency', currency: 'TRY' }).format(
      sent.quote.totals.totalMinor / 100,
    )
    await expect.poll(() => quote.getByText(total).count()).toBeGreaterThan(0)

    // Opening the link is logged as a view (with the sections seen) and marks the quote viewed.
    await expect
      .poll(async () => {
        const detail = await adminCall<{ quote: { status: string }; views: { count: number } }>(
          'GET',
          `/admin/api/quotes/${draft.id}`,
        )
        return `${detail.quote.status} ${detail.views.count > 0}`
      })
      .toBe('viewed true')

    const accepted = nextEvent<{ revision: number }>(page, 'leadline-quote-accept')
    await quote.getByLabel('Adınız soyadınız').fill('Derya Şen')
    await quote
      .getByRole('checkbox', { name: 'Teklifi ve koşullarını okudum, kabul ediyorum.' })
      .check()
    await quote.getByRole('button', { name: 'Teklifi kabul et' }).click()
    expect((await accepted).revision).toBe(1)
    await expect.poll(() => quote.getByText('Teklif kabul edildi').count()).toBeGreaterThan(0)

    const lead = await admin<{ lead: { stage: string }; timeline: { type: string }[] }>(
      `/admin/api/leads/${leadId}`,
    )
    expect(lead.lead.stage).toBe('deal')
    expect(lead.timeline.map((a) => a.type)).toEqual(
      expect.arrayContaining(['quote_sent', 'quote_viewed', 'quote_accepted', 'invoice_issued']),
    )
    const invoices = await d1<{ number: string; status: string; lead_id: string }>(
      `SELECT number, status, lead_id FROM invoices WHERE lead_id = ${sqlText(leadId)}`,
    )
    expect(invoices).toHaveLength(1)
    expect(invoices[0]).toMatchObject({ status: 'unpaid', lead_id: leadId })
    expect(invoices[0]!.number).toMatch(/^\d{4}-\d{6}$/)
    const proof = await d1<{ accepted_name: string; content_hash: string }>(
      `SELECT accepted_name, content_hash FROM quotes WHERE id = ${sqlText(draft.id)}`,
    )
    expect(proof[0]).toMatchObject({ accepted_name: 'Derya Şen' })
    expect(proof[0]!.content_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(problems.errors).toEqual([])
    await page.close()
  })

  it('opens on the page this worker hosts when the store has no quote page, and is accepted there', async () => {
    const store = await freshStore('Kendi Sayfası Olmayan Mağaza')
    const leadId = await captureLead('Tuna Ekin', 'hosted', { siteKey: store.siteKey })
    const draft = await adminAs<{ id: string }>(
      'POST',
      `/admin/api/leads/${leadId}/quotes`,
      {
        title: 'Barınma kiti teklifi',
        currency: 'TRY',
        validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        sections: { problems: [], solutions: [], timeline: [], faq: [] },
        lines: [
          {
            name: 'Kit',
            unit: 'adet',
            quantityMilli: 10_000,
            unitPriceMinor: 150_000,
            taxRateBps: 2000,
          },
        ],
      },
      store.ownerKey,
    )
    expect(draft.status).toBe(201)
    const sent = await adminAs<{ url: string }>(
      'POST',
      `/admin/api/quotes/${draft.body.id}/send`,
      undefined,
      store.ownerKey,
    )
    const base = inject('baseUrl')
    expect(sent.body.url).toMatch(new RegExp(`^${base}/q/[A-Za-z0-9]{32}$`))

    const page = await browser().newPage()
    const problems = await watchProblems(page)
    await page.goto(sent.body.url)
    const quote = page.locator('leadline-quote')
    await expect.poll(() => quote.getByText('Barınma kiti teklifi').count()).toBeGreaterThan(0)
    expect(await page.title()).toBe('Teklifiniz — Kendi Sayfası Olmayan Mağaza')
    await quote.getByLabel('Adınız soyadınız').fill('Tuna Ekin')
    await quote
      .getByRole('checkbox', { name: 'Teklifi ve koşullarını okudum, kabul ediyorum.' })
      .check()
    await quote.getByRole('button', { name: 'Teklifi kabul et' }).click()
    await explained(page, problems, () =>
      expect.poll(() => quote.getByText('Teklif kabul edildi').count()).toBeGreaterThan(0),
    )
    const lead = await adminAs<{ lead: { stage: string } }>(
      'GET',
      `/admin/api/leads/${leadId}`,
      undefined,
      store.ownerKey,
    )
    expect(lead.body.lead.stage).toBe('deal')
    // Under the page's strict CSP: no violation, no script error, no failed request.
    expect(problems.errors).toEqual([])
    await page.close()
  })
})
