/** The store's people, for owner filters and names (`GET /admin/api/team`). */
import type { Team, TeamMember } from '../../../contract'
import type { AdminApi } from '../api'

/**
 * The team as the key may see it; an empty list when the API refuses, so the lists still work
 * (owners show as "another team member", and the filter offers "mine" only).
 */
export async function loadTeam(api: AdminApi): Promise<TeamMember[]> {
  const team = await api.call<Team>('/team')
  return team.ok ? team.value.items : []
}
