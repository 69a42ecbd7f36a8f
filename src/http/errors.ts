// One shape for every error a client sees: `{ error: { code, message_id, message_en, field? } }`. 4xx say what is
// wrong in Indonesian and English (400 names the field); 5xx say nothing about the inside of the server.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message_id: z.string(),
    message_en: z.string(),
    field: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorSchema>;

/** A refusal a route decides on (not found, out of scope, a rule): thrown, turned into the body by the handler. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly messageId: string,
    messageEn: string,
    readonly field?: string,
  ) {
    super(messageEn);
  }
}

export const notFound = (what_id: string, what_en: string) => new ApiError(404, 'not_found', `${what_id} tidak ditemukan.`, `${what_en} not found.`);
export const forbidden = () => new ApiError(403, 'forbidden', 'Token ini tidak berhak melihat atau mengubah data ini.', 'This token may not see or change this.');
export const badField = (field: string, id: string, en: string) => new ApiError(400, 'invalid_field', id, en, field);

/** Every route's error responses, for the schema (and so for the OpenAPI document). */
export const ERROR_RESPONSES = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 429: ErrorSchema } as const;

function body(code: string, messageId: string, messageEn: string, field?: string): ErrorBody {
  return { error: { code, message_id: messageId, message_en: messageEn, ...(field ? { field } : {}) } };
}

/** The field a validation error is about: `query.period` → `period`, `body.phone` → `phone`. */
function fieldOf(error: { validation?: { instancePath?: string; params?: Record<string, unknown> }[]; validationContext?: string }): string {
  const first = error.validation?.[0];
  const path = (first?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const missing = first?.params?.missingProperty;
  return path || (typeof missing === 'string' ? missing : '') || (error.validationContext ?? 'body');
}

export function errorHandler(error: FastifyError | ApiError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ApiError) {
    return reply.status(error.statusCode).send(body(error.code, error.messageId, error.message, error.field));
  }
  if (hasZodFastifySchemaValidationErrors(error) || (error as FastifyError).validation) {
    const field = fieldOf(error as never);
    const detail = (error as FastifyError).validation?.[0]?.message ?? 'invalid value';
    return reply.status(400).send(body('invalid_field', `Isian "${field}" tidak benar.`, `Field "${field}" is invalid: ${detail}.`, field));
  }
  const status = (error as FastifyError).statusCode ?? 500;
  if (status === 429) return reply.status(429).send(body('rate_limited', 'Terlalu banyak permintaan. Coba lagi sebentar lagi.', 'Too many requests. Try again later.'));
  if (status === 415) return reply.status(415).send(body('unsupported_media_type', 'Jenis isi permintaan tidak didukung.', 'Unsupported content type.'));
  if (status === 413) return reply.status(413).send(body('too_large', 'Isi permintaan terlalu besar.', 'Request body too large.'));
  if (status >= 400 && status < 500) {
    return reply.status(status).send(body('bad_request', 'Permintaan tidak dapat diproses.', 'The request could not be processed.'));
  }
  request.log.error({ err: error, url: request.url, method: request.method }, 'request failed');
  return reply.status(500).send(body('internal', 'Terjadi kesalahan di server.', 'Internal server error.'));
}

export function notFoundHandler(_request: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send(body('not_found', 'Alamat ini tidak ada.', 'No such route.'));
}
