/**
 * Scoring a lead without the quiz: questions that name a captured `field` take their answer from
 * the lead (its location, or a custom field), read leniently the way people type them in Turkey.
 */
import type { Answers, Question, QuizDefinition, ScoreResult } from '../../../contract'
import { scoreAnswers } from './score'
import { DEFAULT_TEXT_MAX_LENGTH } from './validate'

/** The captured data a lead brings to scoring. */
export interface LeadFields {
  location: string | null
  custom: Record<string, unknown>
}

/**
 * Folds case, Turkish letters and accents so that 'İSTANBUL', 'istanbul' and 'Istanbul' compare
 * equal: decomposes (İ → I + dot, ş → s + cedilla), drops the marks, lower-cases without a
 * locale and maps the dotless ı to i.
 */
export const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/\s+/g, ' ')
    .trim()

/**
 * A number typed the Turkish way or the English way: '250.000', '250000 TL', '₺250.000,50',
 * '1,5', '250,000', '2.5'. With both separators the last one is the decimal point; with one,
 * groups of exactly three digits mean thousands. Anything else is not a number.
 */
export function parseAmount(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined
  if (typeof raw !== 'string') return undefined
  let s = raw
    .replace(/\s+/g, '')
    .replace(/^(?:₺|tl|try)|(?:₺|tl|try)$/i, '')
    .replace(/^(?:₺|tl|try)|(?:₺|tl|try)$/i, '')
  const negative = s.startsWith('-')
  if (negative) s = s.slice(1)
  if (!/^\d[\d.,]*$/.test(s) || /[.,]$/.test(s)) return undefined
  const dot = s.lastIndexOf('.')
  const comma = s.lastIndexOf(',')
  if (dot >= 0 && comma >= 0) {
    const [group, decimal] = dot > comma ? [',', '.'] : ['.', ',']
    const [whole, fraction] = [s.slice(0, Math.max(dot, comma)), s.slice(Math.max(dot, comma) + 1)]
    if (whole.includes(decimal) || !/^\d{1,3}(?:[.,]\d{3})*$/.test(whole)) return undefined
    s = `${whole.split(group).join('')}.${fraction}`
  } else if (dot >= 0 || comma >= 0) {
    const sep = dot >= 0 ? '.' : ','
    const thousands = new RegExp(`^\\d{1,3}(?:\\${sep}\\d{3})+$`)
    if (thousands.test(s)) s = s.split(sep).join('')
    else if (s.split(sep).length === 2) s = s.replace(sep, '.')
    else return undefined
  }
  const n = Number(s)
  return Number.isFinite(n) ? (negative ? -n : n) : undefined
}

/** The option of `q` that `raw` names by value or by either label, folded; or undefined. */
function matchOption(q: Question, raw: unknown): string | undefined {
  if (q.kind === 'yes_no' && typeof raw === 'boolean') return raw ? 'yes' : 'no'
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined
  const wanted = fold(String(raw))
  if (wanted === '') return undefined
  const found = q.options?.find(
    (o) => fold(o.value) === wanted || fold(o.label.tr) === wanted || fold(o.label.en) === wanted,
  )
  return found?.value
}

/**
 * Answers to the questions with a `field`, taken from the lead: `location` reads
 * `lead.location`, any other field `lead.custom[field]`. Choice answers must name an option
 * (value or label, case- and Turkish-letter-insensitive), numbers may be numeric strings in Turkish
 * or English format within the question's range, text must fit `maxLength`; anything else is left out.
 * @example answersFromFields(DEFAULT_QUIZ, { location: 'İstanbul', custom: { budget: '250.000 TL' } }) // { location: 'istanbul', budget: 250000 }
 */
export function answersFromFields(def: QuizDefinition, lead: LeadFields): Answers {
  const answers: Answers = {}
  for (const q of def.questions) {
    if (q.field === undefined) continue
    const raw =
      q.field === 'location'
        ? lead.location
        : Object.hasOwn(lead.custom, q.field)
          ? lead.custom[q.field]
          : undefined
    if (raw === undefined || raw === null) continue
    switch (q.kind) {
      case 'single':
      case 'location':
      case 'yes_no': {
        const value = matchOption(q, raw)
        if (value !== undefined) answers[q.id] = value
        break
      }
      case 'number': {
        const n = parseAmount(raw)
        if (n !== undefined && q.number && n >= q.number.min && n <= q.number.max) answers[q.id] = n
        break
      }
      case 'text':
        if (typeof raw === 'string' && raw.trim() !== '') {
          if (raw.length <= (q.maxLength ?? DEFAULT_TEXT_MAX_LENGTH)) answers[q.id] = raw
        }
        break
      case 'multiple':
        break
    }
  }
  return answers
}

/**
 * Scores a lead from its captured fields with the quiz's rules, over the final path of the
 * mapped answers; unlike a submitted quiz, required questions may be unanswered (they earn
 * nothing, and their points still count in the maximum).
 */
export function scoreFields(def: QuizDefinition, lead: LeadFields): ScoreResult {
  return scoreAnswers(def, answersFromFields(def, lead))
}
