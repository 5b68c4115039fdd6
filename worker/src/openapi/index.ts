/** The OpenAPI document (`/openapi.json`) and the API reference page (`/docs`), built from data. */
export { buildOpenApi, toOpenApiPath, type OpenApiDocument } from './build'
export { escapeHtml, renderDocsHtml } from './html'
export { NAMED_SCHEMAS, ROUTES, type RouteDoc } from './routes'
