/**
 * A small quiz the tests change one part at a time. Points are chosen so totals are easy to
 * compute by hand: location max 10, budget max 10, authority max 10 (+10 with decider), need max
 * 10, all weights 1 unless a test changes them.
 */
import type { Option, QuizDefinition } from '../../../contract'

const t = (s: string) => ({ tr: s, en: s })
export const opt = (value: string, points = 0, knockout = false): Option => ({
  value,
  label: t(value),
  points,
  knockout,
})

export function fixture(): QuizDefinition {
  return {
    title: t('Quiz'),
    questions: [
      {
        id: 'city',
        kind: 'location',
        text: t('Where?'),
        required: true,
        criterion: 'location',
        field: 'location',
        options: [
          {
            value: 'istanbul',
            label: { tr: 'İstanbul', en: 'Istanbul' },
            points: 10,
            knockout: false,
          },
          { value: 'izmir', label: { tr: 'İzmir', en: 'Izmir' }, points: 5, knockout: false },
          { value: 'away', label: { tr: 'Hizmet dışı', en: 'Outside' }, points: 0, knockout: true },
        ],
        jumps: [{ when: { question: 'city', op: 'eq', value: 'away' }, to: '$end' }],
      },
      {
        id: 'budget',
        kind: 'number',
        text: t('Budget?'),
        required: true,
        criterion: 'budget',
        field: 'budget',
        number: {
          min: 0,
          max: 1_000_000,
          display: 'input',
          bands: [
            { max: 1_000, points: 0, knockout: true },
            { min: 1_000, max: 10_000, points: 2, knockout: false },
            { min: 10_000, max: 100_000, points: 5, knockout: false },
            { min: 100_000, points: 10, knockout: false },
          ],
        },
      },
      {
        id: 'role',
        kind: 'single',
        text: t('Role?'),
        required: true,
        criterion: 'authority',
        field: 'role',
        options: [opt('owner', 10), opt('staff', 4), opt('intern', -5)],
      },
      {
        id: 'decider',
        kind: 'single',
        text: t('Who decides?'),
        required: true,
        criterion: 'authority',
        showIf: { question: 'role', op: 'neq', value: 'owner' },
        options: [opt('me', 10), opt('boss', 0)],
      },
      {
        id: 'needs',
        kind: 'multiple',
        text: t('Needs?'),
        required: false,
        criterion: 'need',
        options: [opt('a', 5), opt('b', 3), opt('c', 2), opt('none', -4)],
      },
      {
        id: 'supplier',
        kind: 'yes_no',
        text: t('Supplier?'),
        required: false,
        field: 'has_supplier',
        options: [
          { value: 'yes', label: { tr: 'Evet', en: 'Yes' }, points: 0, knockout: false },
          { value: 'no', label: { tr: 'Hayır', en: 'No' }, points: 0, knockout: false },
        ],
      },
      {
        id: 'notes',
        kind: 'text',
        text: t('Notes?'),
        required: false,
        field: 'notes',
        maxLength: 20,
      },
    ],
    criteria: [
      { id: 'location', label: t('Location'), weight: 1 },
      { id: 'budget', label: t('Budget'), weight: 1 },
      { id: 'authority', label: t('Authority'), weight: 1 },
      { id: 'need', label: t('Need'), weight: 1 },
    ],
    thresholds: { qualified: 60, review: 40 },
    endings: {
      qualified: { title: t('Yes'), body: t('Book'), action: 'book_demo' },
      review: { title: t('Maybe'), body: t('Wait'), action: 'none' },
      disqualified: { title: t('No'), body: t('Thanks'), action: 'none' },
    },
  }
}
