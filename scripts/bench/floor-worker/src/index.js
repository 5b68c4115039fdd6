/**
 * Floor worker for the capture bench: `POST /` parses the JSON body, inserts one row into D1 and
 * answers 201 with JSON. No validation, CORS, rate limit or idempotency: the cost Leadline's
 * capture is measured against.
 */
export default {
  async fetch(request, env) {
    if (request.method !== 'POST') return new Response('floor worker\n')
    const body = await request.json()
    const id = crypto.randomUUID()
    await env.DB.prepare('INSERT INTO hits (id, body, created_at) VALUES (?1, ?2, ?3)')
      .bind(id, JSON.stringify(body), new Date().toISOString())
      .run()
    return Response.json({ id }, { status: 201 })
  },
}
