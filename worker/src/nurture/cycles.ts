/**
 * Sequences that continue in other sequences: `enroll` steps make a directed graph between them.
 * A cycle in it would keep a contact in nurturing forever, messaging them on every lap, so the
 * admin API refuses to save a sequence that closes one.
 */
import type { SequenceStep } from '../../../contract'

/** The sequence ids the `enroll` steps name, each once, in step order. */
export function enrollTargets(steps: readonly SequenceStep[]): string[] {
  return [...new Set(steps.flatMap((s) => (s.kind === 'enroll' ? [s.sequenceId] : [])))]
}

/**
 * One cycle of enrollments as the ids along it, the first repeated at the end; null when there
 * is none. A sequence that enrolls into itself is a cycle of one. Targets that are not among
 * `sequences` are ignored: nothing is known to lead back from them.
 *
 * @example
 * findEnrollCycle([
 *   { id: 'sq_a', steps: [{ kind: 'enroll', sequenceId: 'sq_b' }] },
 *   { id: 'sq_b', steps: [{ kind: 'enroll', sequenceId: 'sq_a' }] },
 * ]) // ['sq_a', 'sq_b', 'sq_a']
 */
export function findEnrollCycle(
  sequences: readonly { id: string; steps: readonly SequenceStep[] }[],
): string[] | null {
  const targets = new Map(sequences.map((s) => [s.id, enrollTargets(s.steps)]))
  // Depth-first search: a target still on the current path closes a cycle.
  const finished = new Set<string>()
  const path: string[] = []
  const visit = (id: string): string[] | null => {
    path.push(id)
    for (const next of targets.get(id) ?? []) {
      if (!targets.has(next) || finished.has(next)) continue
      const at = path.indexOf(next)
      const cycle = at !== -1 ? [...path.slice(at), next] : visit(next)
      if (cycle !== null) return cycle
    }
    path.pop()
    finished.add(id)
    return null
  }
  for (const { id } of sequences) {
    const cycle = finished.has(id) ? null : visit(id)
    if (cycle !== null) return cycle
  }
  return null
}
