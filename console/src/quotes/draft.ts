/**
 * The quote editor's form as plain data: what the rep typed (strings in their locale) in, the
 * contract's `QuoteDraft` out, with the problems found on the way keyed by the same paths the
 * API's 422 issues use (`lines.0.unitPriceMinor`), so both land at the same field.
 */
import type {
  AdminQuoteSchema,
  Discount,
  FaqItem,
  LineTotals,
  Locale,
  PricedLine,
  Product,
  QuoteDraft,
  QuoteTotals,
} from '../../../contract'
import { KDV_RATES_BPS } from '../../../contract/quote'
import { PricingError, quoteTotals } from '../../../contract/pricing'
import type { InferOutput } from 'valibot'
import { fromMarkup, toMarkup } from './markup'
import { currencyDigits } from '../localize'
import { formatScaled, parseScaled } from './money'

export type AdminQuote = InferOutput<typeof AdminQuoteSchema>

export type DiscountKind = 'none' | 'percent' | 'amount'

export interface LineForm {
  /** Stable across edits, so Lit keeps each row's inputs and focus. */
  key: number
  name: string
  description: string
  quantity: string
  unit: string
  price: string
  discountKind: DiscountKind
  discount: string
  taxRateBps: number
}

export interface FaqForm {
  key: number
  question: string
  answer: string
}

export interface EditorForm {
  title: string
  currency: string
  validUntil: string
  problems: string
  solutions: string
  timeline: string
  faq: FaqForm[]
  lines: LineForm[]
  notes: string
}

/** Why a field is refused, in words the i18n file turns into a sentence. */
export type Problem = 'required' | 'number' | 'discount' | 'invalid'
/** Problems by field path (`title`, `lines.1.quantityMilli`, `sections.faq.0.question`). */
export type Problems = Record<string, Problem>

let nextKey = 1
const key = () => nextKey++

export function emptyLine(taxRateBps: number = KDV_RATES_BPS[0]): LineForm {
  return {
    key: key(),
    name: '',
    description: '',
    quantity: '',
    unit: '',
    price: '',
    discountKind: 'none',
    discount: '',
    taxRateBps,
  }
}

export const emptyFaq = (): FaqForm => ({ key: key(), question: '', answer: '' })

/** A date `days` after `from`, as `YYYY-MM-DD`. */
export const isoDateAfter = (from: Date, days: number): string =>
  new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10)

/** A new quote: one empty line, valid for 30 days. */
export function emptyForm(currency: string, today: Date): EditorForm {
  return {
    title: '',
    currency,
    validUntil: isoDateAfter(today, 30),
    problems: '',
    solutions: '',
    timeline: '',
    faq: [],
    lines: [emptyLine()],
    notes: '',
  }
}

const money = (locale: Locale, minor: number, currency: string) => {
  const digits = currencyDigits(currency)
  return formatScaled(locale, minor, digits, digits)
}

/** A product from the library as a new line, its price written for `locale`. */
export function lineFromProduct(locale: Locale, p: Product): LineForm {
  return {
    ...emptyLine(p.taxRateBps),
    name: p.name,
    description: p.description ?? '',
    quantity: formatScaled(locale, 1000, 3, 0),
    unit: p.unit,
    price: money(locale, p.unitPriceMinor, p.currency),
  }
}

export const faqFromLibrary = (f: FaqItem): FaqForm => ({
  key: key(),
  question: f.question,
  answer: toMarkup(f.answer),
})

/** A saved quote back in the form, to edit its draft or start its next revision. */
export function formFromQuote(locale: Locale, q: AdminQuote): EditorForm {
  return {
    title: q.title,
    currency: q.currency,
    validUntil: q.validUntil,
    problems: toMarkup(q.sections.problems),
    solutions: toMarkup(q.sections.solutions),
    timeline: toMarkup(q.sections.timeline),
    faq: q.sections.faq.map((f) => ({
      key: key(),
      question: f.question,
      answer: toMarkup(f.answer),
    })),
    lines: q.lines.map((l) => ({
      key: key(),
      name: l.name,
      description: l.description ?? '',
      quantity: formatScaled(locale, l.quantityMilli, 3, 0),
      unit: l.unit,
      price: money(locale, l.unitPriceMinor, q.currency),
      discountKind: l.discount?.kind ?? 'none',
      discount:
        l.discount?.kind === 'percent'
          ? formatScaled(locale, l.discount.bps, 2, 0)
          : l.discount?.kind === 'amount'
            ? money(locale, l.discount.minor, q.currency)
            : '',
      taxRateBps: l.taxRateBps,
    })),
    notes: q.notes ?? '',
  }
}

/** One line's numbers, or the fields that are not numbers yet. */
function pricedLine(
  locale: Locale,
  line: LineForm,
  digits: number,
): { line: PricedLine } | { problems: [string, Problem][] } {
  const quantityMilli = parseScaled(locale, line.quantity, 3)
  const unitPriceMinor = parseScaled(locale, line.price, digits)
  const problems: [string, Problem][] = []
  if (!quantityMilli) problems.push(['quantityMilli', line.quantity.trim() ? 'number' : 'required'])
  if (unitPriceMinor === null)
    problems.push(['unitPriceMinor', line.price.trim() ? 'number' : 'required'])
  let discount: Discount | undefined
  if (line.discountKind !== 'none') {
    const value = parseScaled(locale, line.discount, line.discountKind === 'percent' ? 2 : digits)
    if (value === null || (line.discountKind === 'percent' && value > 10_000)) {
      problems.push(['discount', 'number'])
    } else {
      discount =
        line.discountKind === 'percent'
          ? { kind: 'percent', bps: value }
          : { kind: 'amount', minor: value }
    }
  }
  if (problems.length > 0 || !quantityMilli || unitPriceMinor === null) return { problems }
  return {
    line: {
      quantityMilli,
      unitPriceMinor,
      taxRateBps: line.taxRateBps,
      ...(discount ? { discount } : {}),
    },
  }
}

export interface LiveTotals {
  /** Null when a sum passes what pricing computes exactly (2^53 minor units). */
  totals: QuoteTotals | null
  /** Each form line's totals, null while a number in it is not valid yet. */
  byLine: (LineTotals | null)[]
}

/**
 * The totals of the lines whose numbers are valid, with the shared pricing module (the very
 * numbers the worker will store); a line whose amount discount is above its gross is left out.
 */
export function liveTotals(locale: Locale, form: EditorForm): LiveTotals {
  const digits = currencyDigits(form.currency)
  const lines = form.lines.map((l) => {
    const result = pricedLine(locale, l, digits)
    return 'line' in result && !discountTooLarge(result.line) ? result.line : null
  })
  let totals: QuoteTotals
  try {
    totals = quoteTotals(lines.filter((l) => l !== null))
  } catch (err) {
    if (err instanceof PricingError) return { totals: null, byLine: lines.map(() => null) }
    throw err
  }
  let next = 0
  return { totals, byLine: lines.map((l) => (l ? totals.lines[next++]! : null)) }
}

function discountTooLarge(line: PricedLine): boolean {
  try {
    quoteTotals([line])
    return false
  } catch (err) {
    if (err instanceof PricingError) return true
    throw err
  }
}

/**
 * The form as the API's draft, or the problems that keep it from being one. Sections are read
 * from their markup; blank optional text is left out.
 */
export function toDraft(
  locale: Locale,
  form: EditorForm,
): { ok: true; draft: QuoteDraft } | { ok: false; problems: Problems } {
  const problems: Problems = {}
  const digits = currencyDigits(form.currency)
  if (!form.title.trim()) problems.title = 'required'
  if (!/^[A-Z]{3}$/.test(form.currency)) problems.currency = 'invalid'
  if (!form.validUntil) problems.validUntil = 'required'
  if (form.lines.length === 0) problems.lines = 'required'
  const lines = form.lines.map((l, i) => {
    if (!l.name.trim()) problems[`lines.${i}.name`] = 'required'
    if (!l.unit.trim()) problems[`lines.${i}.unit`] = 'required'
    const result = pricedLine(locale, l, digits)
    if ('problems' in result) {
      for (const [field, problem] of result.problems) problems[`lines.${i}.${field}`] = problem
      return null
    }
    if (discountTooLarge(result.line)) problems[`lines.${i}.discount`] = 'discount'
    return {
      ...result.line,
      name: l.name.trim(),
      unit: l.unit.trim(),
      ...(l.description.trim() ? { description: l.description.trim() } : {}),
    }
  })
  form.faq.forEach((f, i) => {
    if (!f.question.trim()) problems[`sections.faq.${i}.question`] = 'required'
  })
  if (Object.keys(problems).length > 0) return { ok: false, problems }
  return {
    ok: true,
    draft: {
      title: form.title.trim(),
      currency: form.currency,
      validUntil: form.validUntil,
      sections: {
        problems: fromMarkup(form.problems),
        solutions: fromMarkup(form.solutions),
        timeline: fromMarkup(form.timeline),
        faq: form.faq.map((f) => ({ question: f.question.trim(), answer: fromMarkup(f.answer) })),
      },
      lines: lines.filter((l) => l !== null),
      ...(form.notes.trim() ? { notes: form.notes.trim() } : {}),
    },
  }
}

/** The fields the editor shows an error next to; an issue deeper than these lands on its field. */
export function fieldOf(path: string, fields: readonly string[]): string | undefined {
  let best: string | undefined
  for (const f of fields) {
    if ((path === f || path.startsWith(f + '.')) && (!best || f.length > best.length)) best = f
  }
  return best
}

/** The API's 422 issues as problems at the editor's fields; those with no field are left out. */
export function problemsFromIssues(
  issues: readonly { path?: string; message: string }[],
  fields: readonly string[],
): Problems {
  const problems: Problems = {}
  for (const issue of issues) {
    const field = issue.path ? fieldOf(issue.path, fields) : undefined
    if (field) problems[field] = 'invalid'
  }
  return problems
}
