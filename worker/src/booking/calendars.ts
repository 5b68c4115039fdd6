/**
 * Which meeting type a booking is for and which reps take demos: pure rules over the store's
 * booking settings. Loading the settings and the reps' calendars is db/calendars.ts.
 */
import type { BookingSettings, MeetingType } from '../../../contract'

export const meetingType = (settings: BookingSettings, id: string): MeetingType | undefined =>
  settings.meetingTypes.find((t) => t.id === id)

/**
 * The reps who take demos, among those with availability (`withAvailability`): the fixed rep;
 * else the settings' list, or every rep with availability when the list is empty.
 *
 * @example eligibleReps({ ...settings, assignment: 'fixed', fixedRep: 'u1' }, ['u1', 'u2']) // ['u1']
 */
export function eligibleReps(settings: BookingSettings, withAvailability: string[]): string[] {
  const eligible =
    settings.assignment === 'fixed' && settings.fixedRep
      ? [settings.fixedRep]
      : settings.reps.length > 0
        ? settings.reps
        : withAvailability
  return eligible.filter((id) => withAvailability.includes(id))
}
