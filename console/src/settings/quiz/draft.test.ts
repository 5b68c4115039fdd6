/** Pure edits of a quiz draft and the list helpers the settings editors share. */
import { describe, expect, it } from 'vitest'
import type { Question } from '../../../../contract'
import { freshKey, moved, without } from '../editor-kit/lists'
import { pathInWords } from '../editor-kit/issues'
import { newQuestion, shownAnswers, withKind } from './draft'

const choice: Question = {
  id: 'role',
  kind: 'single',
  text: { tr: 'Rol', en: 'Role' },
  required: true,
  criterion: 'authority',
  field: 'role',
  options: [
    { value: 'owner', label: { tr: 'Sahip', en: 'Owner' }, points: 10, knockout: false },
    { value: 'staff', label: { tr: 'Çalışan', en: 'Staff' }, points: 2, knockout: false },
  ],
}

describe('the quiz draft', () => {
  it('gives a new question a free key and what its kind needs', () => {
    const q = newQuestion('number', [choice, { ...choice, id: 'question_1' }])
    expect(q.id).toBe('question_2')
    expect(q.number).toEqual({ min: 0, max: 100, display: 'input', bands: [] })
    expect(newQuestion('yes_no', []).options!.map((o) => o.value)).toEqual(['yes', 'no'])
  })

  it('keeps options between choice kinds and drops what the new kind cannot have', () => {
    const multiple = withKind(choice, 'multiple')
    expect(multiple.options).toBe(choice.options)
    expect(multiple.field).toBeUndefined()
    const text = withKind(choice, 'text')
    expect(text.options).toBeUndefined()
    expect(text).toMatchObject({
      id: 'role',
      criterion: 'authority',
      field: 'role',
      maxLength: 500,
    })
  })

  it('sends only the answers of questions the branching shows', () => {
    const decider: Question = {
      ...choice,
      id: 'decider',
      showIf: { question: 'role', op: 'neq', value: 'owner' },
    }
    expect(shownAnswers([choice, decider], { role: 'owner', decider: 'staff' })).toEqual({
      ids: ['role'],
      answers: { role: 'owner' },
    })
    expect(shownAnswers([choice, decider], { role: 'staff', decider: '' })).toEqual({
      ids: ['role', 'decider'],
      answers: { role: 'staff' },
    })
  })
})

describe('list edits and paths', () => {
  it('moves, removes and names items', () => {
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c'])
    expect(moved(['a', 'b', 'c'], 2, 5)).toEqual(['a', 'b', 'c'])
    expect(without(['a', 'b', 'c'], 1)).toEqual(['a', 'c'])
    expect(freshKey('option', ['option_1', 'option_3'])).toBe('option_2')
  })

  it('says an API path in words', () => {
    const words = {
      questions: (n: number) => `Question ${n}`,
      options: (n: number) => `option ${n}`,
      value: 'value',
    }
    expect(pathInWords('questions.2.options.1.value', words)).toBe('Question 3, option 2, value')
    expect(pathInWords('questions.0.showIf.all.1', words)).toBe('Question 1, showIf, all, 1')
  })
})
