import { session } from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `The service answered ${status}.`);
    this.status = status;
    this.problem = problem;
  }
}

let onSignedOut = () => {};
/** What to do when the service no longer accepts the token (401). */
export const whenSignedOut = (handler) => { onSignedOut = handler; };

/** Calls the API with the caller's token; the answer's JSON, or an ApiError with its problem details. */
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${session.token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store', credentials: 'omit',
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    if (response.status === 401) onSignedOut();
    throw new ApiError(response.status, problem);
  }
  return response.status === 204 ? null : response.json();
}

export const query = (parameters) => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined && value !== null && value !== '') search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : '';
};
