/**
 * Consent a store can prove later (KVKK, law 6563, GDPR art. 7(1)): every wording is kept,
 * never changed, with the time it became current; each record points at the exact wording shown
 * (and its language), with its channel, source and time; the contact page and the subject-access
 * export show it; withdrawal is a new record. Migration 0014's triggers refuse changes.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import type { ConsentRecord, ContactDetail, SiteAdmin, SiteConfig } from '../../contract'
import { queueEmail } from './areas/delivery'
import { oneClickUnsubscribe } from './areas/messages'
import { siteUpdateBody } from './areas/site'
import { admin, call, leadBody, postLead, seedStore, type TestStore } from './helpers'

const BASE = 'https://leadline.test'
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T

type Consent = SiteConfig['consent']
type Body = Awaited<ReturnType<typeof siteUpdateBody>> & SiteAdmin

/** Saves the store's consent settings as an owner would in the console. */
async function saveConsent(store: TestStore, consent: Consent) {
  const body = (await siteUpdateBody(store)) as Body
  body.settings.consent = consent
  return admin(store.owner.key, 'PUT', '/site', body)
}

/** A capture by the same person (one contact), showing `version` in `locale`. */
async function capture(store: TestStore, version: string, locale: 'tr' | 'en') {
  const base = leadBody(store)
  return postLead(
    store,
    leadBody(store, {
      consent: { version, channels: { email: true, sms: false, phone: false } },
      context: { ...base.context, locale },
    }),
  )
}

const v2: Consent = {
  version: '2026-06',
  text: { tr: 'Kampanya e-postaları almak istiyorum (v2).', en: 'Send me offers (v2).' },
  notice: { tr: 'Verileriniz KVKK kapsamında işlenir (v2).', en: 'We process your data (v2).' },
  noticeUrl: 'https://shop.example/aydinlatma-metni',
  channels: ['email', 'sms'],
}
const v3: Consent = {
  ...v2,
  version: '2026-09',
  text: { tr: 'Ticari elektronik ileti onayı (v3).', en: 'Commercial messages opt-in (v3).' },
  notice: { tr: 'Aydınlatma metni özeti (v3).', en: 'Privacy notice summary (v3).' },
  noticeUrl: 'https://shop.example/kvkk',
}

const emailRecords = (consents: ConsentRecord[]) =>
  consents.filter((c) => c.channel === 'email').map((c) => [c.textVersion, c.language, c.wording])

describe('consent wordings', () => {
  it('records each capture under the exact wording shown, across two rewordings, in the export', async () => {
    const store = await seedStore()
    const defaults = await json<SiteAdmin>(admin(store.owner.key, 'GET', '/site'))
    // 1. The built-in wording, kept by the first capture under it.
    const first = await capture(store, '2026-01', 'tr')
    expect(first.status, await first.clone().text()).toBe(201)
    // 2. First rewording; a capture in English.
    expect((await saveConsent(store, v2)).status).toBe(200)
    expect((await capture(store, v2.version, 'en')).status).toBe(201)
    // 3. Second rewording; a capture in Turkish, then one from a page still showing v2.
    expect((await saveConsent(store, v3)).status).toBe(200)
    expect((await capture(store, v3.version, 'tr')).status).toBe(201)
    expect((await capture(store, v2.version, 'tr')).status).toBe(201)
    // A version the store never had is refused.
    const unknown = await capture(store, '2025-01', 'tr')
    expect(unknown.status).toBe(422)

    const { contactId } = (await env.DB.prepare(
      'SELECT contact_id AS contactId FROM leads WHERE site_id = ?1 LIMIT 1',
    )
      .bind(store.siteId)
      .first<{ contactId: string }>())!
    const builtIn = defaults.settings.consent
    const wording = (c: Consent, lang: 'tr' | 'en', from: unknown = expect.any(String)) => ({
      text: c.text[lang],
      notice: c.notice?.[lang] ?? null,
      noticeUrl: c.noticeUrl ?? null,
      currentFrom: from,
    })
    const expected = [
      ['2026-01', 'tr', wording(builtIn, 'tr')],
      ['2026-06', 'en', wording(v2, 'en')],
      ['2026-09', 'tr', wording(v3, 'tr')],
      ['2026-06', 'tr', wording(v2, 'tr')],
    ]
    const exported = await admin(store.rep.key, 'GET', `/contacts/${contactId}/export`)
    expect(exported.status).toBe(200)
    const data = await json<{ consents: ConsentRecord[] }>(exported)
    expect(emailRecords(data.consents)).toEqual(expected)
    expect(data.consents.every((c) => c.source === 'form')).toBe(true)
    // The contact page answers the same records.
    const detail = await json<ContactDetail>(admin(store.rep.key, 'GET', `/contacts/${contactId}`))
    expect(emailRecords(detail.consents)).toEqual(expected)
    // Each wording became current in order: v2 before v3, and v2's text is still v2's.
    const froms = data.consents
      .filter((k) => k.channel === 'email')
      .map((k) => k.wording!.currentFrom)
    expect(froms[0]! <= froms[1]! && froms[1]! < froms[2]!).toBe(true)
    expect(froms[1]).toBe(froms[3])
    // Channels the store stopped offering are not recorded; sms was offered from v2 on.
    expect(data.consents.filter((k) => k.channel === 'phone').map((k) => k.textVersion)).toEqual([
      '2026-01',
    ])
  })

  it('keeps a version to one wording: reusing it for other words is refused, going back to it is not', async () => {
    const store = await seedStore()
    expect((await saveConsent(store, v2)).status).toBe(200)
    expect((await saveConsent(store, v3)).status).toBe(200)
    const reused = await saveConsent(store, { ...v2, text: { ...v2.text, tr: 'Başka bir metin.' } })
    expect(reused.status).toBe(422)
    const { error } = await json<{ error: { issues: { path: string }[] } }>(reused)
    expect(error.issues.map((i) => i.path)).toEqual(['settings.consent.version'])
    const movedUrl = await saveConsent(store, { ...v2, noticeUrl: 'https://shop.example/yeni' })
    expect(movedUrl.status).toBe(422)
    expect((await saveConsent(store, v2)).status).toBe(200)
    const rows = await env.DB.prepare(
      `SELECT kind, version, language, text, notice_url FROM consent_texts WHERE site_id = ?1
        ORDER BY version, kind, language`,
    )
      .bind(store.siteId)
      .all()
    expect(rows.results).toEqual([
      { kind: 'marketing', version: '2026-06', language: 'en', text: v2.text.en, notice_url: null },
      { kind: 'marketing', version: '2026-06', language: 'tr', text: v2.text.tr, notice_url: null },
      {
        kind: 'notice',
        version: '2026-06',
        language: 'en',
        text: v2.notice!.en,
        notice_url: v2.noticeUrl,
      },
      {
        kind: 'notice',
        version: '2026-06',
        language: 'tr',
        text: v2.notice!.tr,
        notice_url: v2.noticeUrl,
      },
      { kind: 'marketing', version: '2026-09', language: 'en', text: v3.text.en, notice_url: null },
      { kind: 'marketing', version: '2026-09', language: 'tr', text: v3.text.tr, notice_url: null },
      {
        kind: 'notice',
        version: '2026-09',
        language: 'en',
        text: v3.notice!.en,
        notice_url: v3.noticeUrl,
      },
      {
        kind: 'notice',
        version: '2026-09',
        language: 'tr',
        text: v3.notice!.tr,
        notice_url: v3.noticeUrl,
      },
    ])
  })

  it('keeps no wording for a save that lost the version race', async () => {
    const store = await seedStore()
    const stale = (await siteUpdateBody(store)) as Body
    expect((await saveConsent(store, v2)).status).toBe(200)
    stale.settings.consent = v3
    expect((await admin(store.owner.key, 'PUT', '/site', stale)).status).toBe(409)
    const versions = await env.DB.prepare(
      'SELECT DISTINCT version FROM consent_texts WHERE site_id = ?1',
    )
      .bind(store.siteId)
      .all()
    expect(versions.results).toEqual([{ version: '2026-06' }])
  })

  it('shows the information notice and its link in the widget config, apart from the opt-in', async () => {
    const store = await seedStore()
    const config = (origin = store.origin) =>
      json<SiteConfig>(
        call(
          new Request(`${BASE}/v1/sites/${store.siteKey}/config`, { headers: { Origin: origin } }),
        ),
      )
    const defaults = (await config()).consent
    expect(defaults.notice?.tr).toMatch(/6698/)
    expect(defaults.text.tr).toMatch(/ticari elektronik ileti/)
    expect(defaults.text.tr).not.toMatch(/işlenmesini/)
    expect((await saveConsent(store, v2)).status).toBe(200)
    expect((await config()).consent).toMatchObject({
      notice: v2.notice,
      noticeUrl: v2.noticeUrl,
    })
  })

  it('keeps the link of a notice given as a link alone with the records given under it', async () => {
    const store = await seedStore()
    const { notice: _, ...linkOnly } = { ...v2, version: '2026-07' }
    expect((await saveConsent(store, linkOnly)).status).toBe(200)
    const res = await capture(store, '2026-07', 'en')
    const { leadId } = await json<{ leadId: string }>(res)
    const detail = await json<{ consents: ConsentRecord[] }>(
      admin(store.rep.key, 'GET', `/leads/${leadId}`),
    )
    expect(detail.consents[0]!.wording).toMatchObject({
      text: v2.text.en,
      notice: null,
      noticeUrl: v2.noticeUrl,
    })
  })

  it('refuses a notice address that is not https, or a notice in one language only', async () => {
    const store = await seedStore()
    const bad = await saveConsent(store, {
      ...v2,
      noticeUrl: 'javascript:alert(1)',
      notice: { tr: 'Özet', en: ' ' },
    })
    expect(bad.status).toBe(422)
    const { error } = await json<{ error: { issues: { path: string }[] } }>(bad)
    expect(error.issues.map((i) => i.path).sort()).toEqual([
      'settings.consent.notice.en',
      'settings.consent.noticeUrl',
    ])
  })
})

describe('consent records are never changed', () => {
  it('refuses to update or delete a kept wording', async () => {
    const store = await seedStore()
    expect((await saveConsent(store, v2)).status).toBe(200)
    const update = env.DB.prepare("UPDATE consent_texts SET text = 'x' WHERE site_id = ?1")
      .bind(store.siteId)
      .run()
    await expect(update).rejects.toThrow(/never changed/)
    const remove = env.DB.prepare('DELETE FROM consent_texts WHERE site_id = ?1')
      .bind(store.siteId)
      .run()
    await expect(remove).rejects.toThrow(/never removed/)
    const n = await env.DB.prepare('SELECT count(*) AS n FROM consent_texts WHERE site_id = ?1')
      .bind(store.siteId)
      .first<{ n: number }>()
    expect(n?.n).toBe(4)
  })

  it('refuses to change or delete a consent record', async () => {
    const store = await seedStore()
    expect((await capture(store, '2026-01', 'tr')).status).toBe(201)
    for (const sql of [
      'UPDATE consents SET granted = 0 WHERE site_id = ?1',
      "UPDATE consents SET text_version = 'x' WHERE site_id = ?1",
      'UPDATE consents SET consent_text_id = NULL WHERE site_id = ?1',
      "UPDATE consents SET created_at = '2020-01-01T00:00:00Z' WHERE site_id = ?1",
      'DELETE FROM consents WHERE site_id = ?1',
    ]) {
      await expect(env.DB.prepare(sql).bind(store.siteId).run(), sql).rejects.toThrow(/never/)
    }
    const granted = await env.DB.prepare(
      "SELECT granted FROM consents WHERE site_id = ?1 AND channel = 'email'",
    )
      .bind(store.siteId)
      .first<{ granted: number }>()
    expect(granted?.granted).toBe(1)
  })

  it('records a withdrawal as a new record, leaving the consent it withdraws as given', async () => {
    const store = await seedStore()
    const res = await capture(store, '2026-01', 'en')
    const { leadId } = await json<{ leadId: string }>(res)
    const id = await queueEmail(store, 'zeynep.kaya@example.com', { leadId, purpose: 'commercial' })
    const unsubscribed = await oneClickUnsubscribe(id)
    expect(unsubscribed.status).toBe(200)
    const { contactId } = (await env.DB.prepare(
      'SELECT contact_id AS contactId FROM leads WHERE id = ?1',
    )
      .bind(leadId)
      .first<{ contactId: string }>())!
    const detail = await json<ContactDetail>(admin(store.rep.key, 'GET', `/contacts/${contactId}`))
    const email = detail.consents.filter((c) => c.channel === 'email')
    expect(email.map((c) => [c.granted, c.source, c.language, c.wording?.text ?? null])).toEqual([
      [true, 'form', 'en', expect.stringMatching(/commercial electronic messages/)],
      [false, 'unsubscribe', null, null],
    ])
  })
})
