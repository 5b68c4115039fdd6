/**
 * Scoring cost per response: `npm run bench:scoring`.
 * One full DEFAULT_QUIZ response validated and scored, and one lead scored from its fields.
 */
import { test } from 'vitest'
import type { Answers } from '../../../contract'
import { DEFAULT_QUIZ, scoreAnswers, scoreFields, validateAnswers } from '.'

const answers: Answers = {
  location: 'izmir',
  role: 'manager',
  decider: 'together',
  budget: 120_000,
  needs: ['wholesale', 'integration', 'logistics'],
  timeline: 'quarter',
  supplier: 'yes',
  notes: 'Toptan fiyat listesi ve pazaryeri entegrasyonu hakkında bilgi rica ediyorum.',
}
const lead = {
  location: 'İzmir',
  custom: { budget: '120.000 TL', role: 'Yönetici / departman müdürü', timeline: '3 ay içinde' },
}

test('scoring', async ({ bench }) => {
  await bench.compare(
    bench('validateAnswers + scoreAnswers, full DEFAULT_QUIZ response', () => {
      const valid = validateAnswers(DEFAULT_QUIZ, answers)
      if (!valid.ok) throw new Error('the bench response is invalid')
      scoreAnswers(DEFAULT_QUIZ, answers)
    }),
    bench('scoreFields, lead with location, budget, role and timeline', () => {
      scoreFields(DEFAULT_QUIZ, lead)
    }),
  )
})
