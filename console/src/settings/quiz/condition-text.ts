/**
 * Branching conditions as one line of text, the compact way to edit the rarely used part of a
 * quiz: `role = owner and budget >= 10000`, `city in ist,ank or remote answered`, with
 * parentheses for grouping. Keywords in Turkish or English (`ve`/`and`, `veya`/`or`,
 * `içinde`/`in`, `yanıtlandı`/`answered`); it is written back in the console's language.
 */
import type { Condition, Locale } from '../../../../contract'

const KEYWORDS = {
  tr: { and: 've', or: 'veya', in: 'içinde', answered: 'yanıtlandı' },
  en: { and: 'and', or: 'or', in: 'in', answered: 'answered' },
} as const

type Keyword = keyof (typeof KEYWORDS)['en']

const keywordOf = (word: string): Keyword | undefined => {
  const w = word.toLocaleLowerCase('tr')
  for (const k of Object.keys(KEYWORDS.en) as Keyword[]) {
    if (KEYWORDS.en[k] === w || KEYWORDS.tr[k] === w) return k
  }
  return undefined
}

/**
 * `c` as text in `locale`'s keywords. A group inside another gets parentheses, except an "and"
 * group inside an "or" one, which binds tighter anyway.
 */
export function formatCondition(c: Condition, locale: Locale, parent?: 'all' | 'any'): string {
  const k = KEYWORDS[locale]
  if ('all' in c || 'any' in c) {
    const kind = 'all' in c ? 'all' : 'any'
    const parts = 'all' in c ? c.all : c.any
    const joint = ` ${kind === 'all' ? k.and : k.or} `
    const text = parts.map((p) => formatCondition(p, locale, kind)).join(joint)
    const bare = !parent || parts.length === 1 || (kind === 'all' && parent === 'any')
    return bare ? text : `(${text})`
  }
  switch (c.op) {
    case 'eq':
      return `${c.question} = ${c.value}`
    case 'neq':
      return `${c.question} != ${c.value}`
    case 'in':
      return `${c.question} ${k.in} ${c.values.join(',')}`
    case 'gte':
      return `${c.question} >= ${c.value}`
    case 'lte':
      return `${c.question} <= ${c.value}`
    case 'answered':
      return `${c.question} ${k.answered}`
  }
}

/** Why a text is not a condition: what was expected, and the word found instead (if any). */
export interface ConditionError {
  expected: 'question' | 'operator' | 'value' | 'number' | 'closing' | 'end'
  found?: string
}

export type ParsedCondition =
  { ok: true; condition: Condition } | { ok: false; error: ConditionError }

const TOKEN = /\s*(\(|\)|!=|>=|<=|=|[^\s()=!<>]+)/y

function tokenize(text: string): string[] {
  const tokens: string[] = []
  TOKEN.lastIndex = 0
  let m: RegExpExecArray | null
  while (TOKEN.lastIndex < text.length && (m = TOKEN.exec(text))) tokens.push(m[1]!)
  return tokens
}

class Failure {
  constructor(readonly error: ConditionError) {}
}

/**
 * The condition a line of text describes (`or` binds looser than `and`). The API still checks
 * that the questions exist before this one and have those values.
 * @example parseCondition('role = owner and budget >= 100') // { ok: true, condition: { all: [...] } }
 */
export function parseCondition(text: string): ParsedCondition {
  const tokens = tokenize(text)
  let at = 0
  const peek = () => tokens[at]
  const fail = (expected: ConditionError['expected']): never => {
    const found = peek()
    throw new Failure(found === undefined ? { expected } : { expected, found })
  }
  const group = (kind: 'and' | 'or', part: () => Condition): Condition => {
    const parts = [part()]
    while (peek() !== undefined && keywordOf(peek()!) === kind) {
      at++
      parts.push(part())
    }
    if (parts.length === 1) return parts[0]!
    return kind === 'and' ? { all: parts } : { any: parts }
  }
  const clause = (): Condition => {
    if (peek() === '(') {
      at++
      const inner = expression()
      if (peek() !== ')') fail('closing')
      at++
      return inner
    }
    const question = peek()
    if (question === undefined || !/^[a-z][a-z0-9_]{0,39}$/.test(question)) return fail('question')
    at++
    const op = peek()
    const keyword = op === undefined ? undefined : keywordOf(op)
    if (keyword === 'answered') {
      at++
      return { question, op: 'answered' }
    }
    if (op !== '=' && op !== '!=' && op !== '>=' && op !== '<=' && keyword !== 'in') {
      return fail('operator')
    }
    at++
    const value = peek()
    if (value === undefined || value === '(' || value === ')' || keywordOf(value))
      return fail('value')
    if (op === '>=' || op === '<=') {
      const n = Number(value)
      if (!Number.isFinite(n)) return fail('number')
      at++
      return { question, op: op === '>=' ? 'gte' : 'lte', value: n }
    }
    at++
    if (keyword === 'in') return { question, op: 'in', values: value.split(',').filter(Boolean) }
    return { question, op: op === '=' ? 'eq' : 'neq', value }
  }
  const conjunction = () => group('and', clause)
  const expression = (): Condition => group('or', conjunction)
  try {
    const condition = expression()
    if (at < tokens.length) fail('end')
    return { ok: true, condition }
  } catch (err) {
    if (err instanceof Failure) return { ok: false, error: err.error }
    throw err
  }
}
