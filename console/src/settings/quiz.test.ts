/**
 * The quiz editor and its score preview in Chromium, against a stubbed admin API: edits reach
 * the PUT body, a 422 names the question and option, reps read only, keyboard reordering, and
 * the preview follows the branching and shows the server's breakdown.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import type { QuizDefinition, QuizVersion, ScoreResult } from '../../../contract'
import { json, ME, REP_ME, shadow, stubApi, type Call } from '../test-helpers'
import { mountSection, statusOf } from './editor-kit/mount.test-helper'
import './quiz'

const option = (value: string, tr: string, points = 0, knockout = false) => ({
  value,
  label: { tr, en: tr },
  points,
  knockout,
})

const DEFINITION: QuizDefinition = {
  title: { tr: 'Test', en: 'Quiz' },
  questions: [
    {
      id: 'role',
      kind: 'single',
      text: { tr: 'Göreviniz nedir?', en: 'Your role?' },
      required: true,
      criterion: 'authority',
      options: [option('owner', 'Sahibi', 10), option('employee', 'Çalışan', 2)],
    },
    {
      id: 'decider',
      kind: 'yes_no',
      text: { tr: 'Karar sizde mi?', en: 'Do you decide?' },
      required: true,
      criterion: 'authority',
      showIf: { question: 'role', op: 'neq', value: 'owner' },
      options: [option('yes', 'Evet', 5), option('no', 'Hayır')],
    },
    {
      id: 'budget',
      kind: 'number',
      text: { tr: 'Bütçeniz?', en: 'Budget?' },
      required: false,
      criterion: 'budget',
      number: {
        min: 0,
        max: 100000,
        display: 'input',
        bands: [{ min: 1000, points: 10, knockout: false }],
      },
    },
  ],
  criteria: [
    { id: 'authority', label: { tr: 'Yetki', en: 'Authority' }, weight: 1 },
    { id: 'budget', label: { tr: 'Bütçe', en: 'Budget' }, weight: 2 },
  ],
  thresholds: { qualified: 60, review: 30 },
  endings: {
    qualified: {
      title: { tr: 'Harika', en: 'Great' },
      body: { tr: '.', en: '.' },
      action: 'book_demo',
    },
    review: {
      title: { tr: 'Teşekkürler', en: 'Thanks' },
      body: { tr: '.', en: '.' },
      action: 'none',
    },
    disqualified: {
      title: { tr: 'Üzgünüz', en: 'Sorry' },
      body: { tr: '.', en: '.' },
      action: 'none',
    },
  },
}

const version = (v: number, definition = DEFINITION): QuizVersion => ({
  quizId: 'qz_' + v,
  version: v,
  definition,
  createdAt: '2026-11-20T10:00:00.000Z',
  createdBy: 'us_1',
})

const SCORE: ScoreResult = {
  total: 73.3,
  outcome: 'qualified',
  knockout: false,
  criteria: [
    { id: 'authority', points: 10, max: 10, percent: 100, weight: 1 },
    { id: 'budget', points: 10, max: 10, percent: 60, weight: 2 },
  ],
  fired: [
    { question: 'role', rule: 'points', value: 'owner', points: 10 },
    { question: 'budget', rule: 'points', value: 5000, points: 10 },
  ],
}

function routes(extra: Record<string, (call: Call) => Response> = {}) {
  return stubApi({
    ...extra,
    'GET /admin/api/quiz/versions': () =>
      json({ items: [2, 1].map((v) => ({ ...version(v), definition: undefined })) }),
    'GET /admin/api/quiz': () => json(version(2)),
  })
}

const questionIds = (root: ShadowRoot) =>
  [...root.querySelectorAll('[data-question]')].map((q) => q.getAttribute('data-question'))

/** An element's text with its whitespace collapsed, as a screen reader reads it. */
const words = (el: Element | null) => el!.textContent!.replace(/\s+/g, ' ').trim()

const field = (root: ShadowRoot, id: string) => root.querySelector<HTMLInputElement>(`#${id}`)!

beforeEach(() => document.body.replaceChildren())
afterEach(() => vi.unstubAllGlobals())

describe('the quiz editor', () => {
  it('saves the edited question text and threshold as a new version and lists it', async () => {
    let saved: QuizDefinition | undefined
    const calls = routes({
      'PUT /admin/api/quiz': (c) => {
        saved = c.body as QuizDefinition
        return json(version(3, saved), 201)
      },
    })
    const { root } = await mountSection('leadline-settings-quiz', ME)
    await userEvent.click(root.querySelector('#q0-toggle')!)
    await userEvent.fill(field(root, 'q0-text-tr'), 'Şirketteki rolünüz?')
    await userEvent.fill(field(root, 'th-qualified'), '70')
    await userEvent.click(root.querySelector('form button[type=submit]')!)

    await vi.waitFor(() => expect(statusOf(root)).toContain('sürüm 3'))
    const put = calls.find((c) => c.method === 'PUT')!
    expect(put.path).toBe('/admin/api/quiz')
    expect(saved!.questions[0]!.text).toEqual({ tr: 'Şirketteki rolünüz?', en: 'Your role?' })
    expect(saved!.thresholds).toEqual({ qualified: 70, review: 30 })
    expect(saved!.questions[1]!.showIf).toEqual(DEFINITION.questions[1]!.showIf)
    expect(calls.filter((c) => c.path === '/admin/api/quiz/versions')).toHaveLength(2)
  })

  it('shows a 422 in words with the question and option it names, and at the field', async () => {
    routes({
      'PUT /admin/api/quiz': () =>
        json(
          {
            error: {
              code: 'validation_failed',
              message: 'The quiz is not consistent.',
              issues: [
                { path: 'questions.0.options.1.value', message: 'option "owner" is repeated' },
              ],
            },
          },
          422,
        ),
    })
    const { root } = await mountSection('leadline-settings-quiz', ME)
    await userEvent.click(root.querySelector('#q0-toggle')!)
    await userEvent.fill(field(root, 'q0-o1-value'), 'owner')
    await userEvent.click(root.querySelector('form button[type=submit]')!)

    const alert = root.querySelector('[role="alert"]')!
    await vi.waitFor(() => expect(alert.textContent).toContain('Test kaydedilemedi'))
    expect(alert.textContent).toContain('Soru 1, seçenek 2, değer: option "owner" is repeated')
    const input = field(root, 'q0-o1-value')
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(root.querySelector(`#${input.getAttribute('aria-describedby')}`)!.textContent).toContain(
      'is repeated',
    )
    expect(root.querySelector('[data-question="role"]')!.textContent).toContain('1 sorun')
  })

  it('moves a question down from the keyboard and keeps focus on it', async () => {
    const calls = routes({
      'PUT /admin/api/quiz': (c) => json(version(3, c.body as QuizDefinition), 201),
    })
    const { root } = await mountSection('leadline-settings-quiz', ME)
    root.querySelector<HTMLButtonElement>('#q0-down')!.focus()
    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() => expect(questionIds(root)).toEqual(['decider', 'role', 'budget']))
    expect(root.activeElement?.id).toBe('q1-down')
    await vi.waitFor(() => expect(statusOf(root)).toContain('“Göreviniz nedir?” artık 2. sırada'))
    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() => expect(questionIds(root)).toEqual(['decider', 'budget', 'role']))
    // At the end the down button is off: focus goes to the twin that still works.
    expect(root.activeElement?.id).toBe('q2-up')
    await userEvent.click(root.querySelector('form button[type=submit]')!)
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true))
    const body = calls.find((c) => c.method === 'PUT')!.body as QuizDefinition
    expect(body.questions.map((q) => q.id)).toEqual(['decider', 'budget', 'role'])
  })

  it('writes branching as text and refuses to save a condition it cannot read', async () => {
    const calls = routes()
    const { root } = await mountSection('leadline-settings-quiz', ME)
    await userEvent.click(root.querySelector('#q1-toggle')!)
    expect(field(root, 'q1-showif').value).toBe('role != owner')
    await userEvent.fill(field(root, 'q1-showif'), 'role = ')
    expect(root.textContent).toContain('Koşul anlaşılamadı: bir değer bekleniyordu')
    await userEvent.click(root.querySelector('form button[type=submit]')!)
    expect(root.querySelector('[role="alert"]')!.textContent).toContain('anlaşılamayan koşulları')
    expect(calls.some((c) => c.method === 'PUT')).toBe(false)
  })

  it('shows reps the quiz read-only, with the reason, and lets them use the preview', async () => {
    routes()
    const { root } = await mountSection('leadline-settings-quiz', REP_ME)
    expect(root.querySelector('form fieldset')!.hasAttribute('disabled')).toBe(true)
    expect(root.textContent).toContain('yalnızca mağaza sahipleri değiştirebilir')
    const preview = shadow(root.querySelector('leadline-quiz-preview'))
    expect(preview.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled).toBe(false)
  })
})

describe('the score preview', () => {
  it('shows only the questions the branching shows, and the server’s breakdown', async () => {
    const calls = routes({ 'POST /admin/api/quiz/preview': () => json(SCORE) })
    const { root } = await mountSection('leadline-settings-quiz', ME)
    const preview = shadow(root.querySelector('leadline-quiz-preview'))
    const shown = () =>
      [...preview.querySelectorAll('[data-preview]')].map((q) => q.getAttribute('data-preview'))
    // "Karar sizde mi?" shows only once the role is answered, and not as owner.
    expect(shown()).toEqual(['role', 'budget'])
    await userEvent.click(
      preview.querySelector('[data-preview="role"] label:nth-of-type(2) input')!,
    )
    await vi.waitFor(() => expect(shown()).toEqual(['role', 'decider', 'budget']))
    await userEvent.click(preview.querySelector('[data-preview="decider"] input')!)
    await userEvent.click(preview.querySelector('[data-preview="role"] input')!)
    // role = owner hides it again, and its answer is not sent.
    await vi.waitFor(() => expect(shown()).toEqual(['role', 'budget']))
    await userEvent.fill(preview.querySelector<HTMLInputElement>('#pv-budget')!, '5000')
    await userEvent.click(preview.querySelector('button[type=submit]')!)

    await vi.waitFor(() =>
      expect(preview.querySelector('[data-outcome]')?.textContent).toBe('Nitelikli'),
    )
    const post = calls.find((c) => c.method === 'POST')!
    expect(post.body).toEqual({ answers: { role: 'owner', budget: 5000 }, definition: DEFINITION })
    expect(preview.querySelector('[data-total]')!.textContent).toBe('Puan 73 / 100')
    const budget = preview.querySelector('[data-criterion="budget"]')!.textContent!
    expect(budget).toContain('Bütçe')
    expect(budget).toContain('10 / 10')
    expect(budget).toContain('60 %')
    expect(words(preview.querySelector('[data-fired]'))).toContain(
      'Göreviniz nedir?: owner → +10 puan',
    )
    expect(preview.activeElement?.id).toBe('pv-result')
  })
})
