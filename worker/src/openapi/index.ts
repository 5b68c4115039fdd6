/** The OpenAPI document (`/openapi.json`) and the API reference page (`/docs`), built from the routes. */
export {
  buildOpenApi,
  documentedRoutes,
  toOpenApiPath,
  type OpenApiDocument,
  type RouteDoc,
} from './build'
export { describeRoute, validate, type RouteDescription } from './describe'
export { escapeHtml, renderDocsHtml } from './html'
