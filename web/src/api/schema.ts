/**
 * Names for the shapes of the REST API, taken from the types generated from the server's OpenAPI
 * document (openapi.generated.ts, `npm run gen:api-types`): the console restates no server type
 * by hand, so a change on the server that the console does not follow fails `npm run typecheck`.
 *
 * `ApiResponse<'/api/keys', 'get'>` is the success body of `GET /api/keys`; paths are written as
 * the document writes them (`/api/keys/{id}`).
 */
import type { paths } from './openapi.generated.js';

export type ApiPath = keyof paths;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends ApiPath, M extends Method> = NonNullable<paths[P][M]>;
type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

/** The JSON a route answers with when it succeeds (200 or 201). */
export type ApiResponse<P extends ApiPath, M extends Method> =
  Operation<P, M> extends { responses: infer Responses } ? Json<Responses[Extract<keyof Responses, 200 | 201>]> : never;

/** The JSON body a route takes. */
export type ApiRequest<P extends ApiPath, M extends Method> =
  Operation<P, M> extends { requestBody?: infer Body } ? Json<NonNullable<Body>> : never;

/** The query parameters a route takes. */
export type ApiQuery<P extends ApiPath, M extends Method> =
  Operation<P, M> extends { parameters: { query?: infer Query } } ? NonNullable<Query> : never;
