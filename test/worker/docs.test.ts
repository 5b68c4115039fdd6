import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { ConflictSchema } from '../../contract'
import { createApp } from '../../worker/src/app'
import { buildOpenApi, documentedRoutes } from '../../worker/src/openapi'
import { ContactConflictSchema } from '../../worker/src/openapi/schemas'
import { areaRequests } from './areas'
import { admin, call, captureLead, idemKey, leadBody, postLead, seedStore } from './helpers'

const BASE = 'https://leadline.test'
const ROUTES = documentedRoutes(createApp().routes)

describe('/openapi.json and /docs', () => {
  it('serves the OpenAPI 3.1 document as JSON', async () => {
    const res = await call(new Request(`${BASE}/openapi.json`))
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
    const doc = (await res.json()) as any
    expect(doc.openapi).toBe('3.1.0')
    expect(doc).toEqual(JSON.parse(JSON.stringify(buildOpenApi(ROUTES, { serverUrl: BASE }))))
    expect(doc.servers).toEqual([{ url: BASE }])
    const elsewhere = await call(new Request('https://api.store.example/openapi.json'))
    expect(((await elsewhere.json()) as any).servers).toEqual([
      { url: 'https://api.store.example' },
    ])
    expect(Object.keys(doc.paths)).toContain('/admin/api/contacts/{id}')
  })

  it('serves the reference as a self-contained HTML page that runs no script', async () => {
    const res = await call(new Request(`${BASE}/docs`))
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'none'")
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
    const html = await res.text()
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain('<code>/v1/leads</code>')
    expect(html).toContain('<code>/admin/api/leads/{id}/move</code>')
    expect(html).not.toMatch(/<script|https?:\/\/(?!json-schema)/i)
  })

  // One request per documented route, one after another: over the default 5 s on a busy machine.
  it('answers every documented route with a body that matches its documented schema', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const detail = (await (await admin(store.rep.key, 'GET', `/leads/${leadId}`)).json()) as any
    const contactId: string = detail.contact.id
    const version = async (id = leadId) =>
      ((await (await admin(store.rep.key, 'GET', `/leads/${id}`)).json()) as any).lead.version
    const quizLead = await captureLead(store, {
      fields: { name: 'Kerem', email: 'kerem@example.com' },
    })
    const quiz = (await (
      await call(
        new Request(`${BASE}/v1/sites/${store.siteKey}/quiz`, {
          headers: { Origin: store.origin },
        }),
      )
    ).json()) as any
    const session = `docs-session-${idemKey()}`
    const quizRef = {
      siteKey: store.siteKey,
      quizId: quiz.quizId,
      version: quiz.version,
      sessionId: session,
    }
    const answers = {
      location: 'istanbul',
      role: 'owner',
      budget: 300_000,
      needs: ['wholesale'],
      timeline: 'this_month',
    }
    const publicPost = (path: string, body: unknown) =>
      call(
        new Request(`${BASE}/v1${path}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Idempotency-Key': idemKey(),
            Origin: store.origin,
            'CF-Connecting-IP': '10.77.0.1',
          },
          body: JSON.stringify(body),
        }),
      )
    // Booking: a rep with hours, free slots, and bookings for each action below.
    const week = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
    const availability = {
      timeZone: 'Europe/Istanbul',
      weekly: Object.fromEntries(week.map((d) => [d, [{ start: '08:00', end: '20:00' }]])),
      overrides: [],
      bufferBeforeMin: 0,
      bufferAfterMin: 0,
      minNoticeMin: 0,
      maxDaysAhead: 60,
      maxPerDay: 20,
    }
    await admin(store.owner.key, 'PUT', `/availability/${store.rep.id}`, availability)
    const slotsPath = () =>
      `/v1/sites/${store.siteKey}/slots?type=demo&from=${new Date(Date.now() + 3_600_000).toISOString()}` +
      `&to=${new Date(Date.now() + 3 * 86_400_000).toISOString()}`
    const publicGet = (path: string) =>
      call(new Request(`${BASE}${path}`, { headers: { Origin: store.origin } }))
    const free = ((await (await publicGet(slotsPath())).json()) as any).slots as { start: string }[]
    const bookAt = async (i: number) => {
      const leadId = await captureLead(store, {
        fields: { name: `B${i}`, email: `b${i}@example.com` },
      })
      const res = await publicPost('/bookings', {
        siteKey: store.siteKey,
        type: 'demo',
        start: free[i]!.start,
        timeZone: 'Europe/Istanbul',
        leadId,
      })
      return (await res.json()) as any
    }
    const [toReschedule, toCancel, toHold, toMiss, toMove] = [
      await bookAt(2),
      await bookAt(4),
      await bookAt(6),
      await bookAt(8),
      await bookAt(10),
    ]
    const token = (view: any) => String(view.manageUrl).split('/').pop()
    let booked: any
    const feedUrl = ((await (await admin(store.rep.key, 'POST', '/calendar-feeds')).json()) as any)
      .url
    const feedId = ((await (await admin(store.rep.key, 'POST', '/calendar-feeds')).json()) as any)
      .id
    // Quotes: three sent quotes (view and accept, decline, an invoice to cancel).
    const draft = {
      title: 'Otel tekstili teklifi',
      currency: 'TRY',
      validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      sections: {
        problems: [{ type: 'p', children: [{ text: 'Havlular çabuk yıpranıyor.' }] }],
        solutions: [{ type: 'ul', items: [[{ text: '550 g/m² pamuk', bold: true }]] }],
        timeline: [{ type: 'p', children: [{ text: '3 hafta' }] }],
        faq: [],
      },
      lines: [
        {
          name: 'Havlu',
          unit: 'adet',
          quantityMilli: 500_000,
          unitPriceMinor: 8_990,
          taxRateBps: 2000,
        },
      ],
    }
    const sentQuote = async (i: number) => {
      const lead = await captureLead(store, {
        fields: { name: `Q${i}`, email: `q${i}@example.com` },
      })
      const created = (await (
        await admin(store.rep.key, 'POST', `/leads/${lead}/quotes`, draft)
      ).json()) as any
      const sent = (await (
        await admin(store.rep.key, 'POST', `/quotes/${created.id}/send`)
      ).json()) as any
      return {
        lead,
        id: created.id as string,
        token: String(sent.url).match(/[A-Za-z0-9]{32}$/)![0],
      }
    }
    const [q1, q2, q3] = [await sentQuote(1), await sentQuote(2), await sentQuote(3)]
    const accept = (token: string) =>
      publicPost(`/quotes/${token}/accept`, {
        fullName: 'Ayşe Kaya',
        acceptTerms: true,
        revision: 1,
      })
    const invoiceToCancel = ((await (await accept(q3.token)).json()) as any).invoiceId as string
    // A quote accepted while the store issues invoices by hand, to issue its invoice.
    const q4 = await sentQuote(4)
    await admin(store.owner.key, 'PUT', '/quote-settings', { invoiceOnAccept: false })
    await accept(q4.token)
    await admin(store.owner.key, 'PUT', '/quote-settings', { invoiceOnAccept: true })
    const product = {
      name: 'Havlu',
      unit: 'adet',
      unitPriceMinor: 8_990,
      currency: 'TRY',
      taxRateBps: 2000,
    }
    const faq = { question: 'Teslimat?', answer: [{ type: 'p', children: [{ text: '3 hafta' }] }] }
    const productId = (
      (await (await admin(store.rep.key, 'POST', '/products', product)).json()) as any
    ).id as string
    const faqId = ((await (await admin(store.rep.key, 'POST', '/faqs', faq)).json()) as any)
      .id as string
    let acceptedInvoice = ''
    let draftQuote: any
    const requests: Record<string, () => Promise<Response>> = {
      getQuotePage: () => publicGet(`/q/${q1.token}`),
      getBookingPage: () => publicGet(`/b/${store.siteKey}?lead=${leadId}`),
      getQuoteByToken: () => publicGet(`/v1/quotes/${q1.token}`),
      logQuoteView: () =>
        publicPost(`/quotes/${q1.token}/view`, { sections: ['problems', 'pricing'] }),
      acceptQuote: async () => {
        const res = await accept(q1.token)
        acceptedInvoice = ((await res.clone().json()) as any).invoiceId
        return res
      },
      declineQuote: () => publicPost(`/quotes/${q2.token}/decline`, { reason: 'bütçe' }),
      createQuote: async () => {
        const res = await admin(store.rep.key, 'POST', `/leads/${q1.lead}/quotes`, draft)
        draftQuote = await res.clone().json()
        return res
      },
      listQuotesOfLead: () => admin(store.rep.key, 'GET', `/leads/${q1.lead}/quotes`),
      getQuote: () => admin(store.rep.key, 'GET', `/quotes/${q1.id}`),
      updateQuote: () =>
        admin(
          store.rep.key,
          'PUT',
          `/quotes/${draftQuote.id}?expectedVersion=${draftQuote.version}`,
          {
            ...draft,
            title: 'Güncel teklif',
          },
        ),
      sendQuote: () => admin(store.rep.key, 'POST', `/quotes/${draftQuote.id}/send`),
      revokeQuote: () => admin(store.rep.key, 'POST', `/quotes/${draftQuote.id}/revoke`),
      getQuoteSettings: () => admin(store.rep.key, 'GET', '/quote-settings'),
      putQuoteSettings: () =>
        admin(store.owner.key, 'PUT', '/quote-settings', { invoiceOnAccept: true }),
      issueInvoice: () => admin(store.rep.key, 'POST', `/quotes/${q4.id}/invoice`),
      listInvoices: () => admin(store.rep.key, 'GET', '/invoices'),
      getInvoice: () => admin(store.rep.key, 'GET', `/invoices/${acceptedInvoice}`),
      exportInvoice: () => admin(store.rep.key, 'GET', `/invoices/${acceptedInvoice}/export`),
      markInvoicePaid: () => admin(store.rep.key, 'POST', `/invoices/${acceptedInvoice}/paid`),
      cancelInvoice: () => admin(store.rep.key, 'POST', `/invoices/${invoiceToCancel}/cancel`),
      listProducts: () => admin(store.rep.key, 'GET', '/products'),
      createProduct: () => admin(store.rep.key, 'POST', '/products', product),
      updateProduct: () =>
        admin(store.rep.key, 'PUT', `/products/${productId}`, { ...product, name: 'Bornoz' }),
      deleteProduct: () => admin(store.rep.key, 'DELETE', `/products/${productId}`),
      listFaqs: () => admin(store.rep.key, 'GET', '/faqs'),
      createFaq: () => admin(store.rep.key, 'POST', '/faqs', faq),
      updateFaq: () =>
        admin(store.rep.key, 'PUT', `/faqs/${faqId}`, { ...faq, question: 'Kargo?' }),
      deleteFaq: () => admin(store.rep.key, 'DELETE', `/faqs/${faqId}`),
      getBookingOptions: () => publicGet(`/v1/sites/${store.siteKey}/booking`),
      listSlots: () => publicGet(slotsPath()),
      createBooking: async () => {
        const res = await publicPost('/bookings', {
          siteKey: store.siteKey,
          type: 'demo',
          start: free[0]!.start,
          timeZone: 'America/New_York',
          leadId: quizLead,
        })
        booked = await res.clone().json()
        return res
      },
      getBookingByToken: () => publicGet(`/v1/bookings/${token(booked)}`),
      getBookingInvite: () => publicGet(`/v1/bookings/${token(booked)}/ics`),
      getCalendarFeed: () => publicGet(new URL(feedUrl).pathname),
      cancelBookingByToken: () => publicPost(`/bookings/${token(booked)}/cancel`, { reason: 'x' }),
      rescheduleBookingByToken: () =>
        publicPost(`/bookings/${token(toReschedule)}/reschedule`, { start: free[12]!.start }),
      getBookingSettings: () => admin(store.rep.key, 'GET', '/booking/settings'),
      putBookingSettings: async () =>
        admin(
          store.owner.key,
          'PUT',
          '/booking/settings',
          await (await admin(store.rep.key, 'GET', '/booking/settings')).json(),
        ),
      getAvailability: () => admin(store.rep.key, 'GET', `/availability/${store.rep.id}`),
      putAvailability: () =>
        admin(store.rep.key, 'PUT', `/availability/${store.rep.id}`, availability),
      listBookings: () => admin(store.rep.key, 'GET', '/bookings'),
      cancelBooking: () =>
        admin(store.rep.key, 'POST', `/bookings/${toCancel.bookingId}/cancel`, {}),
      markBookingHeld: () => admin(store.rep.key, 'POST', `/bookings/${toHold.bookingId}/held`, {}),
      markBookingNoShow: () =>
        admin(store.rep.key, 'POST', `/bookings/${toMiss.bookingId}/no-show`, {}),
      rescheduleBooking: () =>
        admin(store.rep.key, 'POST', `/bookings/${toMove.bookingId}/reschedule`, {
          start: free[14]!.start,
        }),
      listCalendarFeeds: () => admin(store.rep.key, 'GET', '/calendar-feeds'),
      createCalendarFeed: () => admin(store.rep.key, 'POST', '/calendar-feeds'),
      revokeCalendarFeed: () => admin(store.rep.key, 'DELETE', `/calendar-feeds/${feedId}`),
      getSiteConfig: () =>
        call(
          new Request(`${BASE}/v1/sites/${store.siteKey}/config`, {
            headers: { Origin: store.origin },
          }),
        ),
      createLead: () =>
        postLead(store, leadBody(store, { fields: { name: 'Ece', email: 'ece@example.com' } })),
      getMe: () => admin(store.rep.key, 'GET', '/me'),
      listLeads: () => admin(store.rep.key, 'GET', '/leads?limit=1'),
      getLead: () => admin(store.rep.key, 'GET', `/leads/${leadId}`),
      moveLead: async () =>
        admin(store.rep.key, 'POST', `/leads/${leadId}/move`, {
          to: 'meeting',
          reason: 'demo',
          expectedVersion: await version(),
        }),
      assignLead: async () =>
        admin(store.rep.key, 'POST', `/leads/${leadId}/assign`, {
          ownerId: store.rep.id,
          expectedVersion: await version(),
        }),
      closeLead: async () =>
        admin(store.rep.key, 'POST', `/leads/${leadId}/close`, {
          outcome: 'won',
          reason: 'signed',
          expectedVersion: await version(),
        }),
      addActivity: () =>
        admin(store.rep.key, 'POST', `/leads/${leadId}/activities`, {
          type: 'call',
          body: 'Aradım',
          durationMinutes: 5,
        }),
      listContacts: () => admin(store.rep.key, 'GET', '/contacts?limit=1'),
      getContact: () => admin(store.rep.key, 'GET', `/contacts/${contactId}`),
      updateContact: () =>
        admin(store.rep.key, 'PATCH', `/contacts/${contactId}`, {
          company: 'Kaya A.Ş.',
          expectedVersion: 1,
        }),
      getPublicQuiz: () =>
        call(
          new Request(`${BASE}/v1/sites/${store.siteKey}/quiz`, {
            headers: { Origin: store.origin },
          }),
        ),
      startQuiz: () => publicPost('/quiz/start', { ...quizRef, leadId: quizLead }),
      recordQuizSteps: () =>
        publicPost('/quiz/events', {
          ...quizRef,
          events: [{ question: 'location', event: 'shown' }],
        }),
      submitQuiz: () => publicPost('/quiz/responses', { ...quizRef, leadId: quizLead, answers }),
      overrideQualification: async () =>
        admin(store.rep.key, 'POST', `/leads/${quizLead}/qualification`, {
          outcome: 'review',
          reason: 'needs a call first',
          expectedVersion: await version(quizLead),
        }),
      scoreLeadFromFields: () => admin(store.rep.key, 'POST', `/leads/${quizLead}/score`),
      getQuiz: () => admin(store.rep.key, 'GET', '/quiz'),
      saveQuiz: async () => {
        const current = (await (await admin(store.owner.key, 'GET', '/quiz')).json()) as any
        return admin(store.owner.key, 'PUT', '/quiz', current.definition)
      },
      listQuizVersions: () => admin(store.rep.key, 'GET', '/quiz/versions'),
      previewQuizScore: () => admin(store.rep.key, 'POST', '/quiz/preview', { answers }),
      listQuizResponses: () => admin(store.rep.key, 'GET', '/quiz/responses'),
      getQuizFunnel: () => admin(store.rep.key, 'GET', '/quiz/funnel'),
      getOpenApi: () => call(new Request(`${BASE}/openapi.json`)),
      getDocs: () => call(new Request(`${BASE}/docs`)),
      ...(await areaRequests({ store, leadId, contactId })),
    }
    expect(Object.keys(requests).sort()).toEqual(ROUTES.map((r) => r.operationId).sort())
    for (const route of ROUTES) {
      const res = await requests[route.operationId]!()
      expect(res.status, route.operationId).toBe(route.success.status)
      if (!route.success.schema) continue
      const result = v.safeParse(route.success.schema, await res.json())
      expect(
        result.issues?.map((i) => `${v.getDotPath(i)}: ${i.message}`),
        route.operationId,
      ).toBeUndefined()
    }
    expect(idemKey()).not.toBe(idemKey())

    // The documented 409 bodies are what a stale version gets.
    const staleMove = await admin(store.rep.key, 'POST', `/leads/${leadId}/assign`, {
      ownerId: null,
      expectedVersion: 1,
    })
    expect(staleMove.status).toBe(409)
    expect(v.safeParse(ConflictSchema, await staleMove.json()).success).toBe(true)
    const staleContact = await admin(store.rep.key, 'PATCH', `/contacts/${contactId}`, {
      name: 'X',
      expectedVersion: 1,
    })
    expect(staleContact.status).toBe(409)
    expect(v.safeParse(ContactConflictSchema, await staleContact.json()).success).toBe(true)
  }, 30_000)
})
