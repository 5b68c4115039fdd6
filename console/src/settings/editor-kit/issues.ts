/**
 * The API's validation issues (`{ path, message }` of a 422) as the settings sections show them:
 * next to the field at `path`, and in a summary that names the place in words ("Soru 3,
 * seçenek 2").
 */
import type { ApiFailure } from '../../api'

/** An issue of a 422, or one the console finds itself (the path may be missing). */
export interface Issue {
  path?: string
  message: string
}

/** The issues a failed call carries. */
export const issuesOf = (failure: ApiFailure): Issue[] => failure.issues ?? []

/** The messages of the issues at exactly `path`. */
export const messagesAt = (issues: readonly Issue[], path: string): string[] =>
  issues.filter((i) => i.path === path).map((i) => i.message)

/** How many issues lie at `path` or inside it (a collapsed question says it has some). */
export const countWithin = (issues: readonly Issue[], path: string): number =>
  issues.filter((i) => i.path === path || i.path?.startsWith(path + '.')).length

/** Words for path segments: a list name with a 1-based number, or a field name. */
export type PathWords = Record<string, string | ((n: number) => string)>

/**
 * A dotted API path in words: list segments followed by an index become "Soru 3", known field
 * names their label, unknown names stay as they are.
 * @example pathInWords('questions.2.options.1.value', { questions: (n) => `Question ${n}`, options: (n) => `option ${n}`, value: 'value' }) // 'Question 3, option 2, value'
 */
export function pathInWords(path: string, words: PathWords): string {
  const parts = path.split('.')
  const out: string[] = []
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!
    const word = Object.hasOwn(words, part) ? words[part] : undefined
    const next = parts[i + 1]
    if (typeof word === 'function' && next !== undefined && /^\d+$/.test(next)) {
      out.push(word(Number(next) + 1))
      i++
    } else if (typeof word === 'string') out.push(word)
    else if (typeof word !== 'function') out.push(part)
  }
  return out.join(', ')
}

/** Every issue as one line: where (in words) and what. */
export const issueLines = (issues: readonly Issue[], words: PathWords): string[] =>
  issues.map((i) => (i.path ? `${pathInWords(i.path, words)}: ${i.message}` : i.message))
