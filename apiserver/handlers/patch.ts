// PATCH an object: JSON patch, merge patch, strategic merge patch, server-side apply.
import { StatusError } from '../errors.js';
import type { ApiContext, ApiResult } from './context.js';

export async function patch(ctx: ApiContext): Promise<ApiResult> {
  void ctx;
  throw new StatusError(415, 'UnsupportedMediaType', 'patch is not served yet');
}
