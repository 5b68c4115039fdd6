/**
 * The qualification quiz through the worker: the public quiz, start and completion moving the
 * lead, the server's own scoring, bad answers, versions, the admin routes, overrides, scoring
 * from captured fields, and tenant isolation on every new route.
 */
import { describe, expect, it } from 'vitest'
import {
  admin,
  call,
  captureLead,
  count,
  idemKey,
  leadBody,
  seedStore,
  visitor,
  type TestStore,
} from './helpers'

const json = async (res: Response) => (await res.json()) as any
const BASE = 'https://leadline.test'

const QUALIFIED = {
  location: 'istanbul',
  role: 'owner',
  budget: 300_000,
  needs: ['wholesale', 'private_label'],
  timeline: 'this_month',
  supplier: 'yes',
}
const REVIEW = {
  location: 'ankara',
  role: 'employee',
  decider: 'someone_else',
  budget: 150_000,
  needs: ['logistics'],
  timeline: 'year',
  supplier: 'no',
}
const KNOCKED_OUT = { location: 'other' }

let sessions = 0
const sessionId = () => `session-${Date.now()}-${++sessions}-abcdefgh`

const post = (store: TestStore, path: string, body: unknown, key?: string) =>
  visitor(store, 'POST', `/v1${path}`, body, key)

async function publicQuiz(store: TestStore) {
  const res = await call(
    new Request(`${BASE}/v1/sites/${store.siteKey}/quiz`, { headers: { Origin: store.origin } }),
  )
  expect(res.status).toBe(200)
  return json(res)
}

async function submit(
  store: TestStore,
  extra: Record<string, unknown>,
  answers: Record<string, unknown>,
) {
  const quiz = await publicQuiz(store)
  return post(store, '/quiz/responses', {
    siteKey: store.siteKey,
    quizId: quiz.quizId,
    version: quiz.version,
    sessionId: sessionId(),
    answers,
    ...extra,
  })
}

const leadDetail = async (store: TestStore, id: string) =>
  json(await admin(store.rep.key, 'GET', `/leads/${id}`))

describe('the public quiz', () => {
  it('starts every store with the default quiz and shows no scoring rules', async () => {
    const store = await seedStore()
    const quiz = await publicQuiz(store)
    expect(quiz.version).toBe(1)
    expect(quiz.questions.map((q: any) => q.id)).toContain('budget')
    expect(quiz.questions[0].text.tr).toMatch(/\S/)
    expect(quiz.questions[0].text.en).toMatch(/\S/)
    const text = JSON.stringify(quiz)
    expect(text).not.toMatch(/"points"|"knockout"|"thresholds"|"weight"|"bands"/)
    expect(await count('SELECT count(*) AS n FROM quizzes WHERE site_id = ?1', store.siteId)).toBe(
      1,
    )
    await publicQuiz(store)
    expect(await count('SELECT count(*) AS n FROM quizzes WHERE site_id = ?1', store.siteId)).toBe(
      1,
    )
  })

  it('moves a lead to qualification when the quiz starts, and to nurturing when it qualifies', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const quiz = await publicQuiz(store)
    const session = sessionId()
    const start = await post(store, '/quiz/start', {
      siteKey: store.siteKey,
      quizId: quiz.quizId,
      version: quiz.version,
      sessionId: session,
      leadId,
    })
    expect(start.status).toBe(201)
    expect((await leadDetail(store, leadId)).lead.stage).toBe('qualification')

    const res = await post(store, '/quiz/responses', {
      siteKey: store.siteKey,
      quizId: quiz.quizId,
      version: quiz.version,
      sessionId: session,
      leadId,
      answers: QUALIFIED,
    })
    expect(res.status).toBe(201)
    const body = await json(res)
    expect(body).toEqual({ responseId: expect.any(String), leadId, outcome: 'qualified' })
    expect(JSON.stringify(body)).not.toMatch(/total|score/)

    const d = await leadDetail(store, leadId)
    expect(d.lead).toMatchObject({
      stage: 'nurturing',
      qualification: 'qualified',
      probability: 20,
    })
    expect(d.lead.score).toBeGreaterThanOrEqual(60)
    expect(d.lead.scoreBreakdown.criteria.map((c: any) => c.id)).toEqual([
      'location',
      'budget',
      'authority',
      'need',
      'timeline',
    ])
    expect(d.stageEvents.map((e: any) => e.event)).toEqual([
      'captured',
      'quiz_started',
      'quiz_qualified',
    ])
    const completed = d.timeline.find((a: any) => a.type === 'quiz_completed')
    expect(completed.body.score.outcome).toBe('qualified')
    expect(
      await count(
        "SELECT count(*) AS n FROM quiz_responses WHERE site_id = ?1 AND status = 'completed'",
        store.siteId,
      ),
    ).toBe(1)
  })

  it('closes a knocked-out lead as lost with the reason disqualified', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const res = await submit(store, { leadId }, KNOCKED_OUT)
    expect(res.status).toBe(201)
    expect((await json(res)).outcome).toBe('disqualified')
    const d = await leadDetail(store, leadId)
    expect(d.lead).toMatchObject({
      stage: 'lost',
      closeReason: 'disqualified',
      qualification: 'disqualified',
    })
    expect(d.lead.scoreBreakdown.knockout).toBe(true)
    expect(d.stageEvents.map((e: any) => e.event)).toEqual([
      'captured',
      'quiz_started',
      'quiz_disqualified',
    ])
  })

  it('keeps a lead in qualification for a rep when the score falls in the review band', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const res = await submit(store, { leadId }, REVIEW)
    expect((await json(res)).outcome).toBe('review')
    const d = await leadDetail(store, leadId)
    expect(d.lead).toMatchObject({ stage: 'qualification', qualification: 'review' })
  })

  it('captures a new lead with consent when the quiz is taken standalone', async () => {
    const store = await seedStore()
    const { fields, consent, context } = leadBody(store)
    const res = await submit(
      store,
      { contact: { fields, consent, context, elapsedMs: 30_000 } },
      QUALIFIED,
    )
    expect(res.status).toBe(201)
    const { leadId } = await json(res)
    const d = await leadDetail(store, leadId)
    expect(d.lead.stage).toBe('nurturing')
    expect(d.contact.email).toBe('zeynep.kaya@example.com')
    expect(d.consents.filter((c: any) => c.granted).map((c: any) => c.channel)).toEqual([
      'email',
      'phone',
    ])
    // Recorded as given on the quiz, under the wording shown in the visitor's language.
    expect(d.consents[0]).toMatchObject({
      source: 'quiz',
      language: 'tr',
      wording: { text: expect.stringContaining('ticari elektronik ileti') },
    })
    expect(d.stageEvents.map((e: any) => e.event)).toEqual([
      'captured',
      'quiz_started',
      'quiz_qualified',
    ])
  })

  it('does not move a lead that is already past qualification, but records its score', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    await admin(store.rep.key, 'POST', `/leads/${leadId}/move`, {
      to: 'meeting',
      reason: 'booked by phone',
      expectedVersion: 1,
    })
    await submit(store, { leadId }, KNOCKED_OUT)
    const d = await leadDetail(store, leadId)
    expect(d.lead).toMatchObject({ stage: 'meeting', qualification: 'disqualified' })
  })

  it('counts shown, answered and abandoned questions per session', async () => {
    const store = await seedStore()
    const quiz = await publicQuiz(store)
    const send = (session: string, events: unknown[]) =>
      post(store, '/quiz/events', {
        siteKey: store.siteKey,
        quizId: quiz.quizId,
        version: 1,
        sessionId: session,
        events,
      })
    const a = sessionId()
    const b = sessionId()
    expect(
      (
        await send(a, [
          { question: 'location', event: 'shown' },
          { question: 'location', event: 'answered' },
          { question: 'role', event: 'shown' },
        ])
      ).status,
    ).toBe(202)
    await send(b, [{ question: 'location', event: 'shown' }])
    // A repeated step of one session counts once.
    await send(b, [{ question: 'location', event: 'shown' }])
    const funnel = await json(await admin(store.rep.key, 'GET', '/quiz/funnel'))
    expect(funnel).toMatchObject({ version: 1, sessions: 2, completed: 0 })
    const by = Object.fromEntries(funnel.questions.map((q: any) => [q.question, q]))
    expect(by.location).toMatchObject({ shown: 2, answered: 1, abandoned: 1 })
    expect(by.role).toMatchObject({ shown: 1, answered: 0, abandoned: 1 })
    expect(by.budget).toMatchObject({ shown: 0, answered: 0, abandoned: 0 })
  })
})

describe('bad answers', () => {
  it.each([
    ['an unknown question', { ...QUALIFIED, favourite_colour: 'blue' }, 'answers.favourite_colour'],
    ['an option the question does not have', { ...QUALIFIED, role: 'king' }, 'answers.role'],
    ['a number out of range', { ...QUALIFIED, budget: -5 }, 'answers.budget'],
    [
      'an answer to a question the branching hid',
      { ...QUALIFIED, decider: 'me' },
      'answers.decider',
    ],
    ['a missing required answer', { ...QUALIFIED, timeline: undefined }, 'answers.timeline'],
    ['a choice given as a number', { ...QUALIFIED, location: 34 }, 'answers.location'],
    ['text over its limit', { ...QUALIFIED, notes: 'x'.repeat(1999) }, 'answers.notes'],
  ])('refuses %s and writes nothing', async (_name, answers, path) => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const res = await submit(store, { leadId }, JSON.parse(JSON.stringify(answers)))
    expect(res.status).toBe(422)
    const body = await json(res)
    expect(body.error.code).toBe('validation_failed')
    expect(body.error.issues.map((i: any) => i.path)).toContain(path)
    expect(
      await count('SELECT count(*) AS n FROM quiz_responses WHERE site_id = ?1', store.siteId),
    ).toBe(0)
    expect((await leadDetail(store, leadId)).lead).toMatchObject({ stage: 'lead', score: null })
  })

  it('ignores no client score: a score field is refused as unknown', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const res = await submit(store, { leadId, score: 100 }, KNOCKED_OUT)
    expect(res.status).toBe(422)
  })

  it('refuses answers to a version that is no longer current', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const old = await publicQuiz(store)
    const current = await json(await admin(store.owner.key, 'GET', '/quiz'))
    expect((await admin(store.owner.key, 'PUT', '/quiz', current.definition)).status).toBe(201)
    const res = await post(store, '/quiz/responses', {
      siteKey: store.siteKey,
      quizId: old.quizId,
      version: old.version,
      sessionId: sessionId(),
      leadId,
      answers: QUALIFIED,
    })
    expect(res.status).toBe(409)
    expect((await json(res)).error.code).toBe('quiz_version_stale')
  })

  it('replays a retried submission and refuses a second submission of the same session', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    const quiz = await publicQuiz(store)
    const body = {
      siteKey: store.siteKey,
      quizId: quiz.quizId,
      version: 1,
      sessionId: sessionId(),
      leadId,
      answers: QUALIFIED,
    }
    const key = idemKey()
    const first = await post(store, '/quiz/responses', body, key)
    const retry = await post(store, '/quiz/responses', body, key)
    expect(retry.status).toBe(201)
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true')
    expect(await json(retry)).toEqual(await json(first))
    const again = await post(store, '/quiz/responses', { ...body, answers: KNOCKED_OUT })
    expect(again.status).toBe(409)
    expect((await leadDetail(store, leadId)).lead.stage).toBe('nurturing')
    expect(await count('SELECT count(*) AS n FROM stage_events WHERE lead_id = ?1', leadId)).toBe(3)
  })

  it('refuses a lead of another store', async () => {
    const store = await seedStore()
    const other = await seedStore()
    const foreignLead = await captureLead(other)
    const quiz = await publicQuiz(store)
    const start = await post(store, '/quiz/start', {
      siteKey: store.siteKey,
      quizId: quiz.quizId,
      version: 1,
      sessionId: sessionId(),
      leadId: foreignLead,
    })
    expect(start.status).toBe(404)
    expect((await submit(store, { leadId: foreignLead }, QUALIFIED)).status).toBe(404)
    expect((await leadDetail(other, foreignLead)).lead.stage).toBe('lead')
  })
})

describe('the admin quiz routes', () => {
  it('saves a new version (owners only) and keeps the version each response answered', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    await submit(store, { leadId }, QUALIFIED)
    const current = await json(await admin(store.owner.key, 'GET', '/quiz'))
    const edited = { ...current.definition, thresholds: { qualified: 95, review: 90 } }
    expect((await admin(store.rep.key, 'PUT', '/quiz', edited)).status).toBe(403)
    const saved = await admin(store.owner.key, 'PUT', '/quiz', edited)
    expect(saved.status).toBe(201)
    expect(await json(saved)).toMatchObject({
      version: 2,
      definition: { thresholds: { qualified: 95 } },
    })
    const versions = await json(await admin(store.rep.key, 'GET', '/quiz/versions'))
    expect(versions.items.map((v: any) => v.version)).toEqual([2, 1])
    const responses = await json(await admin(store.rep.key, 'GET', '/quiz/responses'))
    expect(responses.items).toHaveLength(1)
    expect(responses.items[0]).toMatchObject({
      version: 1,
      leadId,
      outcome: 'qualified',
      status: 'completed',
    })
  })

  it('refuses an inconsistent quiz with the reasons', async () => {
    const store = await seedStore()
    const current = await json(await admin(store.owner.key, 'GET', '/quiz'))
    const questions = current.definition.questions.map((q: any, i: number) =>
      i === 0 ? { ...q, showIf: { question: 'budget', op: 'gte', value: 1 } } : q,
    )
    const res = await admin(store.owner.key, 'PUT', '/quiz', { ...current.definition, questions })
    expect(res.status).toBe(422)
    expect((await json(res)).error.issues.length).toBeGreaterThan(0)
    expect(await count('SELECT count(*) AS n FROM quizzes WHERE site_id = ?1', store.siteId)).toBe(
      1,
    )
  })

  it('previews the score of answers without saving anything', async () => {
    const store = await seedStore()
    await publicQuiz(store)
    const before = await count('SELECT count(*) AS n FROM quiz_responses')
    const res = await admin(store.rep.key, 'POST', '/quiz/preview', { answers: QUALIFIED })
    expect(res.status).toBe(200)
    const score = await json(res)
    expect(score.outcome).toBe('qualified')
    expect(score.fired.length).toBeGreaterThan(0)
    const knocked = await json(
      await admin(store.rep.key, 'POST', '/quiz/preview', { answers: KNOCKED_OUT }),
    )
    expect(knocked).toMatchObject({ outcome: 'disqualified', knockout: true })
    expect(await count('SELECT count(*) AS n FROM quiz_responses')).toBe(before)
  })

  it('lets a rep override the outcome with a reason, and records it', async () => {
    const store = await seedStore()
    const leadId = await captureLead(store)
    await submit(store, { leadId }, REVIEW)
    const lead = (await leadDetail(store, leadId)).lead
    const res = await admin(store.rep.key, 'POST', `/leads/${leadId}/qualification`, {
      outcome: 'qualified',
      reason: 'Talked on the phone: budget approved',
      expectedVersion: lead.version,
    })
    expect(res.status).toBe(200)
    expect(await json(res)).toMatchObject({ stage: 'nurturing', qualification: 'qualified' })
    const d = await leadDetail(store, leadId)
    expect(d.stageEvents.at(-1)).toMatchObject({
      event: 'qualification_overridden',
      from: 'qualification',
      to: 'nurturing',
    })
    expect(d.timeline[0]).toMatchObject({ type: 'stage_changed' })
    expect(d.timeline.find((a: any) => a.type === 'qualification_overridden').body).toEqual({
      from: 'review',
      to: 'qualified',
      reason: 'Talked on the phone: budget approved',
    })
    const stale = await admin(store.rep.key, 'POST', `/leads/${leadId}/qualification`, {
      outcome: 'disqualified',
      reason: 'x',
      expectedVersion: lead.version,
    })
    expect(stale.status).toBe(409)
  })

  it('scores a lead from its captured fields with the same rules', async () => {
    const store = await seedStore({
      settings: {
        fields: [
          {
            name: 'email',
            kind: 'standard',
            type: 'email',
            required: true,
            label: { tr: 'E-posta', en: 'E-mail' },
          },
          {
            name: 'location',
            kind: 'standard',
            type: 'text',
            required: false,
            label: { tr: 'Şehir', en: 'City' },
          },
          {
            name: 'budget',
            kind: 'custom',
            type: 'number',
            required: false,
            label: { tr: 'Bütçe', en: 'Budget' },
          },
        ],
      },
    })
    const leadId = await captureLead(store, {
      fields: { email: 'butce@example.com', location: 'İstanbul' },
      custom: { budget: 400_000 },
    })
    const res = await admin(store.rep.key, 'POST', `/leads/${leadId}/score`)
    expect(res.status).toBe(200)
    const lead = await json(res)
    expect(lead.score).toBeGreaterThan(0)
    const byId = Object.fromEntries(lead.scoreBreakdown.criteria.map((c: any) => [c.id, c]))
    expect(byId.location.percent).toBe(100)
    expect(byId.budget.percent).toBe(100)
    expect(lead.stage).toBe('lead')
  })

  it('keeps every quiz route to its own store', async () => {
    const victim = await seedStore()
    const intruder = await seedStore()
    const leadId = await captureLead(victim)
    await submit(victim, { leadId }, QUALIFIED)
    for (const key of [intruder.owner.key, intruder.rep.key]) {
      expect((await json(await admin(key, 'GET', '/quiz/responses'))).items).toEqual([])
      expect((await json(await admin(key, 'GET', '/quiz/funnel'))).completed).toBe(0)
      expect(
        (
          await admin(key, 'POST', `/leads/${leadId}/qualification`, {
            outcome: 'disqualified',
            reason: 'x',
            expectedVersion: 1,
          })
        ).status,
      ).toBe(404)
      expect((await admin(key, 'POST', `/leads/${leadId}/score`)).status).toBe(404)
    }
    expect((await leadDetail(victim, leadId)).lead).toMatchObject({
      stage: 'nurturing',
      qualification: 'qualified',
    })
    const other = await post(victim, '/quiz/events', {
      siteKey: intruder.siteKey,
      quizId: 'qz_x',
      version: 1,
      sessionId: sessionId(),
      events: [{ question: 'location', event: 'shown' }],
    })
    expect(other.status).toBe(403)
  })

  it('keeps the admin quiz routes (read, save, versions, preview) to their own store', async () => {
    const victim = await seedStore()
    const intruder = await seedStore()
    const definitionOf = async (store: TestStore) =>
      (await json(await admin(store.owner.key, 'GET', '/quiz'))).definition
    // Strict thresholds for the victim, lax ones for the intruder: a preview tells whose quiz scored.
    const victimSaved = await json(
      await admin(victim.owner.key, 'PUT', '/quiz', {
        ...(await definitionOf(victim)),
        thresholds: { qualified: 95, review: 90 },
      }),
    )
    const victimVersions = await json(await admin(victim.owner.key, 'GET', '/quiz/versions'))
    const victimIds = victimVersions.items.map((v: any) => v.quizId)
    expect(victimIds).toHaveLength(2)

    const put = await admin(intruder.owner.key, 'PUT', '/quiz', {
      ...(await definitionOf(intruder)),
      thresholds: { qualified: 10, review: 5 },
    })
    expect(put.status).toBe(201)
    const intruderSaved = await json(put)
    expect(intruderSaved.version).toBe(2)
    expect(victimIds).not.toContain(intruderSaved.quizId)

    for (const key of [intruder.owner.key, intruder.rep.key]) {
      const current = await json(await admin(key, 'GET', '/quiz'))
      expect(current).toEqual(intruderSaved)
      const versions = (await json(await admin(key, 'GET', '/quiz/versions'))).items
      expect(versions.map((v: any) => v.version)).toEqual([2, 1])
      expect(versions[0].quizId).toBe(intruderSaved.quizId)
      for (const v of versions) expect(victimIds).not.toContain(v.quizId)
      const preview = await json(await admin(key, 'POST', '/quiz/preview', { answers: REVIEW }))
      expect(preview.outcome).toBe('qualified')
    }

    // The victim's quiz is untouched: same current version, same history, its own scoring.
    expect(await json(await admin(victim.rep.key, 'GET', '/quiz'))).toEqual(victimSaved)
    expect(await json(await admin(victim.rep.key, 'GET', '/quiz/versions'))).toEqual(victimVersions)
    const preview = await json(
      await admin(victim.rep.key, 'POST', '/quiz/preview', { answers: REVIEW }),
    )
    expect(preview.outcome).toBe('disqualified')
    expect((await publicQuiz(victim)).quizId).toBe(victimSaved.quizId)
  })
})
